// The gateway restarts under an open page (gateway_browser_itest.cpp drives the restart): the
// app reconnects with backoff, passes `after:` its newest cursor, and the update made while the
// gateway was down appears once, with the badge equal to the server's count. No reload.
//
// Protocol with the C++ side: this script prints "restart-now round=<n> order=<id>" on stderr
// once the shopper is live, then waits; the test stops the gateway, moves the order on (round 1:
// CONFIRMED, round 2: SHIPPED) through a second gateway, waits for notification-service to
// process it, and starts the first gateway again on the same port. Round 1 starts with an empty
// inbox (no cursor yet: the app catches up over HTTP), round 2 with a cursor (the server replays).
//
// usage: node shop_reconnect_test.mjs <gateway-url> <admin-key>
import { badgeSettles, check, launch, runSteps, until, watch } from './browser_support.mjs';

const [baseUrl, adminKey] = process.argv.slice(2);
if (!baseUrl || !adminKey) {
  console.error('usage: node shop_reconnect_test.mjs <gateway-url> <admin-key>');
  process.exit(2);
}
const suffix = Math.random().toString(16).slice(2, 10);
const errors = [];
let gatewayDown = false;

async function gql(query, variables, token, admin = false) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (admin) headers['x-api-key'] = adminKey;
  const body = await (await fetch(`${baseUrl}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) })).json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

const browser = await launch();
let ok = false;
try {
  const context = await browser.newContext({ viewport: { width: 390, height: 800 } });
  const page = await context.newPage();
  watch(page, 'shopper', errors, () => gatewayDown);
  const state = {};
  ok = await runSteps([
    ['a shopper with an order is live on the inbox', async () => {
      // The shop's data comes in over the API; the page only signs in.
      const email = `restart-${suffix}@example.com`;
      const password = 'correct horse 42';
      const { register } = await gql('mutation R($input: RegisterInput!) { register(input: $input) { token } }', {
        input: { name: 'Grace Restart', email, password },
      });
      const { addProduct } = await gql('mutation P($input: AddProductInput!) { addProduct(input: $input) { id } }', { input: { name: `Kettle ${suffix}`, price: '24.50', category: 'kitchen' } }, null, true);
      const { createOrder } = await gql('mutation O($input: CreateOrderInput!) { createOrder(input: $input) { id } }', { input: { items: [{ productId: addProduct.id, quantity: 1 }] } }, register.token);
      state.order = createOrder.id;
      await page.goto(`${baseUrl}/login`);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.waitForURL('**/products');
      await page.getByTestId('bell').click();
      await page.locator('[data-testid=bell][data-live=live]').waitFor();
      await badgeSettles(page, 0);
      await page.evaluate(() => (window.__sameDocument = true));
    }],
    ...[[1, 'CONFIRMED'], [2, 'SHIPPED']].flatMap(([round, status]) => [
      [`round ${round}: the gateway goes away; the page notices and keeps retrying`, async () => {
        gatewayDown = true;
        console.error(`restart-now round=${round} order=${state.order}`);
        await page.locator('[data-testid=bell]:not([data-live=live])').waitFor({ timeout: 30000 });
      }],
      [`round ${round}: the gateway is back; the ${status} update made meanwhile appears once`, async () => {
        await page.locator('[data-testid=bell][data-live=live]').waitFor({ timeout: 60000 });
        const update = page.locator(`[data-testid=notification][data-order-id="${state.order}"]`).filter({ hasText: status });
        const pattern = new RegExp(`New notification: .*${status}`, 'i');
        await until(`the ${status} update announced`, async () => pattern.test(await page.getByTestId('announcer').textContent()), 30000);
        await update.first().waitFor();
        await badgeSettles(page, round);
        check((await update.count()) === 1, `the update shows ${await update.count()} times`);
        check((await page.getByTestId('notification').count()) === round, 'a notification is missing or repeated');
        check(await page.evaluate(() => window.__sameDocument === true), 'the page was reloaded');
        gatewayDown = false;
      }],
    ]),
    ['no console errors beyond the failed reconnects', async () => {
      check(errors.length === 0, errors.join('\n'));
    }],
  ], async () => {
    console.log('live feed trace:');
    for (const line of (await page.evaluate(() => window.__shopLiveTrace ?? []))) console.log(`  ${line}`);
  });
} finally {
  await browser.close();
}
process.exit(ok ? 0 : 1);
