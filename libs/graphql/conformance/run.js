// Conformance suite of the GraphQL engine: runs every case of cases/ through our graphql-exec and
// through graphql-js (the reference), and compares the responses.
//
// usage: node run.js <graphql-exec> [--graphql <graphql-js package dir>] [--filter TEXT] [--verbose]
// (--verbose also prints the differences of expected failures)
//
// A case is a directory cases/<name>/ with query.graphql and, optionally, variables.json,
// data.json (the root value) and schema.graphql. manifest.json names each case's shared schema
// (schemas/<schema>.graphql, whose schemas/<schema>.json is the default root value), its
// operation name, and known engine bugs (expectedFailure: the reason). Compared: whether `data`
// is present and its JSON text (field order included), and the errors as a multiset of
// (path, locations, message). A case marked expectedFailure that passes fails the run, so the
// marks are removed as soon as the engine is fixed.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

function parseArgs(argv) {
  const args = { exec: null, graphql: path.join(__dirname, '../../../node_modules/graphql'),
                 filter: '', verbose: false };
  for (let i = 0; i < argv.length; ++i) {
    if (argv[i] === '--graphql') args.graphql = argv[++i];
    else if (argv[i] === '--filter') args.filter = argv[++i];
    else if (argv[i] === '--verbose') args.verbose = true;
    else args.exec = argv[i];
  }
  if (!args.exec) {
    console.error('usage: node run.js <graphql-exec> [--graphql DIR] [--filter TEXT] [--verbose]');
    process.exit(2);
  }
  return args;
}

const args = parseArgs(process.argv.slice(2));
const graphql = require(path.resolve(args.graphql));
const casesDir = path.join(__dirname, 'cases');
const schemasDir = path.join(__dirname, 'schemas');
const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, 'manifest.json'), 'utf8'));

function readIfExists(file) {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
}

// Loads a case with its files resolved to paths (for graphql-exec) and text (for graphql-js).
function loadCase(name) {
  const entry = manifest.cases[name] || {};
  const dir = path.join(casesDir, name);
  const own = (file) => path.join(dir, file);
  const schemaPath = fs.existsSync(own('schema.graphql')) ? own('schema.graphql')
                                                           : path.join(schemasDir, entry.schema + '.graphql');
  let dataPath = own('data.json');
  if (!fs.existsSync(dataPath)) dataPath = path.join(schemasDir, entry.schema + '.json');
  if (!fs.existsSync(dataPath)) dataPath = null;
  const variablesPath = fs.existsSync(own('variables.json')) ? own('variables.json') : null;
  return {
    name, entry, schemaPath, dataPath, variablesPath, queryPath: own('query.graphql'),
    sdl: fs.readFileSync(schemaPath, 'utf8'),
    query: fs.readFileSync(own('query.graphql'), 'utf8'),
    data: dataPath ? JSON.parse(fs.readFileSync(dataPath, 'utf8')) : {},
    variables: variablesPath ? JSON.parse(fs.readFileSync(variablesPath, 'utf8')) : undefined,
  };
}

const schemaCache = new Map();
function referenceResponse(c) {
  if (!schemaCache.has(c.schemaPath)) schemaCache.set(c.schemaPath, graphql.buildSchema(c.sdl));
  // graphql-js's default field resolver is property lookup and its default type resolver reads
  // `__typename`: the same contract as graphql-exec.
  const result = graphql.graphqlSync({
    schema: schemaCache.get(c.schemaPath), source: c.query, rootValue: c.data,
    variableValues: c.variables, operationName: c.entry.operation,
  });
  return JSON.parse(JSON.stringify(result));
}

function engineResponse(c) {
  const argv = ['--schema', c.schemaPath, '--query', c.queryPath,
                '--data', c.dataPath || path.join(schemasDir, 'empty.json'), '--check-cached'];
  if (c.variablesPath) argv.push('--variables', c.variablesPath);
  if (c.entry.operation) argv.push('--operation', c.entry.operation);
  const run = spawnSync(args.exec, argv, { encoding: 'utf8' });
  if (run.status !== 0) {
    return { crash: `exit ${run.status} signal ${run.signal}: ${run.stderr.trim()}` };
  }
  try {
    return JSON.parse(run.stdout);
  } catch (e) {
    return { crash: `unparsable output: ${run.stdout.slice(0, 200)}` };
  }
}

const errorKey = (e, withMessage) =>
  JSON.stringify([e.path || null, e.locations || null, withMessage ? e.message : null]);
const errorKeys = (r, withMessage) => (r.errors || []).map((e) => errorKey(e, withMessage)).sort();

// The differences between our response and graphql-js's, as readable lines (none: conformant).
function compare(ours, theirs) {
  if (ours.crash) return [`engine failed: ${ours.crash}`];
  const problems = [];
  if (('data' in ours) !== ('data' in theirs)) {
    problems.push(`data present: ours ${'data' in ours}, graphql-js ${'data' in theirs}`);
  } else if (JSON.stringify(ours.data) !== JSON.stringify(theirs.data)) {
    problems.push(`data differs:\n    ours: ${JSON.stringify(ours.data)}\n    js:   ${JSON.stringify(theirs.data)}`);
  }
  const [a, b] = [errorKeys(ours, false), errorKeys(theirs, false)];
  if (JSON.stringify(a) !== JSON.stringify(b)) {
    problems.push(`errors differ (path, locations):\n    ours: ${a.join(' ')}\n    js:   ${b.join(' ')}`);
  } else {
    const [ma, mb] = [errorKeys(ours, true), errorKeys(theirs, true)];
    if (JSON.stringify(ma) !== JSON.stringify(mb)) {
      const ourMessages = (ours.errors || []).map((e) => e.message);
      const jsMessages = (theirs.errors || []).map((e) => e.message);
      problems.push(`error messages differ:\n    ours: ${JSON.stringify(ourMessages)}\n    js:   ${JSON.stringify(jsMessages)}`);
    }
  }
  return problems;
}

const start = Date.now();
const names = fs.readdirSync(casesDir).filter((n) => n.includes(args.filter)).sort();
let passed = 0, failed = 0, expected = 0;
for (const name of Object.keys(manifest.cases)) {
  if (!fs.existsSync(path.join(casesDir, name))) {
    console.log(`FAIL  ${name}: listed in manifest.json but cases/${name} is missing`);
    ++failed;
  }
}
for (const name of names) {
  if (!manifest.cases[name]) {
    console.log(`FAIL  ${name}: not listed in manifest.json`);
    ++failed;
    continue;
  }
  const c = loadCase(name);
  const ours = engineResponse(c);
  const theirs = referenceResponse(c);
  const problems = compare(ours, theirs);
  const reason = c.entry.expectedFailure;
  if (problems.length === 0 && !reason) {
    ++passed;
    console.log(`pass  ${name}`);
  } else if (problems.length === 0) {
    ++failed;
    console.log(`FAIL  ${name}: marked expectedFailure (${reason}) but now passes: remove the mark`);
  } else if (reason) {
    ++passed;
    ++expected;
    console.log(`xfail ${name}: ${reason}`);
    if (args.verbose) for (const p of problems) console.log('  ' + p);
  } else {
    ++failed;
    console.log(`FAIL  ${name}`);
    for (const p of problems) console.log('  ' + p);
  }
}
console.log(`${passed} passed, ${failed} failed (${expected} expected failures) in ${Date.now() - start} ms`);
process.exit(failed === 0 ? 0 : 1);
