// Shared by the gateway's node tests: resolving their npm packages from the repository's
// node_modules, and the gateway binary started on ports of its own.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

export function requireFrom(nodeModules) {
  return createRequire(path.join(path.resolve(nodeModules), 'noop.js'));
}

// Starts the gateway binary with `env` added; resolves to {process, port, opsPort, log(), stop()}
// once it has logged where it listens, or rejects with its log when it exits or takes 30 s.
export async function startGateway(binary, env) {
  const gateway = spawn(binary, [], {
    env: { ...process.env, GATEWAY_ADDR: '127.0.0.1:0', OPS_ADDR: '127.0.0.1:0', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  gateway.stderr.on('data', (chunk) => { log += chunk; });
  const ports = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('gateway did not start:\n' + log)), 30000);
    const check = () => {
      const match = /gateway started: http \S+ \(port (\d+)\), ops \S+ \(port (\d+)\)/.exec(log);
      if (match) {
        clearTimeout(timer);
        resolve({ port: Number(match[1]), opsPort: Number(match[2]) });
      }
    };
    gateway.stderr.on('data', check);
    gateway.on('exit', (code) => reject(new Error(`gateway exited with ${code}:\n${log}`)));
  });
  const exited = new Promise((resolve) => gateway.once('exit', resolve));
  const stop = async () => {
    if (gateway.exitCode === null && gateway.signalCode === null) gateway.kill('SIGTERM');
    return exited;
  };
  return { process: gateway, ...ports, log: () => log, stop };
}
