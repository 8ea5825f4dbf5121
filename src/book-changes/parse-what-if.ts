// `--what-if "BTCUSDT long 0.5 @ 97000 x10 isolated"`: a hypothetical position, in words.
//   SYMBOL SIDE SIZE [@ ENTRY] [mark=PRICE] [xLEVERAGE] [cross|isolated] [margin=AMOUNT]
//   [account=ID] [venue=NAME]
// SIDE is long/short (buy/sell); SIZE in base units (contracts for an inverse symbol);
// `@` may touch its price (`@97000`); `x10` and `10x` both read as leverage 10.
// Numbers must lie in the sane ranges of src/domain/input-ranges.ts (sizes and prices 1e-12 …
// 1e12, leverage 1 … 1000, margin up to 1e15). Options after
// the size come in any order, each at most once. Defaults are filled in against the book by
// `whatIfPosition`. A bad token is named in a plain-words error; nothing throws.

import { AMOUNT_RANGE, inRange, LEVERAGE_RANGE, PRICE_RANGE, rangeText, SIZE_RANGE, type InputRange } from '../domain/input-ranges.js';
import type { MarginMode, Side } from '../domain/position.js';
import { isVenueName, type VenueName } from '../domain/venue-name.js';

export interface WhatIfSpec {
  /** The text as given, for messages. */
  readonly text: string;
  readonly symbol: string;
  readonly side: Side;
  readonly size: number;
  /** null: the symbol's mark in the book. */
  readonly entryPrice: number | null;
  /** null: the symbol's mark in the book, else the entry price. */
  readonly markPrice: number | null;
  readonly leverage: number | null;
  /** null: cross. */
  readonly marginMode: MarginMode | null;
  /** Isolated margin to post; null: entry notional / leverage. */
  readonly isolatedMargin: number | null;
  readonly account: string | null;
  readonly venue: VenueName | null;
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

const NUMBER = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A finite number > 0 written plainly (no sign, no thousands separators), or null; with `range`,
 * also null outside it (src/domain/input-ranges.ts).
 */
export function positiveNumber(token: string, range?: InputRange): number | null {
  if (!NUMBER.test(token)) return null;
  const value = Number(token);
  if (range !== undefined) return inRange(value, range) ? value : null;
  return Number.isFinite(value) && value > 0 ? value : null;
}

const SIDES: Readonly<Record<string, Side>> = { long: 'long', buy: 'long', short: 'short', sell: 'short' };

/** Parse one `--what-if` text. */
export function parseWhatIf(text: string): Parsed<WhatIfSpec> {
  const quoted = JSON.stringify(text);
  const fail = (token: string, what: string): Parsed<WhatIfSpec> => ({ ok: false, error: `--what-if ${quoted}: ${JSON.stringify(token)} ${what}` });
  const tokens = text.replace(/@/g, ' @ ').trim().split(/\s+/).filter((t) => t !== '');
  if (tokens.length < 3) {
    return { ok: false, error: `--what-if ${quoted}: expected SYMBOL SIDE SIZE [@ ENTRY] [mark=PRICE] [xLEVERAGE] [cross|isolated] [account=ID] [venue=NAME]` };
  }
  const [symbol, sideToken, sizeToken] = tokens as [string, string, string];
  if (!/^[A-Za-z0-9][A-Za-z0-9._:/-]*$/.test(symbol)) return fail(symbol, 'is not a symbol');
  const side = SIDES[sideToken.toLowerCase()];
  if (side === undefined) return fail(sideToken, 'is not a side: use long or short');
  const size = positiveNumber(sizeToken, SIZE_RANGE);
  if (size === null) return fail(sizeToken, `is not a size: use a number within ${rangeText(SIZE_RANGE)}`);
  const seen = new Set<string>();
  const once = (key: string, token: string): Parsed<WhatIfSpec> | null => {
    if (seen.has(key)) return fail(token, `repeats the ${key}`);
    seen.add(key);
    return null;
  };
  let entryPrice: number | null = null;
  let markPrice: number | null = null;
  let leverage: number | null = null;
  let marginMode: MarginMode | null = null;
  let isolatedMargin: number | null = null;
  let account: string | null = null;
  let venue: VenueName | null = null;
  for (let i = 3; i < tokens.length; i++) {
    const token = tokens[i]!;
    const lower = token.toLowerCase();
    if (token === '@') {
      const priceToken = tokens[i + 1];
      if (priceToken === undefined) return fail(token, 'needs an entry price after it');
      const price = positiveNumber(priceToken, PRICE_RANGE);
      if (price === null) return fail(priceToken, `is not an entry price: use a number within ${rangeText(PRICE_RANGE)}`);
      const repeated = once('entry price', token);
      if (repeated !== null) return repeated;
      entryPrice = price;
      i++;
    } else if (lower === 'cross' || lower === 'isolated') {
      const repeated = once('margin mode', token);
      if (repeated !== null) return repeated;
      marginMode = lower;
    } else if (token.includes('=')) {
      const at = token.indexOf('=');
      const key = token.slice(0, at).toLowerCase();
      const value = token.slice(at + 1);
      if (value === '') return fail(token, 'has no value after =');
      const repeated = once(key, token);
      if (repeated !== null) return repeated;
      if (key === 'mark') {
        markPrice = positiveNumber(value, PRICE_RANGE);
        if (markPrice === null) return fail(token, `is not a mark price: use mark=NUMBER within ${rangeText(PRICE_RANGE)}`);
      } else if (key === 'margin') {
        isolatedMargin = positiveNumber(value, AMOUNT_RANGE);
        if (isolatedMargin === null) return fail(token, `is not a margin: use margin=NUMBER within ${rangeText(AMOUNT_RANGE)}`);
      } else if (key === 'account') {
        account = value;
      } else if (key === 'venue') {
        if (!isVenueName(value)) return fail(token, 'names no venue profile');
        venue = value;
      } else {
        return fail(token, 'is not an option: use mark=, margin=, account= or venue=');
      }
    } else if (/^x/i.test(token) || /x$/i.test(token)) {
      const value = positiveNumber(token.replace(/^x|x$/i, ''), LEVERAGE_RANGE);
      if (value === null) return fail(token, `is not a leverage: use x followed by a number within ${rangeText(LEVERAGE_RANGE)}, e.g. x10`);
      const repeated = once('leverage', token);
      if (repeated !== null) return repeated;
      leverage = value;
    } else {
      return fail(token, 'is not understood: expected @ ENTRY, mark=PRICE, xLEVERAGE, cross, isolated, margin=, account= or venue=');
    }
  }
  if (isolatedMargin !== null && marginMode !== 'isolated') return { ok: false, error: `--what-if ${quoted}: margin= applies to an isolated position; add the word isolated` };
  return { ok: true, value: { text, symbol, side, size, entryPrice, markPrice, leverage, marginMode, isolatedMargin, account, venue } };
}
