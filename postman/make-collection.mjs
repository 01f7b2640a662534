#!/usr/bin/env node
// Writes ecommerce-notifications.postman_collection.json and local.postman_environment.json
// from the requests below, so every request carries the same assertions, headers and
// descriptions. Edit this file, then run `node postman/make-collection.mjs`;
// `--check` exits 1 when the committed JSON differs from what this file produces (a ctest).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const COLLECTION = join(here, 'ecommerce-notifications.postman_collection.json');
const ENVIRONMENT = join(here, 'local.postman_environment.json');

// Bounded polling of an asynchronous effect: at most POLL_ATTEMPTS requests, POLL_PAUSE_MS
// apart (a pause between polls, not a wait that assumes the effect is done). One minute: a
// notification-service that starts on shared topics (make test) first replays their history,
// and each batch holding orders of users it never saw waits ~6 s (ORDER_USER_WAIT_*).
const POLL_ATTEMPTS = 300;
const POLL_PAUSE_MS = 200;

// ---------------------------------------------------------------------------------------------
// Script fragments shared by the requests.

const parse = ['const body = pm.response.json();', 'const data = body.data || {};'];
const statusOk = ['pm.test("HTTP 200", () => pm.response.to.have.status(200));'];
const noErrors = [
  'pm.test("no errors", () => pm.expect(body.errors, JSON.stringify(body.errors)).to.be.undefined);',
];
const ok = [...statusOk, ...parse, ...noErrors];

// A negative example: the request fails with exactly this extensions.code on `field`, which is
// null (or data is null when the field is non-null).
function failsWith(code, field) {
  return [
    ...statusOk,
    ...parse,
    `pm.test("fails with ${code}", () => {`,
    '  pm.expect(body.errors, "errors").to.be.an("array").that.is.not.empty;',
    `  pm.expect(body.errors[0].extensions.code).to.eql("${code}");`,
    `  pm.expect(body.errors[0].path).to.eql(["${field}"]);`,
    '});',
    `pm.test("returns nothing for ${field}", () => pm.expect(data["${field}"] ?? null).to.be.null);`,
  ];
}

// Polls the same request until `condition` (an expression over body/data) holds, then runs
// `assertions`; after POLL_ATTEMPTS requests the assertions run anyway and fail.
function pollUntil(what, condition, assertions) {
  return {
    prerequest: [
      '// A pause between polls only; the first attempt goes at once.',
      'if (Number(pm.collectionVariables.get("pollAttempt") || 0) > 0) {',
      `  setTimeout(() => {}, ${POLL_PAUSE_MS});`,
      '}',
    ],
    test: [
      ...ok,
      `const attempt = Number(pm.collectionVariables.get("pollAttempt") || 0) + 1;`,
      `const done = (() => { try { return Boolean(${condition}); } catch (e) { return false; } })();`,
      `if (!done && attempt < ${POLL_ATTEMPTS}) {`,
      '  pm.collectionVariables.set("pollAttempt", attempt);',
      '  pm.execution.setNextRequest(pm.info.requestName);',
      '} else {',
      '  pm.collectionVariables.set("pollAttempt", 0);',
      `  pm.test("${what} (attempt " + attempt + " of ${POLL_ATTEMPTS})", () => pm.expect(done).to.be.true);`,
      ...assertions.map((line) => `  ${line}`),
      '}',
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Requests. auth: "none" | "jwt" | "admin" | "wrong-admin".

function request(name, { auth = 'none', description, query, variables, test, prerequest }) {
  const header = [{ key: 'Content-Type', value: 'application/json' }];
  if (auth === 'jwt') header.push({ key: 'Authorization', value: 'Bearer {{token}}' });
  if (auth === 'admin') header.push({ key: 'x-api-key', value: '{{adminKey}}' });
  if (auth === 'wrong-admin') header.push({ key: 'x-api-key', value: 'not-the-admin-key' });
  // A block per script: the sandbox runs every script in one scope, which already has a
  // global `data` (iteration data), so top-level declarations would collide.
  const block = (lines) => ['{', ...lines.map((line) => `  ${line}`), '}'];
  const event = [];
  if (prerequest) {
    event.push({ listen: 'prerequest', script: { type: 'text/javascript', exec: block(prerequest) } });
  }
  event.push({ listen: 'test', script: { type: 'text/javascript', exec: block(test) } });
  return {
    name,
    event,
    request: {
      method: 'POST',
      header,
      body: {
        mode: 'graphql',
        graphql: {
          query: query.trim() + '\n',
          variables: variables ? JSON.stringify(variables, null, 2) : '',
        },
      },
      url: { raw: '{{baseUrl}}/graphql', host: ['{{baseUrl}}'], path: ['graphql'] },
      description,
    },
    response: [],
  };
}

const auth = [
  request('Register', {
    description:
      'Creates an account with a unique e-mail for this run (pre-request script) and stores the ' +
      'returned token in `token`: every "JWT" request after it is signed in as this user. ' +
      'Preferences: order updates, promotions of this run\'s category only.',
    prerequest: [
      '// A fresh user and category per run, so the collection runs again on the same database.',
      'const runId = Date.now().toString(36) + Math.random().toString(36).slice(2, 8);',
      'pm.collectionVariables.set("runId", runId);',
      'pm.collectionVariables.set("email", `ada.${runId}@example.com`);',
      'pm.collectionVariables.set("category", `kitchen-${runId}`);',
      'pm.collectionVariables.set("otherCategory", `garden-${runId}`);',
    ],
    query: `
mutation Register($input: RegisterInput!) {
  register(input: $input) {
    token
    expiresAt
    user { id name email createdAt preferences { orderUpdates promotions categories } }
  }
}`,
    variables: {
      input: {
        name: 'Ada Lovelace',
        email: '{{email}}',
        password: '{{password}}',
        preferences: { orderUpdates: true, promotions: true, categories: ['{{category}}'] },
      },
    },
    test: [
      ...ok,
      'const payload = data.register;',
      'pm.test("a signed token", () => pm.expect(payload.token.split(".")).to.have.lengthOf(3));',
      'pm.test("the new user", () => {',
      '  pm.expect(payload.user.email).to.eql(pm.collectionVariables.get("email"));',
      '  pm.expect(payload.user.name).to.eql("Ada Lovelace");',
      '  pm.expect(payload.user.preferences).to.eql({orderUpdates: true, promotions: true,',
      '    categories: [pm.collectionVariables.get("category")]});',
      '  pm.expect(Date.parse(payload.expiresAt)).to.be.above(Date.now());',
      '});',
      'pm.collectionVariables.set("token", payload.token);',
      'pm.collectionVariables.set("userId", payload.user.id);',
    ],
  }),
  request('Register with a taken e-mail → CONFLICT', {
    description: 'The same e-mail again: CONFLICT, no second account.',
    query: `
mutation Register($input: RegisterInput!) {
  register(input: $input) { token }
}`,
    variables: { input: { name: 'Ada again', email: '{{email}}', password: '{{password}}' } },
    test: failsWith('CONFLICT', 'register'),
  }),
  request('Login', {
    description: 'Signs in with e-mail and password; stores the new token in `token`.',
    query: `
mutation Login($email: String!, $password: String!) {
  login(email: $email, password: $password) { token expiresAt user { id email } }
}`,
    variables: { email: '{{email}}', password: '{{password}}' },
    test: [
      ...ok,
      'pm.test("the registered user", () => {',
      '  pm.expect(data.login.user.id).to.eql(pm.collectionVariables.get("userId"));',
      '  pm.expect(data.login.token.split(".")).to.have.lengthOf(3);',
      '});',
      'pm.collectionVariables.set("token", data.login.token);',
    ],
  }),
  request('Login with a wrong password → UNAUTHENTICATED', {
    description: 'A wrong password: UNAUTHENTICATED, and the message does not say which part was wrong.',
    query: `
mutation Login($email: String!, $password: String!) {
  login(email: $email, password: $password) { token }
}`,
    variables: { email: '{{email}}', password: 'not the password' },
    test: [
      ...failsWith('UNAUTHENTICATED', 'login'),
      'pm.test("no hint which part was wrong", () =>',
      '  pm.expect(body.errors[0].message).to.eql("invalid email or password"));',
    ],
  }),
];

const users = [
  request('Me (JWT)', {
    auth: 'jwt',
    description: 'The signed-in user, from the Bearer token.',
    query: `
query Me {
  me {
    id name email createdAt
    preferences { orderUpdates promotions categories }
    unreadNotificationCount
  }
}`,
    test: [
      ...ok,
      'pm.test("the signed-in user", () => {',
      '  pm.expect(data.me.id).to.eql(pm.collectionVariables.get("userId"));',
      '  pm.expect(data.me.email).to.eql(pm.collectionVariables.get("email"));',
      '  pm.expect(data.me.unreadNotificationCount).to.eql(0);',
      '});',
    ],
  }),
  request('Me without a token → UNAUTHENTICATED', {
    description: 'The same query without `Authorization`: UNAUTHENTICATED.',
    query: 'query Me { me { id } }',
    test: failsWith('UNAUTHENTICATED', 'me'),
  }),
  request('User by id (JWT)', {
    auth: 'jwt',
    description: 'Yourself by id; anyone else\'s id needs the admin key (FORBIDDEN otherwise).',
    query: `
query User($id: ID!) {
  user(id: $id) { id name email orders(first: 5) { nodes { id } } }
}`,
    variables: { id: '{{userId}}' },
    test: [
      ...ok,
      'pm.test("the user, no orders yet", () => {',
      '  pm.expect(data.user.id).to.eql(pm.collectionVariables.get("userId"));',
      '  pm.expect(data.user.orders.nodes).to.eql([]);',
      '});',
    ],
  }),
  request('User by id (Admin)', {
    auth: 'admin',
    description: 'Any user by id with the admin key (`x-api-key`), no token needed.',
    query: `
query User($id: ID!) {
  user(id: $id) { id email preferences { orderUpdates promotions categories } }
}`,
    variables: { id: '{{userId}}' },
    test: [
      ...ok,
      'pm.test("the user", () => pm.expect(data.user.email).to.eql(pm.collectionVariables.get("email")));',
    ],
  }),
  request('Update preferences (JWT)', {
    auth: 'jwt',
    description: 'Adds a second category; the omitted fields (orderUpdates, promotions) keep their values.',
    query: `
mutation UpdatePreferences($input: PreferencesInput!) {
  updatePreferences(input: $input) { id preferences { orderUpdates promotions categories } }
}`,
    variables: { input: { categories: ['{{category}}', '{{otherCategory}}'] } },
    test: [
      ...ok,
      'pm.test("categories changed, the rest kept", () => {',
      '  const p = data.updatePreferences.preferences;',
      '  pm.expect(p.categories).to.have.members([pm.collectionVariables.get("category"),',
      '    pm.collectionVariables.get("otherCategory")]);',
      '  pm.expect(p.orderUpdates).to.be.true;',
      '  pm.expect(p.promotions).to.be.true;',
      '});',
    ],
  }),
];

const productFields = 'id name description category imageUrl createdAt price { amount currencyCode }';
const products = [
  request('Add product (Admin)', {
    auth: 'admin',
    description: 'Adds a product with the admin key; stores its id in `productId`.',
    query: `
mutation AddProduct($input: AddProductInput!) {
  addProduct(input: $input) { ${productFields} }
}`,
    variables: {
      input: {
        name: 'Kettle',
        description: 'Boils 1.7 l',
        price: '19.99',
        currencyCode: 'USD',
        category: '{{category}}',
        imageUrl: 'https://example.com/kettle.png',
      },
    },
    test: [
      ...ok,
      'pm.test("the product, price exact", () => {',
      '  pm.expect(data.addProduct.name).to.eql("Kettle");',
      '  pm.expect(data.addProduct.price).to.eql({amount: "19.99", currencyCode: "USD"});',
      '  pm.expect(data.addProduct.category).to.eql(pm.collectionVariables.get("category"));',
      '});',
      'pm.collectionVariables.set("productId", data.addProduct.id);',
    ],
  }),
  request('Add a second product (Admin)', {
    auth: 'admin',
    description: 'A second product in the same category (for paging and the order); `productId2`.',
    query: `
mutation AddProduct($input: AddProductInput!) {
  addProduct(input: $input) { id name price { amount currencyCode } }
}`,
    variables: { input: { name: 'Teapot', price: '24.50', category: '{{category}}' } },
    test: [
      ...ok,
      'pm.test("defaults: USD", () => pm.expect(data.addProduct.price).to.eql({amount: "24.50", currencyCode: "USD"}));',
      'pm.collectionVariables.set("productId2", data.addProduct.id);',
    ],
  }),
  request('Add product with a wrong admin key → FORBIDDEN', {
    auth: 'wrong-admin',
    description: 'An `x-api-key` that is not ADMIN_SECRET_KEY: FORBIDDEN, nothing added.',
    query: `
mutation AddProduct($input: AddProductInput!) {
  addProduct(input: $input) { id }
}`,
    variables: { input: { name: 'Forbidden kettle', price: '1.00', category: '{{category}}' } },
    test: failsWith('FORBIDDEN', 'addProduct'),
  }),
  request('Add product with a bad price → BAD_USER_INPUT', {
    auth: 'admin',
    description: 'Prices are decimal strings: "abc" is BAD_USER_INPUT naming the field.',
    query: `
mutation AddProduct($input: AddProductInput!) {
  addProduct(input: $input) { id }
}`,
    variables: { input: { name: 'Bad kettle', price: 'abc', category: '{{category}}' } },
    test: [
      ...failsWith('BAD_USER_INPUT', 'addProduct'),
      'pm.test("names the field", () => pm.expect(body.errors[0].message).to.match(/^price/));',
    ],
  }),
  request('Product by id', {
    description: 'Public: one product by id (null when there is none).',
    query: `
query Product($id: ID!) {
  product(id: $id) { ${productFields} }
}`,
    variables: { id: '{{productId}}' },
    test: [
      ...ok,
      'pm.test("the product", () => {',
      '  pm.expect(data.product.id).to.eql(pm.collectionVariables.get("productId"));',
      '  pm.expect(data.product.description).to.eql("Boils 1.7 l");',
      '  pm.expect(data.product.imageUrl).to.eql("https://example.com/kettle.png");',
      '});',
    ],
  }),
  request('Products of a category, first page', {
    description: 'Public: the catalogue newest first, one per page; stores `endCursor`.',
    query: `
query Products($first: Int, $after: String, $category: String) {
  products(first: $first, after: $after, category: $category) {
    edges { cursor node { id name price { amount } } }
    pageInfo { hasNextPage endCursor }
  }
}`,
    variables: { first: 1, category: '{{category}}' },
    test: [
      ...ok,
      'pm.test("newest first, more to come", () => {',
      '  pm.expect(data.products.edges.map(e => e.node.id)).to.eql([pm.collectionVariables.get("productId2")]);',
      '  pm.expect(data.products.pageInfo.hasNextPage).to.be.true;',
      '});',
      'pm.collectionVariables.set("productsCursor", data.products.pageInfo.endCursor);',
    ],
  }),
  request('Products of a category, next page', {
    description: 'Public: the page after `endCursor`; the last one.',
    query: `
query Products($first: Int, $after: String, $category: String) {
  products(first: $first, after: $after, category: $category) {
    nodes { id name }
    pageInfo { hasNextPage endCursor }
  }
}`,
    variables: { first: 1, after: '{{productsCursor}}', category: '{{category}}' },
    test: [
      ...ok,
      'pm.test("the older product, no more pages", () => {',
      '  pm.expect(data.products.nodes.map(n => n.id)).to.eql([pm.collectionVariables.get("productId")]);',
      '  pm.expect(data.products.pageInfo.hasNextPage).to.be.false;',
      '});',
    ],
  }),
];

const orders = [
  request('Create order (JWT)', {
    auth: 'jwt',
    description: 'Two Kettles and a Teapot at today\'s prices; stores `orderId`.',
    query: `
mutation CreateOrder($input: CreateOrderInput!) {
  createOrder(input: $input) {
    id status createdAt
    total { amount currencyCode }
    items { quantity product { id } unitPrice { amount } lineTotal { amount } }
  }
}`,
    variables: {
      input: {
        items: [
          { productId: '{{productId}}', quantity: 2 },
          { productId: '{{productId2}}', quantity: 1 },
        ],
      },
    },
    test: [
      ...ok,
      'const order = data.createOrder;',
      'pm.test("PENDING, exact total", () => {',
      '  pm.expect(order.status).to.eql("PENDING");',
      '  pm.expect(order.total).to.eql({amount: "64.48", currencyCode: "USD"});',
      '  pm.expect(order.items.map(i => i.lineTotal.amount)).to.eql(["39.98", "24.50"]);',
      '});',
      'pm.collectionVariables.set("orderId", order.id);',
    ],
  }),
  request('Order by id (JWT)', {
    auth: 'jwt',
    description: 'Your own order with its user and the products of its lines.',
    query: `
query Order($id: ID!) {
  order(id: $id) {
    id status updatedAt
    user { id email }
    items { quantity product { name } unitPrice { amount currencyCode } }
    total { amount }
  }
}`,
    variables: { id: '{{orderId}}' },
    test: [
      ...ok,
      'pm.test("the order, linked", () => {',
      '  pm.expect(data.order.id).to.eql(pm.collectionVariables.get("orderId"));',
      '  pm.expect(data.order.user.id).to.eql(pm.collectionVariables.get("userId"));',
      '  pm.expect(data.order.items.map(i => i.product.name)).to.eql(["Kettle", "Teapot"]);',
      '});',
    ],
  }),
  request('Orders by user (JWT)', {
    auth: 'jwt',
    description: 'Your orders, newest first (anyone\'s with the admin key).',
    query: `
query OrdersByUser($userId: ID!) {
  ordersByUser(userId: $userId, first: 10) {
    edges { cursor node { id status total { amount } } }
    pageInfo { hasNextPage }
  }
}`,
    variables: { userId: '{{userId}}' },
    test: [
      ...ok,
      'pm.test("the one order", () => {',
      '  pm.expect(data.ordersByUser.edges.map(e => e.node.id)).to.eql([pm.collectionVariables.get("orderId")]);',
      '  pm.expect(data.ordersByUser.pageInfo.hasNextPage).to.be.false;',
      '});',
    ],
  }),
  request('Update order status with only a token → FORBIDDEN', {
    auth: 'jwt',
    description: 'Status changes need the admin key; a user\'s token is not enough.',
    query: `
mutation UpdateOrderStatus($id: ID!, $status: OrderStatus!) {
  updateOrderStatus(id: $id, status: $status) { id status }
}`,
    variables: { id: '{{orderId}}', status: 'CONFIRMED' },
    test: failsWith('FORBIDDEN', 'updateOrderStatus'),
  }),
  request('Update order status to CONFIRMED (Admin)', {
    auth: 'admin',
    description: 'PENDING → CONFIRMED; the owner gets an ORDER_UPDATE notification (Kafka).',
    query: `
mutation UpdateOrderStatus($id: ID!, $status: OrderStatus!) {
  updateOrderStatus(id: $id, status: $status) { id status updatedAt }
}`,
    variables: { id: '{{orderId}}', status: 'CONFIRMED' },
    test: [
      ...ok,
      'pm.test("CONFIRMED", () => pm.expect(data.updateOrderStatus.status).to.eql("CONFIRMED"));',
    ],
  }),
  request('Update order status to SHIPPED (Admin)', {
    auth: 'admin',
    description: 'CONFIRMED → SHIPPED.',
    query: `
mutation UpdateOrderStatus($id: ID!, $status: OrderStatus!) {
  updateOrderStatus(id: $id, status: $status) { id status }
}`,
    variables: { id: '{{orderId}}', status: 'SHIPPED' },
    test: [
      ...ok,
      'pm.test("SHIPPED", () => pm.expect(data.updateOrderStatus.status).to.eql("SHIPPED"));',
    ],
  }),
  request('Update order status SHIPPED → PENDING → CONFLICT (Admin)', {
    auth: 'admin',
    description: 'An illegal transition: CONFLICT naming both states; the order stays SHIPPED.',
    query: `
mutation UpdateOrderStatus($id: ID!, $status: OrderStatus!) {
  updateOrderStatus(id: $id, status: $status) { id status }
}`,
    variables: { id: '{{orderId}}', status: 'PENDING' },
    test: [
      ...failsWith('CONFLICT', 'updateOrderStatus'),
      'pm.test("names both states", () =>',
      '  pm.expect(body.errors[0].message).to.include("cannot go from SHIPPED to PENDING"));',
    ],
  }),
];

const notificationFields =
  'id type title body data read createdAt readAt order { id status } product { id name }';
const notifications = [
  request('Notifications: wait for the SHIPPED update (JWT)', {
    auth: 'jwt',
    description:
      'Unread notifications, newest first. The ORDER_UPDATE travels order-service → Kafka → ' +
      'notification-service, so this request repeats (pm.execution.setNextRequest, at most ' +
      `${POLL_ATTEMPTS} times, ${POLL_PAUSE_MS} ms apart) until it is there; stores \`notificationId\`.`,
    query: `
query Notifications($unreadOnly: Boolean, $first: Int) {
  notifications(unreadOnly: $unreadOnly, first: $first) {
    edges { cursor node { ${notificationFields} } }
    pageInfo { hasNextPage }
  }
}`,
    variables: { unreadOnly: true, first: 20 },
    ...pollUntil(
      'the SHIPPED notification arrived',
      'data.notifications.edges.some(e => e.node.type === "ORDER_UPDATE" && ' +
        'e.node.data.status === "SHIPPED" && e.node.order.id === pm.collectionVariables.get("orderId"))',
      [
        'const nodes = (data.notifications ? data.notifications.edges : []).map(e => e.node);',
        'const shipped = nodes.find(n => n.type === "ORDER_UPDATE" && n.data.status === "SHIPPED");',
        'if (shipped) {',
        '  pm.test("unread, linked to the order as it is now", () => {',
        '    pm.expect(shipped.read).to.be.false;',
        '    pm.expect(shipped.readAt).to.be.null;',
        '    pm.expect(shipped.order).to.eql({id: pm.collectionVariables.get("orderId"), status: "SHIPPED"});',
        '  });',
        '  pm.test("the CONFIRMED one came first", () =>',
        '    pm.expect(nodes.map(n => n.data.status)).to.eql(["SHIPPED", "CONFIRMED"]));',
        '  pm.collectionVariables.set("notificationId", shipped.id);',
        '}',
      ],
    ),
  }),
  request('Unread notification count (JWT)', {
    auth: 'jwt',
    description: 'How many are unread: the CONFIRMED and SHIPPED updates.',
    query: 'query UnreadCount { unreadNotificationCount }',
    test: [...ok, 'pm.test("two unread", () => pm.expect(data.unreadNotificationCount).to.eql(2));'],
  }),
  request('Mark notification read (JWT)', {
    auth: 'jwt',
    description: 'Marks the SHIPPED notification read.',
    query: `
mutation MarkRead($id: ID!) {
  markNotificationRead(id: $id) { id read readAt }
}`,
    variables: { id: '{{notificationId}}' },
    test: [
      ...ok,
      'pm.test("read now", () => {',
      '  pm.expect(data.markNotificationRead.id).to.eql(pm.collectionVariables.get("notificationId"));',
      '  pm.expect(data.markNotificationRead.read).to.be.true;',
      '  pm.expect(Date.parse(data.markNotificationRead.readAt)).to.be.a("number").and.not.NaN;',
      '});',
    ],
  }),
  request('Post notification (Admin)', {
    auth: 'admin',
    description:
      'Sends one SYSTEM notification to the user; `data.product_id` links it to the product.',
    query: `
mutation PostNotification($input: PostNotificationInput!) {
  postNotification(input: $input) { ${notificationFields} }
}`,
    variables: {
      input: {
        userId: '{{userId}}',
        type: 'SYSTEM',
        title: 'Back in stock',
        body: 'The Kettle you looked at is back.',
        data: { product_id: '{{productId}}' },
      },
    },
    test: [
      ...ok,
      'const n = data.postNotification;',
      'pm.test("stored, unread, linked to the product", () => {',
      '  pm.expect(n.type).to.eql("SYSTEM");',
      '  pm.expect(n.read).to.be.false;',
      '  pm.expect(n.data).to.eql({product_id: pm.collectionVariables.get("productId")});',
      '  pm.expect(n.product).to.eql({id: pm.collectionVariables.get("productId"), name: "Kettle"});',
      '});',
      'pm.collectionVariables.set("systemNotificationId", n.id);',
    ],
  }),
  request('Notifications of the user, newest first (JWT)', {
    auth: 'jwt',
    description: 'All notifications (read ones too) through `me`.',
    query: `
query MyNotifications {
  me {
    unreadNotificationCount
    notifications(first: 10) { nodes { id type read } }
  }
}`,
    test: [
      ...ok,
      'pm.test("posted one first, SHIPPED read", () => {',
      '  const nodes = data.me.notifications.nodes;',
      '  pm.expect(nodes.map(n => n.type)).to.eql(["SYSTEM", "ORDER_UPDATE", "ORDER_UPDATE"]);',
      '  pm.expect(nodes[0].id).to.eql(pm.collectionVariables.get("systemNotificationId"));',
      '  pm.expect(nodes.map(n => n.read)).to.eql([false, true, false]);',
      '  pm.expect(data.me.unreadNotificationCount).to.eql(2);',
      '});',
    ],
  }),
  request('Mark all notifications read (JWT)', {
    auth: 'jwt',
    description: 'Marks the rest read; returns how many changed.',
    query: 'mutation MarkAllRead { markAllNotificationsRead }',
    test: [...ok, 'pm.test("two changed", () => pm.expect(data.markAllNotificationsRead).to.eql(2));'],
  }),
  request('Unread notification count is zero (JWT)', {
    auth: 'jwt',
    description: 'Nothing unread any more.',
    query: 'query UnreadCount { unreadNotificationCount }',
    test: [...ok, 'pm.test("zero", () => pm.expect(data.unreadNotificationCount).to.eql(0));'],
  }),
];

const promotions = [
  request('Send promotion with only a token → FORBIDDEN', {
    auth: 'jwt',
    description: 'Promotions need the admin key.',
    query: `
mutation SendPromotion($input: PromotionInput!) {
  sendPromotion(input: $input) { id }
}`,
    variables: { input: { title: 'Not allowed', body: 'x', category: '{{category}}' } },
    test: failsWith('FORBIDDEN', 'sendPromotion'),
  }),
  request('Send promotion (Admin)', {
    auth: 'admin',
    description:
      'A campaign to everyone who opted in to promotions of this run\'s category; it fans out in ' +
      'the background. Stores `campaignId`.',
    query: `
mutation SendPromotion($input: PromotionInput!) {
  sendPromotion(input: $input) {
    id title body category status recipientCount createdAt completedAt product { id name }
  }
}`,
    variables: {
      input: {
        title: 'Kettle week',
        body: '20 % off every kettle.',
        category: '{{category}}',
        productId: '{{productId}}',
      },
    },
    test: [
      ...ok,
      'const c = data.sendPromotion;',
      'pm.test("the campaign", () => {',
      '  pm.expect(c.title).to.eql("Kettle week");',
      '  pm.expect(c.category).to.eql(pm.collectionVariables.get("category"));',
      '  pm.expect(c.status).to.be.oneOf(["PENDING", "RUNNING", "COMPLETED"]);',
      '  pm.expect(c.product).to.eql({id: pm.collectionVariables.get("productId"), name: "Kettle"});',
      '});',
      'pm.collectionVariables.set("campaignId", c.id);',
    ],
  }),
  request('Promotion campaign: wait for COMPLETED (Admin)', {
    auth: 'admin',
    description:
      `The campaign by id, repeated (at most ${POLL_ATTEMPTS} times, ${POLL_PAUSE_MS} ms apart) ` +
      'until its fan-out is COMPLETED.',
    query: `
query Campaign($id: ID!) {
  promotionCampaign(id: $id) { id status recipientCount completedAt }
}`,
    variables: { id: '{{campaignId}}' },
    ...pollUntil('the campaign COMPLETED', 'data.promotionCampaign.status === "COMPLETED"', [
      'pm.test("reached the user who opted in", () => {',
      '  pm.expect(data.promotionCampaign.recipientCount).to.be.at.least(1);',
      '  pm.expect(Date.parse(data.promotionCampaign.completedAt)).to.be.a("number").and.not.NaN;',
      '});',
    ]),
  }),
  request('Notifications: the promotion arrived (JWT)', {
    auth: 'jwt',
    description: 'The campaign is COMPLETED, so its PROMOTION notification is in the inbox.',
    query: `
query Notifications {
  notifications(unreadOnly: true, first: 5) { nodes { id type title body product { id } } }
  unreadNotificationCount
}`,
    test: [
      ...ok,
      '// Only this campaign on a fresh database; the hourly scheduler may add its own.',
      'const promo = data.notifications.nodes.find(n => n.title === "Kettle week");',
      'pm.test("an unread PROMOTION about the product", () => {',
      '  pm.expect(promo, "the campaign\'s notification").to.be.an("object");',
      '  pm.expect(promo.type).to.eql("PROMOTION");',
      '  pm.expect(promo.body).to.eql("20 % off every kettle.");',
      '  pm.expect(promo.product).to.eql({id: pm.collectionVariables.get("productId")});',
      '  pm.expect(data.unreadNotificationCount).to.be.at.least(1);',
      '});',
    ],
  }),
];

const folder = (name, description, item) => ({ name, description, item });

const collection = {
  info: {
    _postman_id: '6f1d7c3e-2b8a-4f4e-9a61-0c5e3d2b7a10',
    name: 'E-Commerce Notifications',
    description: [
      'The shop\'s GraphQL API (`POST {{baseUrl}}/graphql`), one folder per area, every query and',
      'mutation of `services/gateway/schema.graphql`. Run it top to bottom (Collection Runner or',
      '`newman run`): Register creates a fresh user each run and stores its token, so it works',
      'again and again on the same database.',
      '',
      '- Requests marked **JWT** send `Authorization: Bearer {{token}}` (set by Register and Login).',
      '- Requests marked **Admin** send `x-api-key: {{adminKey}}`, which must equal the gateway\'s',
      '  `ADMIN_SECRET_KEY` (`make run`: `.run/dev-secrets.env`; Docker: `.env`).',
      '- Names with → show an error on purpose and check its `extensions.code`.',
      '',
      'The live subscription `notificationAdded` runs over WebSocket (graphql-transport-ws), which',
      'a collection cannot drive: see docs/api.md for a `graphql-ws` client.',
      '',
      'Generated by postman/make-collection.mjs: edit that file, not this one.',
    ].join('\n'),
    schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
  },
  item: [
    folder('Auth', 'Register and log in: both store the token for the requests after them.', auth),
    folder('Users', 'The signed-in user, users by id, notification preferences.', users),
    folder('Products', 'The catalogue: public reads, admin-only additions.', products),
    folder('Orders', 'Orders of the signed-in user; status changes need the admin key.', orders),
    folder('Notifications', 'The inbox: order updates arrive from Kafka, admins post others.', notifications),
    folder('Promotions', 'Campaigns to the users who opted in (admin key).', promotions),
  ],
  variable: [
    { key: 'baseUrl', value: 'http://127.0.0.1:8080', type: 'string' },
    { key: 'token', value: '', type: 'string' },
    { key: 'adminKey', value: 'change-me-admin-key', type: 'string' },
    { key: 'password', value: 'correct horse battery staple', type: 'string' },
    ...[
      'runId', 'email', 'category', 'otherCategory', 'userId', 'productId', 'productId2',
      'productsCursor', 'orderId', 'notificationId', 'systemNotificationId', 'campaignId',
      'pollAttempt',
    ].map((key) => ({ key, value: '', type: 'string' })),
  ],
};

const environment = {
  id: '3c9e0a52-7d41-4b1f-8e26-5a0f9d4c2b71',
  name: 'E-Commerce Notifications (local)',
  values: [
    { key: 'baseUrl', value: 'http://127.0.0.1:8080', type: 'default', enabled: true },
    // The docker-compose default; `make run` generates its key in .run/dev-secrets.env.
    { key: 'adminKey', value: 'change-me-admin-key', type: 'secret', enabled: true },
  ],
  _postman_variable_scope: 'environment',
};

const outputs = [
  [COLLECTION, JSON.stringify(collection, null, 2) + '\n'],
  [ENVIRONMENT, JSON.stringify(environment, null, 2) + '\n'],
];
if (process.argv.includes('--check')) {
  const stale = outputs.filter(([path, text]) => {
    try {
      return readFileSync(path, 'utf8') !== text;
    } catch {
      return true;
    }
  });
  for (const [path] of stale) console.error(`${path} is not what make-collection.mjs writes; run it`);
  process.exit(stale.length ? 1 : 0);
}
for (const [path, text] of outputs) writeFileSync(path, text);
console.log(`wrote ${outputs.map(([path]) => path).join(', ')}`);
