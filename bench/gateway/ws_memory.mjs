// Memory per WebSocket: opens N graphql-transport-ws connections to a server, then N more each
// with a notificationAdded subscription, and reports how much the server's resident memory
// grew per connection and per subscribed connection.
// usage: node ws_memory.mjs <ws url> <server pid> <count> <jwt secret>
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const [url, pid, countText, secret] = process.argv.slice(2);
const count = Number(countText);
const WebSocket = createRequire(import.meta.url)('ws');
const rssKiB = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));

function token(subject) {
  const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: subject, iss: 'ecommerce-user-service', iat: now, exp: now + 3600 })}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

// Resolves once the server acknowledged the connection (and, when asked, the subscription is
// running: a ping sent after it is answered after the server has taken it).
function open(subscribe) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, 'graphql-transport-ws');
    socket.on('error', reject);
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { token: token(randomUUID()) } })));
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString());
      if (message.type === 'connection_ack') {
        if (!subscribe) return resolve(socket);
        socket.send(JSON.stringify({ type: 'subscribe', id: '1', payload: { query: 'subscription { notificationAdded { id title } }' } }));
        socket.send(JSON.stringify({ type: 'ping' }));
      } else if (message.type === 'pong') {
        resolve(socket);
      } else if (message.type === 'error' || message.type === 'complete') {
        reject(new Error(`subscription ended: ${data}`));
      }
    });
  });
}

const held = [];
for (let i = 0; i < 50; i += 1) held.push(await open(true)); // warm-up: pools, first allocations
await settle();
const base = rssKiB();
for (let i = 0; i < count; i += 1) held.push(await open(false));
await settle();
const connected = rssKiB();
for (let i = 0; i < count; i += 1) held.push(await open(true));
await settle();
const subscribed = rssKiB();
console.log(JSON.stringify({
  connectionKiB: (connected - base) / count,
  subscribedConnectionKiB: (subscribed - connected) / count,
}));
held.forEach((socket) => socket.terminate());
process.exit(0);
