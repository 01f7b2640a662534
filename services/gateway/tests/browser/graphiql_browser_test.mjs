// GraphiQL as a developer meets it: the page the gateway serves at /graphql, in Debian's
// Chromium. Its docs explorer must load the schema (graphql-js's introspection query through the
// gateway's limits) and list the fields of Query; a query typed into the editor must run and
// show the gateway's answer. The gateway binary runs alone: these need no upstream service.
// usage: node graphiql_browser_test.mjs <gateway binary>   (CHROMIUM_PATH: the browser)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { startGateway } from '../support/gateway_process.mjs';
import { check, launch, until, watch } from './browser_support.mjs';

const [binary] = process.argv.slice(2);
const here = path.dirname(fileURLToPath(import.meta.url));
// Query's fields as schema.graphql declares them, in order.
const sdl = readFileSync(path.join(here, '../../schema.graphql'), 'utf8');
const queryFields = [...sdl.match(/type Query \{([^}]*)\}/)[1].matchAll(/^\s*(\w+)[(:]/gm)].map((m) => m[1]);
check(queryFields.length > 5, `could not read Query's fields from schema.graphql: ${queryFields}`);

const gateway = await startGateway(binary, {
  JWT_SECRET: '0123456789abcdef0123456789abcdef-graphiql',
  ADMIN_SECRET_KEY: 'graphiql-admin-key',
});
const browser = await launch();
const errors = [];
let exitCode = 1;
try {
  const page = await browser.newPage();
  watch(page, 'graphiql', errors);
  const introspection = page.waitForResponse((response) =>
    response.url().endsWith('/graphql') && response.request().method() === 'POST' &&
    (response.request().postData() ?? '').includes('IntrospectionQuery'), { timeout: 30000 });
  await page.goto(`http://127.0.0.1:${gateway.port}/graphql`);
  const answer = await (await introspection).json();
  check(!answer.errors, `the introspection query was refused: ${JSON.stringify(answer.errors)}`);
  console.log('step: GraphiQL fetched the schema');

  // The docs explorer: Root Types, then Query and its fields.
  await page.getByRole('button', { name: /documentation explorer/i }).click();
  const explorer = page.locator('.graphiql-doc-explorer');
  await explorer.waitFor({ timeout: 30000 });
  check(!(await explorer.textContent()).includes('Error fetching schema'), 'the docs pane says "Error fetching schema"');
  await explorer.locator('a.graphiql-doc-explorer-type-name', { hasText: /^Query$/ }).first().click({ timeout: 30000 });
  await until('the fields of Query in the docs explorer', async () =>
    (await explorer.locator('.graphiql-doc-explorer-field-name').count()) > 0, 30000);
  const listed = await explorer.locator('.graphiql-doc-explorer-field-name').allTextContents();
  check(JSON.stringify(listed) === JSON.stringify(queryFields),
        `the docs explorer lists ${JSON.stringify(listed)}, schema.graphql declares ${JSON.stringify(queryFields)}`);
  console.log(`step: the docs explorer lists Query's ${listed.length} fields: ${listed.join(', ')}`);

  // A query typed into the editor (its CodeMirror instance), run with the execute button.
  await page.evaluate(() => {
    document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue('query Typed { __typename kind: __type(name: "OrderStatus") { kind } }');
  });
  await page.locator('.graphiql-execute-button').click();
  const result = await until('the result of the query', () => page.evaluate(() => {
    const text = document.querySelector('.graphiql-response .CodeMirror')?.CodeMirror.getValue() ?? '';
    return text.includes('__typename') ? text : '';
  }), 30000);
  const data = JSON.parse(result).data;
  check(data?.__typename === 'Query' && data?.kind?.kind === 'ENUM', `the query answered ${result}`);
  console.log('step: the typed query ran and GraphiQL shows {"__typename": "Query", "kind": {"kind": "ENUM"}}');

  check(errors.length === 0, errors.join('\n'));
  exitCode = 0;
  console.log('graphiql: every step passed');
} catch (error) {
  console.log(`graphiql: FAILED: ${error.message}\n${errors.join('\n')}\n--- gateway ---\n${gateway.log()}`);
} finally {
  await browser.close();
  await gateway.stop();
}
process.exit(exitCode);
