// Shared by the browser tests: Debian's Chromium through playwright-core, awaiting conditions
// with deadlines, the bell and the server's unread count, notification-service's counters.
import { chromium } from 'playwright-core';

export const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const TIMEOUT = 15000;

export function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: FLAGS });
}

export function check(condition, message) {
  if (!condition) throw new Error(message);
}

/** Polls `probe` until it returns something truthy, or throws after `timeout` ms. */
export async function until(what, probe, timeout = TIMEOUT) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** kafka_consumer_records_total{consumer} on notification-service's /metrics. */
export async function consumerRecords(opsPort, consumer) {
  const page = await (await fetch(`http://127.0.0.1:${opsPort}/metrics`)).text();
  const line = page.split('\n').find((l) => l.startsWith('kafka_consumer_records_total') && l.includes(`consumer="${consumer}"`));
  return line ? Number(line.split(' ').pop()) : 0;
}

/**
 * Collects page errors and console errors into `errors`; `expected()` says when the browser's
 * own messages about failed WebSocket/network connections are expected (offline, gateway down).
 */
export function watch(page, who, errors, expected = () => false) {
  page.on('pageerror', (error) => errors.push(`${who}: page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (expected() && /WebSocket|ERR_INTERNET_DISCONNECTED|ERR_CONNECTION_REFUSED|Failed to load resource/.test(message.text())) return;
    errors.push(`${who}: console error: ${message.text()}`);
  });
}

/** The number on the bell (0 when it shows none), read in one step: it may vanish any time. */
export async function badge(page) {
  return page.evaluate(() => Number(document.querySelector('[data-testid=badge]')?.textContent ?? 0));
}

export async function serverUnread(page) {
  return page.evaluate(async () => {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${sessionStorage.getItem('shop.token')}` },
      body: JSON.stringify({ query: '{ unreadNotificationCount }' }),
    });
    return (await response.json()).data.unreadNotificationCount;
  });
}

/**
 * The inbox's items once its list has loaded, read in a single evaluation: a locator's
 * evaluateAll queries the elements and reads them in two round trips, so a render in between
 * pairs an old order with new attributes.
 */
export async function inboxItems(page) {
  await page.locator('[data-testid=inbox-list][aria-busy=false]').waitFor();
  return page.evaluate(() =>
    [...document.querySelectorAll('[data-testid=notification]')].map((item) => ({
      id: item.dataset.notificationId,
      read: item.dataset.read === 'true',
      title: item.querySelector('.notification-title')?.textContent ?? '',
    })),
  );
}

/** The badge shows `expected` and the server agrees (the badge is re-read after every event). */
export async function badgeSettles(page, expected) {
  await until(`badge = ${expected}`, async () => (await badge(page)) === expected);
  check((await serverUnread(page)) === expected, `server unread count is not ${expected}`);
}

/** Runs named steps in order, stopping at the first failure; prints "N passed, N failed". */
export async function runSteps(steps, onFailure) {
  let passed = 0;
  let failed = 0;
  for (const [name, step] of steps) {
    const started = Date.now();
    try {
      await step();
      passed += 1;
      console.log(`ok   ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      failed += 1;
      console.log(`FAIL ${name}: ${error.message}`);
      await onFailure().catch(() => {});
      break; // later steps build on earlier ones
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0;
}
