// Shared by the gateway's WebSocket tests: the gateway binary (gateway_process.mjs), HS256 tokens, a raw
// graphql-transport-ws connection with awaitable messages and close, and a tiny test runner.
import { createHmac, randomUUID } from 'node:crypto';

export { requireFrom, startGateway } from '../support/gateway_process.mjs';

const base64url = (data) => Buffer.from(data).toString('base64url');

// An HS256 token as user-service issues them (iss ecommerce-user-service).
export function signToken(secret, subject, { expiresIn = 3600, issuer = 'ecommerce-user-service' } = {}) {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const claims = base64url(JSON.stringify({ sub: subject, iss: issuer, iat: now, exp: now + expiresIn }));
  const signature = createHmac('sha256', secret).update(`${header}.${claims}`).digest('base64url');
  return `${header}.${claims}.${signature}`;
}

export const newId = () => randomUUID();

// A raw WebSocket speaking graphql-transport-ws, for asserting the protocol itself.
export class RawSocket {
  constructor(WebSocket, url, protocol = 'graphql-transport-ws') {
    this.messages = [];
    this.waiters = [];
    this.socket = protocol ? new WebSocket(url, protocol) : new WebSocket(url);
    this.opened = new Promise((resolve, reject) => {
      this.socket.once('open', resolve);
      this.socket.once('error', reject);
    });
    this.closed = new Promise((resolve) => {
      this.socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    });
    this.socket.on('message', (data) => {
      this.messages.push(JSON.parse(data.toString()));
      this.waiters.splice(0).forEach((wake) => wake());
    });
  }
  send(message) {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }
  // The first received message matching `predicate` (taken out of the inbox).
  async next(predicate = () => true, timeoutMs = 5000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.messages.findIndex(predicate);
      if (index >= 0) return this.messages.splice(index, 1)[0];
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching message; inbox: ${JSON.stringify(this.messages)}`);
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => { clearTimeout(timer); resolve(); });
      });
    }
  }
  async closeCode(timeoutMs = 5000) {
    return within(this.closed, timeoutMs, 'the server did not close the socket');
  }
  terminate() { this.socket.terminate(); }
}

export function within(promise, timeoutMs, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(what)), timeoutMs); }),
  ]).finally(() => clearTimeout(timer));
}

// Polls `condition` (async) until it holds or `timeoutMs` passes.
export async function waitUntil(condition, timeoutMs = 5000, what = 'condition') {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}
export function assertEqual(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

// Runs named async cases in order; prints one line each; exits 1 if any failed.
export async function runCases(cases, cleanup) {
  let failed = 0;
  for (const [name, fn] of cases) {
    const started = Date.now();
    try {
      await fn();
      console.log(`ok      ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      failed += 1;
      console.log(`FAILED  ${name}: ${error.stack || error}`);
    }
  }
  await cleanup?.(failed);
  console.log(failed === 0 ? `all ${cases.length} cases passed` : `${failed} of ${cases.length} cases failed`);
  process.exit(failed === 0 ? 0 : 1);
}
