// The baseline of bench/gateway/ws_memory.sh: the reference graphql-transport-ws server (npm
// graphql-ws over ws, on graphql-js) with the gateway's notificationAdded shape. Each
// subscription waits on its own async iterator, as the gateway waits on its user's channel.
// usage: node ws_memory_peer.mjs <port>
import { createServer } from 'node:http';
import { buildSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';

const port = Number(process.argv[2]);
const schema = buildSchema(`
  type Notification { id: ID! title: String! }
  type Query { health: String }
  type Subscription { notificationAdded: Notification }
`);
// A stream that yields nothing until its subscriber leaves.
async function* quiet(signal) {
  await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
}
const roots = {
  subscription: {
    notificationAdded: () => {
      const leave = new AbortController();
      const stream = quiet(leave.signal);
      const stop = stream.return.bind(stream);
      stream.return = (value) => {
        leave.abort();
        return stop(value);
      };
      return stream;
    },
  },
};
schema.getSubscriptionType().getFields().notificationAdded.subscribe = roots.subscription.notificationAdded;
const server = createServer((request, response) => response.writeHead(404).end());
const sockets = new WebSocketServer({ server, path: '/graphql' });
// The token is read as the gateway reads it; checking its signature costs no memory to speak of.
useServer({ schema, onConnect: (context) => Boolean(context.connectionParams?.token) }, sockets);
server.listen(port, '127.0.0.1', () => console.log(`peer listening on ${port}`));
