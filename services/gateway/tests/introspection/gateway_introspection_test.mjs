// What every GraphQL tool does first (GraphiQL, Postman, graphql-codegen, Rover, Insomnia):
// graphql-js's getIntrospectionQuery() with every option, POSTed to the real gateway binary with
// its default limits. The answer must rebuild (buildClientSchema) into the gateway's own schema
// (schema.graphql) and equal graphql-js's answer for that schema, type order included; the
// rule against cyclic introspection must still refuse a query that loops through `fields`.
// usage: node gateway_introspection_test.mjs <gateway binary> <node_modules> <schema.graphql>
import { readFileSync } from 'node:fs';

import { requireFrom, startGateway } from '../support/gateway_process.mjs';

const [binary, nodeModules, schemaPath] = process.argv.slice(2);
const graphql = requireFrom(nodeModules)('graphql');

const options = {
  descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true,
  schemaDescription: true, inputValueDeprecation: true,
};
const sdlSchema = graphql.buildSchema(readFileSync(schemaPath, 'utf8'));

function check(condition, message) {
  if (!condition) throw new Error(message);
}

const gateway = await startGateway(binary, {
  JWT_SECRET: '0123456789abcdef0123456789abcdef-introspection',
  ADMIN_SECRET_KEY: 'introspection-admin-key',
});
const post = async (query) => {
  const response = await fetch(`http://127.0.0.1:${gateway.port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: await response.json() };
};

let failed = 0;
async function test(name, body) {
  try {
    await body();
    console.log(`ok      ${name}`);
  } catch (error) {
    failed += 1;
    console.log(`FAILED  ${name}\n        ${error.message.replaceAll('\n', '\n        ')}`);
  }
}

try {
  await test('the full introspection query answers with the default limits', async () => {
    const { status, body } = await post(graphql.getIntrospectionQuery(options));
    check(status === 200 && !body.errors, `HTTP ${status}: ${JSON.stringify(body.errors ?? body)}`);

    const client = graphql.buildClientSchema(body.data);
    const expected = graphql.printSchema(sdlSchema);
    const actual = graphql.printSchema(client);
    check(actual === expected, `buildClientSchema differs from schema.graphql:\n--- expected\n${expected}\n--- actual\n${actual}`);
    const changes = [...graphql.findBreakingChanges(sdlSchema, client), ...graphql.findDangerousChanges(sdlSchema, client)];
    check(changes.length === 0, `schema changes: ${JSON.stringify(changes)}`);

    const reference = graphql.graphqlSync({ schema: sdlSchema, source: graphql.getIntrospectionQuery(options) });
    const ours = JSON.stringify(body.data);
    const theirs = JSON.stringify(reference.data);
    if (ours !== theirs) {
      let at = 0;
      while (ours[at] === theirs[at]) at += 1;
      throw new Error(`introspection differs from graphql-js at ${at}:\n ours: ${ours.slice(at - 120, at + 120)}\n js:   ${theirs.slice(at - 120, at + 120)}`);
    }
  });

  await test('the default introspection query (GraphiQL 3) answers too', async () => {
    const { status, body } = await post(graphql.getIntrospectionQuery());
    check(status === 200 && !body.errors, `HTTP ${status}: ${JSON.stringify(body.errors ?? body)}`);
    check(body.data.__schema.queryType.name === 'Query', JSON.stringify(body.data.__schema.queryType));
  });

  await test('cyclic introspection is still refused', async () => {
    const { status, body } = await post('{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }');
    check(status === 400, `HTTP ${status}: ${JSON.stringify(body)}`);
    check(body.errors?.[0]?.message === 'Maximum introspection depth exceeded', JSON.stringify(body.errors));
  });

  await test('the depth limit still holds for the schema\'s own fields', async () => {
    let query = 'id';
    for (let i = 0; i < 5; ++i) query = `orders(first: 1) { nodes { user { ${query} } } }`;
    const { status, body } = await post(`{ me { ${query} } }`);
    check(status === 400, `HTTP ${status}: ${JSON.stringify(body)}`);
    check(/^Query depth \d+ exceeds the maximum of 12\.$/.test(body.errors?.[0]?.message ?? ''), JSON.stringify(body.errors));
  });
} finally {
  await gateway.stop();
}
console.log(failed === 0 ? 'introspection: every check passed' : `introspection: ${failed} checks failed`);
process.exit(failed === 0 ? 0 : 1);
