// Runs graphql-http's serverAudits against the real gateway binary; every MUST has to pass.
// usage: node graphql_http_audit.mjs <gateway binary> <node_modules>
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const [binary, nodeModules] = process.argv.slice(2);
const require = createRequire(path.join(nodeModules, 'noop.js'));
const { serverAudits } = require('graphql-http');

const gateway = spawn(binary, [], {
  env: {
    ...process.env,
    GATEWAY_ADDR: '127.0.0.1:0',
    OPS_ADDR: '127.0.0.1:0',
    JWT_SECRET: '0123456789abcdef0123456789abcdef-audit',
    ADMIN_SECRET_KEY: 'audit-admin-key',
  },
  stdio: ['ignore', 'ignore', 'pipe'],
});
let log = '';
const port = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error('gateway did not start:\n' + log)), 30000);
  gateway.stderr.on('data', (chunk) => {
    log += chunk;
    const match = /gateway started: http \S+ \(port (\d+)\)/.exec(log);
    if (match) {
      clearTimeout(timer);
      resolve(Number(match[1]));
    }
  });
  gateway.on('exit', (code) => reject(new Error(`gateway exited with ${code}:\n${log}`)));
});

let failedMust = 0;
try {
  for (const audit of serverAudits({ url: `http://127.0.0.1:${port}/graphql` })) {
    const result = await audit.fn();
    const line = `${result.status.padEnd(7)} ${audit.id} ${audit.name}`;
    if (result.status === 'ok') {
      console.log(line);
    } else {
      console.log(`${line}\n        ${result.reason}`);
      if (audit.name.startsWith('MUST')) failedMust += 1;
    }
  }
} finally {
  gateway.kill('SIGTERM');
}
console.log(failedMust === 0 ? 'every MUST passed' : `${failedMust} MUST audits failed`);
process.exit(failedMust === 0 ? 0 : 1);
