// The sane ranges of the numbers a book is made of. Inside them every figure of an evaluation
// is a finite double with room to spare (notional ≤ 1e24, sums of thousands of them far from
// overflow, no subnormal that a division blows up to Infinity); outside them an input is refused
// as a located problem (`out-of-range`) that names the range, never evaluated into a NaN or an
// Infinity. The README lists the same ranges (Input files).

/** A closed range of accepted magnitudes, with the words that name the quantity in messages. */
export interface InputRange {
  /** Plural noun of the quantity in a message: `prices`, `sizes`. */
  readonly what: string;
  readonly min: number;
  readonly max: number;
}

/** Entry and mark prices (quote units per base unit): 1e-12 … 1e12. */
export const PRICE_RANGE: InputRange = { what: 'prices', min: 1e-12, max: 1e12 };

/** Position sizes (base units or contracts) and contract sizes: 1e-12 … 1e12. */
export const SIZE_RANGE: InputRange = { what: 'sizes', min: 1e-12, max: 1e12 };

/** Leverage settings: 1x … 1,000x (above any venue's maximum, 125x to 200x in 2025). */
export const LEVERAGE_RANGE: InputRange = { what: 'leverage', min: 1, max: 1000 };

/** Money amounts (isolated margins, wallet balances, tier amounts), by magnitude: 1e-12 … 1e15 (or 0). */
export const AMOUNT_RANGE: InputRange = { what: 'amounts', min: 1e-12, max: 1e15 };

/** `1e-12 … 1e12`, `1 … 1000`: the range as a message writes it. */
export function rangeText(range: InputRange): string {
  return `${numberText(range.min)} … ${numberText(range.max)}`;
}

function numberText(x: number): string {
  return x >= 1e-3 && x < 1e6 ? String(x) : x.toExponential().replace('e+', 'e');
}

/** Whether a positive number lies inside the range (NaN: no). */
export function inRange(value: number, range: InputRange): boolean {
  return value >= range.min && value <= range.max;
}

/** Whether a signed amount is 0 or has a magnitude inside the range. */
export function amountInRange(value: number, range: InputRange = AMOUNT_RANGE): boolean {
  return value === 0 || inRange(Math.abs(value), range);
}

/** The message of an out-of-range number: `out of range: prices must be within 1e-12 … 1e12`. */
export function outOfRangeMessage(range: InputRange, signed = false): string {
  return `out of range: ${range.what} must be ${signed ? '0 or of a magnitude ' : ''}within ${rangeText(range)}`;
}
