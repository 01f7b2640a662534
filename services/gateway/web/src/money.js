// Exact money in the browser: amounts travel as decimal strings ("19.99") and are added as
// integer cents, never as floats (0.1 + 0.2 would not do).

const DECIMAL = /^(-)?(\d+)(?:\.(\d{1,2}))?$/;

/** "19.99" -> 1999; throws on anything that is not a decimal with at most two places. */
export function toCents(amount) {
  const match = DECIMAL.exec(String(amount).trim());
  if (!match) throw new Error(`not a decimal amount: ${amount}`);
  const cents = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) throw new Error(`amount too large: ${amount}`);
  return match[1] ? -cents : cents;
}

/** 1999 -> "19.99". */
export function fromCents(cents) {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** unit price "19.99" x 3 -> "59.97". */
export function lineTotal(amount, quantity) {
  return fromCents(toCents(amount) * quantity);
}

/** The sum of [{amount, quantity}] per currency: {USD: "61.49"}. */
export function totals(lines) {
  const sums = {};
  for (const { amount, currencyCode, quantity } of lines) {
    sums[currencyCode] = (sums[currencyCode] ?? 0) + toCents(amount) * quantity;
  }
  return Object.fromEntries(Object.entries(sums).map(([code, cents]) => [code, fromCents(cents)]));
}

/** "19.99", "USD" -> "19.99 USD" (the amount as the API gives it, no float formatting). */
export function formatMoney(money) {
  return money ? `${money.amount} ${money.currencyCode}` : '';
}
