// Human-readable numbers for the table and Markdown reports: money, prices, sizes and percentages
// with sensible precision, thousands separators and a fixed ASCII minus. Locale-independent, so
// the same inputs always give the same text. Machine formats (JSON, CSV) never go through here.

/** Shown wherever a value does not exist (no liquidation price, ratio of a bankrupt pool). */
export const MISSING_VALUE = '—';

/** Assets counted to the cent: fiat and stablecoins. Anything else (BTC, ETH…) gets more decimals. */
const CENT_ASSETS = new Set(['USD', 'USDT', 'USDC', 'FDUSD', 'BUSD', 'TUSD', 'USDE', 'DAI', 'EUR']);

/** Decimals for amounts in a coin such as BTC (1e-6 BTC is well below a fee). */
const COIN_DECIMALS = 6;

/** Least significant digits a price is shown with, whatever its own precision. */
const PRICE_SIGNIFICANT_DIGITS = 5;

/** Most decimals a price is ever shown with (beyond this a float's noise shows). */
const MAX_PRICE_DECIMALS = 8;

/** Insert `,` every three digits in the integer part of a plain decimal string. */
function groupThousands(plain: string): string {
  const negative = plain.startsWith('-');
  const unsigned = negative ? plain.slice(1) : plain;
  const dot = unsigned.indexOf('.');
  const integer = dot === -1 ? unsigned : unsigned.slice(0, dot);
  const fraction = dot === -1 ? '' : unsigned.slice(dot);
  const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${fraction}`;
}

/** `value.toFixed(decimals)` grouped, with `-0.00` shown as `0.00`. */
export function formatFixed(value: number, decimals: number): string {
  const fixed = value.toFixed(decimals);
  const isZero = /^-?[0.]+$/.test(fixed);
  return groupThousands(isZero && fixed.startsWith('-') ? fixed.slice(1) : fixed);
}

/** Decimals shown for money in `asset`: 2 for fiat and stablecoins, 6 for coins. */
export function moneyDecimals(asset: string): number {
  return CENT_ASSETS.has(asset.toUpperCase()) ? 2 : COIN_DECIMALS;
}

/** An amount of `asset`, e.g. `12,345.68` (USDT) or `0.042541` (BTC). Unit not appended. */
export function formatMoney(amount: number, asset: string): string {
  return formatFixed(amount, moneyDecimals(asset));
}

/** Digits after the point in the shortest round-trip form of `value` (0 for integers). */
export function decimalsOf(value: number): number {
  if (!Number.isFinite(value)) return 0;
  const text = Math.abs(value).toString();
  const exponent = /e-(\d+)$/.exec(text);
  if (exponent !== null) {
    const mantissa = text.slice(0, text.indexOf('e'));
    const mantissaDecimals = mantissa.includes('.') ? mantissa.length - mantissa.indexOf('.') - 1 : 0;
    return Number(exponent[1]) + mantissaDecimals;
  }
  const dot = text.indexOf('.');
  return dot === -1 ? 0 : text.length - dot - 1;
}

/**
 * Decimals to show prices of an instrument whose mark is `referencePrice`: the mark's own
 * precision (a proxy for the tick size, which the input does not carry), but at least
 * PRICE_SIGNIFICANT_DIGITS significant digits, and at most MAX_PRICE_DECIMALS.
 * Example: 91250.5 → 1, 3015 → 1, 0.1512 → 5.
 */
export function priceDecimals(referencePrice: number): number {
  if (!Number.isFinite(referencePrice) || referencePrice <= 0) return 2;
  const magnitude = Math.floor(Math.log10(referencePrice));
  const forSignificance = Math.max(0, PRICE_SIGNIFICANT_DIGITS - 1 - magnitude);
  return Math.min(MAX_PRICE_DECIMALS, Math.max(Math.min(decimalsOf(referencePrice), MAX_PRICE_DECIMALS), forSignificance));
}

/** A price shown to the precision of the instrument whose mark is `referencePrice`. */
export function formatPrice(price: number, referencePrice: number): string {
  return formatFixed(price, priceDecimals(referencePrice));
}

/** A quantity as given (shortest round-trip form), grouped, never in exponent notation. */
export function formatQuantity(quantity: number): string {
  const decimals = Math.min(decimalsOf(quantity), 12);
  return formatFixed(quantity, decimals);
}

/**
 * A fraction as a percentage: 0.0316 → `3.16%`. Two decimals below 100 %, one above.
 * `signed` puts `+` before positive values (for moves and distances).
 */
export function formatPercent(fraction: number, signed = false): string {
  const percent = fraction * 100;
  const text = formatFixed(percent, Math.abs(percent) >= 100 ? 1 : 2);
  return `${signed && !text.startsWith('-') && /[1-9]/.test(text) ? '+' : ''}${text}%`;
}

/** `formatPercent` that shows MISSING_VALUE for null. */
export function formatPercentOrMissing(fraction: number | null, signed = false): string {
  return fraction === null ? MISSING_VALUE : formatPercent(fraction, signed);
}
