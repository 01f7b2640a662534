// Seeds the shop behind a gateway for the benchmark: 20 products (admin key), one user with 10
// orders of 3 items each. Writes the `products(first: 20)` connection as the gateway answers
// it (for the Apollo reference) and prints the user's token on stdout.
// Usage: node seed.mjs <gateway url> <admin key> <products.json out>
import { writeFileSync } from 'node:fs';

const [url, adminKey, productsOut] = process.argv.slice(2);

async function graphql(query, variables = {}, headers = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (response.status !== 200 || body.errors) {
    throw new Error(`${query.slice(0, 60)}: HTTP ${response.status} ${JSON.stringify(body)}`);
  }
  return body.data;
}

const admin = { 'x-api-key': adminKey };
const productIds = [];
for (let i = 1; i <= 20; i += 1) {
  const data = await graphql(
    'mutation($input: AddProductInput!) { addProduct(input: $input) { id } }',
    { input: { name: `Bench product ${i}`, description: `Product number ${i}`, price: `${i}.99`, category: 'bench' } },
    admin,
  );
  productIds.push(data.addProduct.id);
}
const email = `bench-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
const registered = await graphql(
  'mutation($input: RegisterInput!) { register(input: $input) { token } }',
  { input: { name: 'Bench', email, password: 'correct horse battery' } },
);
const auth = { authorization: `Bearer ${registered.register.token}` };
for (let order = 0; order < 10; order += 1) {
  const items = [0, 1, 2].map((k) => ({ productId: productIds[(order * 3 + k) % 20], quantity: 1 + k }));
  await graphql('mutation($input: CreateOrderInput!) { createOrder(input: $input) { id } }', { input: { items } }, auth);
}
const listed = await graphql(
  '{ products(first: 20) { edges { cursor node { id name description price { amount currencyCode } category imageUrl createdAt } } pageInfo { hasNextPage endCursor } } }',
);
writeFileSync(productsOut, JSON.stringify(listed.products));
console.log(registered.register.token);
