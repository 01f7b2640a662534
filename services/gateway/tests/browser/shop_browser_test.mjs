// The shop's web app in Debian's Chromium (playwright-core), against a real gateway and the four
// services (started by gateway_browser_itest.cpp, which passes the URLs). Two browser contexts:
// a shopper and an operator. Each step is awaited on what the page shows (Playwright's
// auto-waiting expectations with deadlines), never on fixed sleeps; absence is proven against
// notification-service's consumer counters.
//
// usage: node shop_browser_test.mjs <gateway-url> <admin-key> <notification-ops-port> <screenshot-dir>
import { mkdirSync, rmSync } from 'node:fs';
import { badge, badgeSettles, check, consumerRecords as records, inboxItems, launch, runSteps, serverUnread, TIMEOUT, until, watch as watchPage } from './browser_support.mjs';

const [baseUrl, adminKey, notificationOpsPort, screenshotDir] = process.argv.slice(2);
if (!baseUrl || !adminKey || !notificationOpsPort || !screenshotDir) {
  console.error('usage: node shop_browser_test.mjs <gateway-url> <admin-key> <notification-ops-port> <screenshot-dir>');
  process.exit(2);
}
mkdirSync(screenshotDir, { recursive: true });
for (const stale of ['failure-shopper.png', 'failure-operator.png']) rmSync(`${screenshotDir}/${stale}`, { force: true });

const suffix = Math.random().toString(16).slice(2, 10);
const category = `tea-${suffix}`;
const email = `shopper-${suffix}@example.com`;
const password = 'correct horse 42';

const consoleErrors = [];
let offlineWindow = false;
const consumerRecords = (consumer) => records(notificationOpsPort, consumer);
const watch = (page, who) => watchPage(page, who, consoleErrors, () => offlineWindow);

/** Presses Tab until `target` has the focus; fails when it is not reached in `limit` presses. */
async function tabTo(page, target, limit = 60) {
  for (let presses = 0; presses < limit; presses += 1) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return;
  }
  throw new Error(`Tab never reached ${target}`);
}

/** No unread notification below a read one. */
function unreadFirst(items) {
  const firstRead = items.findIndex((n) => n.read);
  return firstRead === -1 || items.slice(firstRead).every((n) => n.read);
}

async function shot(page, name) {
  await page.screenshot({ path: `${screenshotDir}/${name}.png`, fullPage: true });
}

const browser = await launch();
let ok = false;
const state = {};
try {
  const operatorContext = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const shopperContext = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const operator = await operatorContext.newPage();
  const shopper = await shopperContext.newPage();
  operator.setDefaultTimeout(TIMEOUT);
  shopper.setDefaultTimeout(TIMEOUT);
  watch(operator, 'operator');
  watch(shopper, 'shopper');
  // Every request the pages make stays on the gateway's origin.
  for (const context of [operatorContext, shopperContext]) {
    context.on('request', (request) => {
      const url = new URL(request.url());
      if (!['data:', 'blob:'].includes(url.protocol) && url.host !== new URL(baseUrl).host) {
        consoleErrors.push(`request left the machine's gateway: ${request.url()}`);
      }
    });
  }

  const steps = [
    ['the gateway serves the app with cache headers', async () => {
      const index = await fetch(`${baseUrl}/inbox`);
      check(index.status === 200 && (await index.text()).includes('<div id="app">'), 'GET /inbox is not the app');
      check(index.headers.get('cache-control') === 'no-cache', 'index.html is not no-cache');
      const etag = index.headers.get('etag');
      const again = await fetch(`${baseUrl}/`, { headers: { 'if-none-match': etag } });
      check(again.status === 304, 'index.html ETag does not give 304');
      const html = await (await fetch(`${baseUrl}/`)).text();
      const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
      check(script, 'no hashed script in index.html');
      const asset = await fetch(baseUrl + script);
      check(asset.headers.get('cache-control') === 'public, max-age=31536000, immutable', 'hashed asset is not immutable');
      check((await fetch(`${baseUrl}/assets/missing-0000.js`)).status === 404, 'a missing asset is not 404');
    }],
    ['operator enters the admin key and adds two products', async () => {
      await operator.goto(`${baseUrl}/operator`);
      await operator.getByLabel('Admin key', { exact: true }).fill(adminKey);
      await operator.getByRole('button', { name: 'Continue' }).click();
      const form = operator.getByRole('form', { name: 'Add a product' });
      state.products = [];
      for (const [name, price] of [[`Green tea ${suffix}`, '19.99'], [`Tea spoon ${suffix}`, '0.10']]) {
        await form.getByLabel('Name').fill(name);
        await form.getByLabel('Price').fill(price);
        await form.getByLabel('Category').fill(category);
        await form.getByRole('button', { name: 'Add product' }).click();
        const added = operator.getByTestId('product-added');
        await added.filter({ hasText: name }).waitFor();
        state.products.push({ id: await added.getAttribute('data-product-id'), name, price });
      }
    }],
    ['an empty sign-up form shows readable errors beside the fields', async () => {
      await shopper.goto(`${baseUrl}/signup`);
      await shopper.getByRole('button', { name: 'Sign up' }).click();
      await shopper.getByText('Please enter your name.').waitFor();
      await shopper.getByText('Please enter your email.').waitFor();
      await shot(shopper, 'signup-errors-desktop');
    }],
    ['a shopper signs up and orders two products at the exact total', async () => {
      await shopper.getByLabel('Name').fill('Ada Shopper');
      await shopper.getByLabel('Email').fill(email);
      await shopper.getByLabel('Password').fill(password);
      await shopper.getByRole('button', { name: 'Sign up' }).click();
      await shopper.waitForURL('**/products');
      check(await shopper.evaluate(() => Boolean(sessionStorage.getItem('shop.token'))), 'no token in sessionStorage');
      await shopper.getByLabel('Category').fill(category);
      await shopper.getByRole('button', { name: 'Filter' }).click();
      await until('only the two products of the category', async () => (await shopper.getByTestId('product').count()) === 2);
      await shopper.getByLabel(`Quantity of ${state.products[0].name}`).fill('2');
      await shopper.getByLabel(`Quantity of ${state.products[1].name}`).fill('3');
      // 2 x 19.99 + 3 x 0.10 = 40.28 exactly (floats would make 40.279999...).
      await shopper.getByTestId('cart-total').filter({ hasText: 'Total: 40.28 USD' }).waitFor();
      await shot(shopper, 'products-desktop');
      await shopper.getByRole('button', { name: 'Place order' }).click();
      await shopper.getByTestId('order-total').filter({ hasText: '40.28 USD' }).waitFor();
      state.orderA = await shopper.getByTestId('order-placed').getAttribute('data-order-id');
      for (const key of ['orderB', 'orderC']) {
        await shopper.getByLabel(`Quantity of ${state.products[1].name}`).fill('1');
        await shopper.getByRole('button', { name: 'Place order' }).click();
        const placed = shopper.getByTestId('order-placed');
        await until('another order id', async () => {
          const id = await placed.getAttribute('data-order-id');
          return id && id !== state.orderA && id !== state.orderB;
        });
        state[key] = await placed.getAttribute('data-order-id');
      }
    }],
    ['my orders lists them with their status; the live feed connects', async () => {
      await shopper.getByRole('link', { name: 'My orders' }).click();
      const orderA = shopper.locator(`[data-testid=order][data-order-id="${state.orderA}"]`);
      await orderA.getByTestId('order-status').filter({ hasText: 'PENDING' }).waitFor();
      check((await orderA.getByTestId('order-total').textContent()) === '40.28 USD', 'order total in the list');
      await shopper.locator('[data-testid=bell][data-live=live]').waitFor();
      await badgeSettles(shopper, 0);
    }],
    ['the operator ships the order; the badge rises without a reload, the status moves live', async () => {
      await shopper.evaluate(() => (window.__sameDocument = true));
      await operator.getByLabel('Order id').fill(state.orderA);
      await operator.getByRole('button', { name: 'Find' }).click();
      await operator.getByRole('button', { name: 'Mark confirmed' }).click();
      await operator.getByTestId('operator-order-status').filter({ hasText: 'CONFIRMED' }).waitFor();
      await operator.getByRole('button', { name: 'Mark shipped' }).click();
      await operator.getByTestId('operator-order-status').filter({ hasText: 'SHIPPED' }).waitFor();
      await badgeSettles(shopper, 2);
      const orderA = shopper.locator(`[data-testid=order][data-order-id="${state.orderA}"]`);
      await orderA.getByTestId('order-status').filter({ hasText: 'SHIPPED' }).waitFor();
      await until('an aria-live announcement', async () => /New notification: .*SHIPPED/i.test(await shopper.getByTestId('announcer').textContent()));
      check(await shopper.evaluate(() => window.__sameDocument === true), 'the page was reloaded');
      await shot(operator, 'operator-desktop');
    }],
    ['the inbox shows the update; opening it marks it read and the badge falls', async () => {
      await shopper.getByTestId('bell').click();
      const shipped = shopper.locator(`[data-testid=notification][data-order-id="${state.orderA}"]`).filter({ hasText: /shipped/i });
      await shipped.waitFor();
      check((await shipped.getAttribute('data-read')) === 'false', 'the new notification is not unread');
      await shot(shopper, 'inbox-desktop');
      await shipped.getByRole('button').first().click();
      await until('it is marked read', async () => (await shipped.getAttribute('data-read')) === 'true');
      await badgeSettles(shopper, 1);
      state.shippedId = await shipped.getAttribute('data-notification-id');
      // Every state the inbox shows from here to the ordering step is recorded: leaving and
      // reopening it must never show this read notification as unread, even before the list
      // has reloaded (the live copy of it said "unread" when it arrived).
      await shopper.evaluate(() => {
        window.__inboxStates = [];
        window.__inboxObserver = new MutationObserver(() => {
          const items = [...document.querySelectorAll('[data-testid=notification]')];
          if (items.length) window.__inboxStates.push(items.map((item) => ({ id: item.dataset.notificationId, read: item.dataset.read === 'true' })));
        });
        window.__inboxObserver.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-read'] });
      });
      await shipped.getByTestId('notification-order-link').click();
      await shopper.getByTestId('order-detail').getByTestId('order-status').filter({ hasText: 'SHIPPED' }).waitFor();
      await shopper.getByTestId('bell').click();
      await shopper.getByTestId('notification').first().waitFor();
    }],
    ['offline, the operator cancels another order; back online it appears exactly once', async () => {
      const unreadBefore = await serverUnread(shopper);
      // Away from the inbox (which re-reads its list on reconnect), so only the replay of
      // notificationAdded(after:) can bring the missed update to the page.
      await shopper.getByRole('link', { name: 'My orders' }).click();
      const orderB = shopper.locator(`[data-testid=order][data-order-id="${state.orderB}"]`);
      await orderB.getByTestId('order-status').filter({ hasText: 'PENDING' }).waitFor();
      offlineWindow = true;
      await shopperContext.setOffline(true);
      await shopper.locator('[data-testid=bell][data-live=offline]').waitFor();
      const processed = await consumerRecords('order-updates');
      await operator.getByLabel('Order id').fill(state.orderB);
      await operator.getByRole('button', { name: 'Find' }).click();
      await operator.getByRole('button', { name: 'Mark cancelled' }).click();
      await operator.getByTestId('operator-order-status').filter({ hasText: 'CANCELLED' }).waitFor();
      // notification-service has stored and pushed it while the shopper's socket was down.
      await until('notification-service processed the cancellation', async () => (await consumerRecords('order-updates')) > processed, 30000);
      check((await serverUnread(shopper).catch(() => null)) === null, 'the offline page still reached the gateway');
      state.seenWhileOffline = await orderB.getByTestId('order-status').filter({ hasText: 'CANCELLED' }).count();
      await shopperContext.setOffline(false);
      await shopper.locator('[data-testid=bell][data-live=live]').waitFor();
      await until('the replayed update announced', async () => /New notification: .*CANCELLED/i.test(await shopper.getByTestId('announcer').textContent()));
      await orderB.getByTestId('order-status').filter({ hasText: 'CANCELLED' }).waitFor();
      await badgeSettles(shopper, unreadBefore + 1);
      await shopper.getByTestId('bell').click();
      const cancelled = shopper.locator(`[data-testid=notification][data-order-id="${state.orderB}"]`);
      await cancelled.first().waitFor();
      await inboxItems(shopper);
      offlineWindow = false;
      check((await cancelled.count()) === 1, `the cancellation shows ${await cancelled.count()} times`);
      check(state.seenWhileOffline === 0, 'the cancellation was shown while offline');
    }],
    ['unread first, then read, each newest first', async () => {
      const items = await inboxItems(shopper);
      const listing = items.map((n) => `${n.read ? 'read' : 'unread'} ${n.title}`).join(' | ');
      check(items.length >= 3, `only ${items.length} notifications listed`);
      check(unreadFirst(items), `unread are not first: ${listing}`);
      const unread = items.filter((n) => !n.read);
      check(/CANCELLED/.test(unread[0]?.title) && /CONFIRMED/.test(unread[1]?.title), `unread not newest first: ${listing}`);
      const states = await shopper.evaluate(() => {
        window.__inboxObserver.disconnect();
        return window.__inboxStates;
      });
      check(states.length > 0, 'no inbox state was recorded');
      for (const shown of states) {
        const flags = shown.map((n) => (n.read ? 'read' : 'unread')).join(',');
        check(unreadFirst(shown), `the inbox showed ${flags}`);
        check(!shown.some((n) => n.id === state.shippedId && !n.read), `the inbox showed the read notification as unread: ${flags}`);
      }
    }],
    ['mark all read empties the badge', async () => {
      await shopper.getByRole('button', { name: 'Mark all read' }).click();
      await badgeSettles(shopper, 0);
      check((await shopper.locator('[data-testid=notification][data-read=false]').count()) === 0, 'unread items left');
    }],
    ['the operator sends a promotion; its campaign completes; the shopper opens the product with the keyboard alone', async () => {
      const form = operator.getByRole('form', { name: 'Send a promotion' });
      await form.getByLabel('Title').fill(`Tea week ${suffix}`);
      await form.getByLabel('Message').fill('Everything tea, this week.');
      await form.getByLabel('Category').fill(category);
      await form.getByLabel('Product id (optional)').fill(state.products[0].id);
      await form.getByRole('button', { name: 'Send promotion' }).click();
      await operator.locator('[data-testid=campaign][data-status=COMPLETED]').waitFor({ timeout: 30000 });
      const text = await operator.getByTestId('campaign').textContent();
      check(/[1-9]\d* recipient/.test(text), `campaign without recipients: ${text}`);
      const promo = shopper.getByTestId('notification').filter({ hasText: `Tea week ${suffix}` });
      await promo.waitFor();
      await badgeSettles(shopper, 1);
      // From the top of another screen, Tab and Enter only: the bell, the promotion, its product.
      await shopper.getByRole('link', { name: 'Products' }).click();
      await shopper.getByTestId('product').first().waitFor();
      await shopper.evaluate(() => document.activeElement?.blur());
      await tabTo(shopper, shopper.getByTestId('bell'));
      await shopper.keyboard.press('Enter');
      await shopper.waitForURL('**/inbox');
      const title = promo.getByRole('button').first();
      await tabTo(shopper, title);
      await shopper.keyboard.press('Enter');
      await until('the promotion is open and read', async () => (await title.getAttribute('aria-expanded')) === 'true' && (await promo.getAttribute('data-read')) === 'true');
      await badgeSettles(shopper, 0);
      await tabTo(shopper, promo.getByTestId('notification-product-link'));
      await shopper.keyboard.press('Enter');
      await shopper.getByTestId('product-detail').filter({ hasText: state.products[0].name }).waitFor();
    }],
    ['opting out of order updates stops them', async () => {
      await shopper.getByRole('link', { name: 'Preferences' }).click();
      const projections = await consumerRecords('projections');
      await shopper.getByLabel('Order updates').uncheck();
      await shopper.getByRole('button', { name: 'Save preferences' }).click();
      await shopper.getByText('Your preferences are saved.').waitFor();
      await shot(shopper, 'preferences-desktop');
      await until('notification-service read the new preferences', async () => (await consumerRecords('projections')) > projections, 30000);
      const unread = await serverUnread(shopper);
      const orderUpdates = await consumerRecords('order-updates');
      await operator.getByLabel('Order id').fill(state.orderC);
      await operator.getByRole('button', { name: 'Find' }).click();
      await operator.getByRole('button', { name: 'Mark confirmed' }).click();
      await operator.getByTestId('operator-order-status').filter({ hasText: 'CONFIRMED' }).waitFor();
      await until('notification-service processed the status change', async () => (await consumerRecords('order-updates')) > orderUpdates, 30000);
      check((await serverUnread(shopper)) === unread, 'an order update arrived after opting out');
      check((await badge(shopper)) === unread, 'the badge moved after opting out');
    }],
    ['the inbox loads more than a page, each notification once', async () => {
      const userId = await shopper.evaluate(() => JSON.parse(sessionStorage.getItem('shop.user')).id);
      const before = await serverUnread(shopper);
      for (let i = 0; i < 22; i += 1) {
        const response = await fetch(`${baseUrl}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': adminKey },
          body: JSON.stringify({
            query: 'mutation Post($input: PostNotificationInput!) { postNotification(input: $input) { id } }',
            variables: { input: { userId, title: `Note ${i + 1} of 22`, body: 'A message from the shop.' } },
          }),
        });
        check(!(await response.json()).errors, 'postNotification failed');
      }
      await badgeSettles(shopper, before + 22);
      const total = await shopper.evaluate(async () => {
        const response = await fetch('/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${sessionStorage.getItem('shop.token')}` },
          body: JSON.stringify({ query: '{ notifications(first: 100) { nodes { id } } }' }),
        });
        return (await response.json()).data.notifications.nodes.length;
      });
      check(total > 20, `only ${total} notifications`);
      // A fresh page: only what the list query returns, no live arrivals on top.
      await shopper.goto(`${baseUrl}/inbox`);
      const items = shopper.getByTestId('notification');
      await until('the first page of 20', async () => (await items.count()) === 20);
      await shopper.getByRole('button', { name: 'Load more notifications' }).click();
      await until(`all ${total}`, async () => (await items.count()) === total);
      const ids = (await inboxItems(shopper)).map((n) => n.id);
      check(new Set(ids).size === total, 'a notification is listed twice');
      check((await shopper.getByRole('button', { name: 'Load more notifications' }).count()) === 0, 'Load more after the last page');
    }],
    ['products come in pages of 12 with Load more', async () => {
      const bulk = `bulk-${suffix}`;
      for (let i = 0; i < 13; i += 1) {
        const response = await fetch(`${baseUrl}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': adminKey },
          body: JSON.stringify({
            query: 'mutation Add($input: AddProductInput!) { addProduct(input: $input) { id } }',
            variables: { input: { name: `Cup ${i + 1}`, price: '3.25', category: bulk } },
          }),
        });
        check(!(await response.json()).errors, 'addProduct failed');
      }
      await shopper.getByRole('link', { name: 'Products' }).click();
      await shopper.getByLabel('Category').fill(bulk);
      await shopper.getByRole('button', { name: 'Filter' }).click();
      const cards = shopper.getByTestId('product');
      await until('a page of 12', async () => (await cards.count()) === 12);
      await shopper.getByRole('button', { name: 'Load more products' }).click();
      await until('all 13', async () => (await cards.count()) === 13);
      const ids = await cards.evaluateAll((list) => list.map((card) => card.dataset.productId));
      check(new Set(ids).size === 13, 'a product is listed twice');
    }],
    ['my orders come in pages of 10 with Load more; a missing order or product reads as such', async () => {
      // 3 orders so far; 8 more through the API with the shopper's own token make 11.
      for (let i = 0; i < 8; i += 1) {
        const errors = await shopper.evaluate(async (productId) => {
          const response = await fetch('/graphql', {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${sessionStorage.getItem('shop.token')}` },
            body: JSON.stringify({
              query: 'mutation Order($input: CreateOrderInput!) { createOrder(input: $input) { id } }',
              variables: { input: { items: [{ productId, quantity: 1 }] } },
            }),
          });
          return (await response.json()).errors ?? null;
        }, state.products[0].id);
        check(!errors, `createOrder failed: ${JSON.stringify(errors)}`);
      }
      await shopper.getByRole('link', { name: 'My orders' }).click();
      const orders = shopper.getByTestId('order');
      await until('a page of 10', async () => (await orders.count()) === 10);
      await shopper.getByRole('button', { name: 'Load more orders' }).click();
      await until('all 11', async () => (await orders.count()) === 11);
      const ids = await shopper.evaluate(() => [...document.querySelectorAll('[data-testid=order]')].map((order) => order.dataset.orderId));
      check(new Set(ids).size === 11, 'an order is listed twice');
      check(ids.includes(state.orderA) && ids.includes(state.orderB), 'the first orders are missing');
      check((await shopper.getByRole('button', { name: 'Load more orders' }).count()) === 0, 'Load more after the last page');
      const nobody = '00000000-0000-7000-8000-000000000000';
      await shopper.goto(`${baseUrl}/orders/${nobody}`);
      await shopper.getByText('This order does not exist.').waitFor();
      await shopper.goto(`${baseUrl}/products/${nobody}`);
      await shopper.getByText('This product does not exist.').waitFor();
    }],
    ['a wrong admin key reads as words beside the action', async () => {
      await operator.getByRole('button', { name: 'Forget the admin key' }).click();
      await operator.getByLabel('Admin key', { exact: true }).fill('not-the-key');
      await operator.getByRole('button', { name: 'Continue' }).click();
      await operator.getByLabel('Order id').fill(state.orderA);
      await operator.getByRole('button', { name: 'Find' }).click();
      await operator.getByTestId('move-error').filter({ hasText: 'The admin key was not accepted' }).waitFor();
      await operator.getByRole('button', { name: 'Forget the admin key' }).click();
      await operator.getByLabel('Admin key', { exact: true }).fill(adminKey);
      await operator.getByRole('button', { name: 'Continue' }).click();
      await operator.getByRole('button', { name: 'Find' }).waitFor();
    }],
    ['sign out clears the session; a wrong password reads as words', async () => {
      await shopper.getByRole('button', { name: 'Sign out' }).click();
      await shopper.waitForURL('**/login');
      check(await shopper.evaluate(() => sessionStorage.getItem('shop.token') === null), 'token left after sign out');
      await shopper.getByLabel('Email').fill(email);
      await shopper.getByLabel('Password').fill('not the password');
      await shopper.getByRole('button', { name: 'Log in' }).click();
      await shopper.getByTestId('form-error').filter({ hasText: 'Wrong email or password.' }).waitFor();
      await shot(shopper, 'login-error-desktop');
      // Keyboard only: the password field is focused; type and press Enter.
      await shopper.getByLabel('Password').fill('');
      await shopper.getByLabel('Password').focus();
      await shopper.keyboard.type(password);
      await shopper.keyboard.press('Enter');
      await shopper.waitForURL('**/products');
    }],
    ['at 375 px every screen fits without sideways scrolling', async () => {
      await shopper.setViewportSize({ width: 375, height: 780 });
      await operator.setViewportSize({ width: 375, height: 780 });
      for (const [page, path, name] of [[shopper, '/products', 'products'], [shopper, '/inbox', 'inbox'], [shopper, '/orders', 'orders'], [operator, '/operator', 'operator']]) {
        await page.goto(baseUrl + path);
        await page.locator('main h1').first().waitFor();
        await page.waitForLoadState('networkidle').catch(() => {});
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        check(width <= 375, `${path} is ${width}px wide at 375px`);
        await shot(page, `${name}-375`);
      }
    }],
    ['no console errors on either page', async () => {
      check(consoleErrors.length === 0, consoleErrors.join('\n'));
    }],
  ];

  ok = await runSteps(steps, async () => {
    console.log('shopper live feed trace:');
    for (const line of (await shopper.evaluate(() => window.__shopLiveTrace ?? []))) console.log(`  ${line}`);
    await shot(shopper, 'failure-shopper');
    await shot(operator, 'failure-operator');
  });
} finally {
  await browser.close();
}
process.exit(ok ? 0 : 1);
