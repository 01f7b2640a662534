// Runs graphql-http's serverAudits against the real gateway binary; every MUST has to pass.
// usage: node graphql_http_audit.mjs <gateway binary> <node_modules>
import { requireFrom, startGateway } from '../support/gateway_process.mjs';

const [binary, nodeModules] = process.argv.slice(2);
const { serverAudits } = requireFrom(nodeModules)('graphql-http');

const gateway = await startGateway(binary, {
  JWT_SECRET: '0123456789abcdef0123456789abcdef-audit',
  ADMIN_SECRET_KEY: 'audit-admin-key',
});
const { port } = gateway;

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
  await gateway.stop();
}
console.log(failedMust === 0 ? 'every MUST passed' : `${failedMust} MUST audits failed`);
process.exit(failedMust === 0 ? 0 : 1);
