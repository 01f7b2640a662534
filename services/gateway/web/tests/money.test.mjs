// money.js: exact cents, never floats (node --test).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fromCents, lineTotal, toCents, totals } from '../src/money.js';

test('decimal strings become integer cents and back', () => {
  assert.equal(toCents('19.99'), 1999);
  assert.equal(toCents('0.1'), 10);
  assert.equal(toCents('7'), 700);
  assert.equal(toCents('-2.05'), -205);
  assert.equal(fromCents(1999), '19.99');
  assert.equal(fromCents(5), '0.05');
  assert.equal(fromCents(-205), '-2.05');
});

test('sums are exact where floats are not', () => {
  assert.notEqual(0.1 * 3, 0.3);
  assert.equal(lineTotal('0.10', 3), '0.30');
  assert.deepEqual(
    totals([
      { amount: '19.99', currencyCode: 'USD', quantity: 2 },
      { amount: '0.10', currencyCode: 'USD', quantity: 3 },
      { amount: '5.00', currencyCode: 'EUR', quantity: 1 },
    ]),
    { USD: '40.28', EUR: '5.00' },
  );
});

test('anything but a decimal with at most two places is refused', () => {
  for (const bad of ['', 'abc', '1.234', '1,50', '1e3', ' . ']) {
    assert.throws(() => toCents(bad), /not a decimal/, bad);
  }
});
