// Runs graphql-js's getIntrospectionQuery() through our graphql-exec, rebuilds the schema with
// buildClientSchema() and checks printSchema() equals graphql-js's own print of the SDL.
// usage: node introspection_roundtrip.js <graphql-exec> <schema.graphql> <graphql module dir>
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const [execPath, schemaPath, graphqlDir] = process.argv.slice(2);
const graphql = require(graphqlDir);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'introspection-'));
const queryPath = path.join(dir, 'q.graphql');
const dataPath = path.join(dir, 'data.json');
fs.writeFileSync(queryPath, graphql.getIntrospectionQuery({
  descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true,
  schemaDescription: true, inputValueDeprecation: true, oneOf: true,
}));
fs.writeFileSync(dataPath, '{}');
const out = execFileSync(execPath, ['--schema', schemaPath, '--data', dataPath, '--query', queryPath]);
fs.rmSync(dir, { recursive: true });
const response = JSON.parse(out.toString());
if (response.errors) {
  console.error(JSON.stringify(response.errors, null, 2));
  process.exit(1);
}
const sdl = fs.readFileSync(schemaPath, 'utf8');
const expected = graphql.printSchema(graphql.buildSchema(sdl));
const actual = graphql.printSchema(graphql.buildClientSchema(response.data));
if (expected !== actual) {
  console.error('--- expected\n' + expected + '\n--- actual\n' + actual);
  process.exit(1);
}
// The introspection data itself must equal graphql-js's, type order included.
const reference = graphql.graphqlSync({
  schema: graphql.buildSchema(sdl),
  source: graphql.getIntrospectionQuery({
    descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true,
    schemaDescription: true, inputValueDeprecation: true, oneOf: true,
  }),
});
const a = JSON.stringify(response.data), b = JSON.stringify(reference.data);
if (a !== b) {
  for (let i = 0; i < Math.min(a.length, b.length); ++i) {
    if (a[i] !== b[i]) {
      console.error('introspection differs at ' + i + ':\n ours: ' + a.slice(i - 200, i + 200) +
                    '\n  js:  ' + b.slice(i - 200, i + 200));
      break;
    }
  }
  process.exit(1);
}
console.log('introspection round trip ok');
