// The benchmark's reference server: Apollo Server (standalone, npm @apollo/server) with the
// gateway's schema, answering `products` from products held in memory (its best case: no I/O).
// Usage: node apollo_server.mjs <schema.graphql> <products.json> <port>
// products.json is the `products` connection exactly as the gateway answered it, so both
// servers serialize the same data. Prints "apollo ready <port>" once it listens.
import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

const [schemaPath, productsPath, port] = process.argv.slice(2);
if (!schemaPath || !productsPath || !port) {
  console.error('usage: node apollo_server.mjs <schema.graphql> <products.json> <port>');
  process.exit(2);
}
const typeDefs = readFileSync(schemaPath, 'utf8');
const connection = JSON.parse(readFileSync(productsPath, 'utf8'));

const resolvers = {
  Query: {
    products: (_parent, { first = 20 }) => {
      const edges = connection.edges.slice(0, first);
      return {
        edges,
        nodes: edges.map((edge) => edge.node),
        pageInfo: { hasNextPage: connection.edges.length > first, endCursor: edges.at(-1)?.cursor ?? null },
      };
    },
  },
};

const server = new ApolloServer({ typeDefs, resolvers });
const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port: Number(port) } });
console.log(`apollo ready ${port} ${url}`);
