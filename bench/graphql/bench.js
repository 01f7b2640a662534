// graphql-js side of bench/graphql: runs the workloads of workloads.json cold (graphql(): parse +
// validate + execute) and warm (execute() of a document parsed and validated beforehand), then
// prints them beside our figures (Google Benchmark JSON) with the ratio.
//
// usage: node bench.js <bench_graphql.json> [--graphql DIR] [--seconds S] [--markdown]
// Throughput is iterations per CPU second on both sides, so other load on a shared machine
// distorts the ratio less than wall time would.
'use strict';
const fs = require('fs');
const path = require('path');

const argv = process.argv.slice(2);
const opt = { ours: null, graphql: path.join(__dirname, '../../node_modules/graphql'), seconds: 2,
              markdown: false };
for (let i = 0; i < argv.length; ++i) {
  if (argv[i] === '--graphql') opt.graphql = argv[++i];
  else if (argv[i] === '--seconds') opt.seconds = Number(argv[++i]);
  else if (argv[i] === '--markdown') opt.markdown = true;
  else opt.ours = argv[i];
}
if (!opt.ours) {
  console.error('usage: node bench.js <bench_graphql.json> [--graphql DIR] [--seconds S] [--markdown]');
  process.exit(2);
}
const graphql = require(path.resolve(opt.graphql));
const corpus = path.join(__dirname, '../../libs/graphql/conformance');
const workloads = JSON.parse(fs.readFileSync(path.join(__dirname, 'workloads.json'), 'utf8'));
const read = (file) => fs.readFileSync(path.join(corpus, file), 'utf8');

const cpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

// Iterations per CPU second of `run`, after a warm-up that lets V8 optimise it.
function measure(run) {
  for (let i = 0; i < 200; ++i) run();
  let iterations = 0;
  const start = cpuSeconds();
  let elapsed = 0;
  while (elapsed < opt.seconds) {
    for (let i = 0; i < 20; ++i) run();
    iterations += 20;
    elapsed = cpuSeconds() - start;
  }
  return iterations / elapsed;
}

function jsFigures(name, spec) {
  const schema = graphql.buildSchema(read(spec.schema));
  const source = read(spec.case + '/query.graphql');
  const variablesFile = path.join(corpus, spec.case, 'variables.json');
  const variableValues = fs.existsSync(variablesFile) ? JSON.parse(fs.readFileSync(variablesFile, 'utf8')) : {};
  const rootValue = JSON.parse(read(spec.data));
  const document = graphql.parse(source);
  const invalid = graphql.validate(schema, document);
  if (invalid.length) throw new Error(`${name}: ${invalid[0].message}`);
  const check = graphql.executeSync({ schema, document, rootValue, variableValues });
  if (check.errors) throw new Error(`${name}: ${check.errors[0].message}`);
  return {
    cold: measure(() => graphql.graphqlSync({ schema, source, rootValue, variableValues })),
    warm: measure(() => graphql.executeSync({ schema, document, rootValue, variableValues })),
  };
}

// Our ops per CPU second, from Google Benchmark's JSON report.
function ourFigures() {
  const report = JSON.parse(fs.readFileSync(opt.ours, 'utf8'));
  const perSecond = { ns: 1e9, us: 1e6, ms: 1e3, s: 1 };
  const figures = {};
  for (const b of report.benchmarks) {
    if (b.run_type === 'aggregate') continue;
    figures[b.name] = perSecond[b.time_unit] / b.cpu_time;
  }
  return figures;
}

const ours = ourFigures();
const rows = [];
for (const [name, spec] of Object.entries(workloads)) {
  const js = jsFigures(name, spec);
  for (const mode of ['cold', 'warm']) {
    const ourOps = ours[`${mode}/${name}`];
    rows.push([name, mode, Math.round(ourOps), Math.round(js[mode]), (ourOps / js[mode]).toFixed(1) + 'x']);
  }
}
const header = ['workload', 'mode', 'ours ops/s', 'graphql-js ops/s', 'ratio'];
if (opt.markdown) {
  console.log('| ' + header.join(' | ') + ' |');
  console.log('|' + header.map((h, i) => (i < 2 ? '---' : '---:')).join('|') + '|');
  for (const r of rows) console.log('| ' + r.join(' | ') + ' |');
} else {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => (i < 2 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}
