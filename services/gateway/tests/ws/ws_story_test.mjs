// notificationAdded over the whole shop, with the npm graphql-ws client: (a) an order shipped
// reaches a live subscriber; (b) notifications created while nobody listens are replayed with
// `after:`, in order and once, then live ones follow; (c) a subscription opened while
// notifications keep being written, with a replay longer than one page, gets every one of them
// once and in order (the seam between replay and live).
// usage: node ws_story_test.mjs <gateway http port> <node_modules> <admin key> <redis url>
import { assert, assertEqual, runCases, waitUntil } from './ws_support.mjs';
import { shop } from './ws_shop.mjs';

const [port, nodeModules, adminKey, redisUrl] = process.argv.slice(2);
const { graphql, registerUser, postNotification, subscribers, Feed } =
  shop({ port, nodeModules, adminKey, redisUrl });

await runCases([
  ['(a) an order shipped reaches the live subscriber, with the order resolved', async () => {
    const user = await registerUser('ws-story');
    const product = (await graphql(
      'mutation($input: AddProductInput!) { addProduct(input: $input) { id } }',
      { input: { name: 'Kettle', price: '19.99', category: 'kitchen' } }, { admin: true })).addProduct;
    const feed = new Feed(user.token);
    await waitUntil(() => subscribers(user.id) === 1, 10000, 'the gateway\'s Redis subscription');
    const order = (await graphql(
      'mutation($input: CreateOrderInput!) { createOrder(input: $input) { id } }',
      { input: { items: [{ productId: product.id, quantity: 1 }] } }, { token: user.token })).createOrder;
    for (const status of ['CONFIRMED', 'SHIPPED']) {
      await graphql('mutation($id: ID!, $s: OrderStatus!) { updateOrderStatus(id: $id, status: $s) { status } }',
        { id: order.id, s: status }, { admin: true });
    }
    await waitUntil(() => feed.events.some((e) => e.order?.status === 'SHIPPED'), 30000,
      `the SHIPPED notification (have ${JSON.stringify(feed.events)}, errors ${JSON.stringify(feed.errors)})`);
    const shipped = feed.events.find((e) => e.order?.status === 'SHIPPED');
    assertEqual(shipped.type, 'ORDER_UPDATE', 'type');
    assertEqual(shipped.order.id, order.id, 'order id');
    assert(typeof shipped.cursor === 'string' && shipped.cursor.length > 0, 'a cursor');
    await feed.close();
  }],
  ['(b) notifications created while disconnected are replayed in order and once, then live ones', async () => {
    const user = await registerUser('ws-replay');
    const first = new Feed(user.token);
    await waitUntil(() => subscribers(user.id) === 1, 10000, 'the gateway\'s Redis subscription');
    const seen = await postNotification(user.id, 'seen live');
    await first.waitForCount(1);
    assertEqual(first.events[0].id, seen.id, 'the live notification');
    assertEqual(first.events[0].cursor, seen.cursor, 'its cursor');
    await first.close();
    await waitUntil(() => subscribers(user.id) === 0, 10000, 'nobody listening');

    const missed = [];
    for (const title of ['missed 1', 'missed 2', 'missed 3']) missed.push((await postNotification(user.id, title)).id);
    const again = new Feed(user.token, first.events[0].cursor);
    await again.waitForCount(3);
    assertEqual(again.ids(), missed, 'the replay, oldest first');
    const live = [(await postNotification(user.id, 'live 1')).id];
    await again.waitForCount(4);
    live.push((await postNotification(user.id, 'live 2')).id);
    await again.waitForCount(5);
    assertEqual(again.ids(), [...missed, ...live], 'replay then live, each once');
    await again.close();
  }],
  ['(c) subscribing while notifications keep coming, past one replay page: all, once, in order', async () => {
    const user = await registerUser('ws-seam');
    const start = await postNotification(user.id, 'before');
    const total = 130;
    const subscribeAt = 110;  // a replay of 110+: more than one ListNotificationsAfter page (100)
    const posted = [];
    let feed;
    for (let i = 0; i < total; i += 1) {
      posted.push((await postNotification(user.id, `n${i}`)).id);
      if (posted.length === subscribeAt) feed = new Feed(user.token, start.cursor);
    }
    await feed.waitForCount(total, 30000);
    // One more live notification: anything duplicated would show up before it.
    posted.push((await postNotification(user.id, 'last')).id);
    await feed.waitForCount(total + 1);
    assertEqual(feed.ids().length, posted.length, 'count');
    assertEqual(feed.ids(), posted, 'every notification once, in commit order');
    await feed.close();
  }],
]);
