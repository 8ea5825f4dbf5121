// A batch of account books in the compact form sent to an evaluate worker (evaluate-parallel.ts):
// the positions' numbers in one Float64Array and their strings as indices into one table of the
// batch's distinct strings, both transferred or cloned flat, instead of one object graph per
// position (structured cloning a Position and its source costs more than evaluating it needs).
// decodeBooks rebuilds the same books, field for field and in the same key order.

import type { AccountBook } from '../domain/account-book.js';
import type { Balance } from '../domain/balance.js';
import type { InstrumentKind, MarginMode, Position, Side } from '../domain/position.js';
import type { VenueName } from '../domain/venue-name.js';

/** Numbers per position: size, entryPrice, markPrice, isolatedMargin, leverage, contractSize, source line. */
const NUMBERS = 7;
/** String indices per position: positionId, account, symbol, side, marginMode, instrument, venue, settlementAsset, quoteAsset, baseAsset, source file. */
const REFS = 11;
/** Placeholder in `numbers` for a null isolatedMargin or leverage (told apart by NULL_* bits in `nulls`). */
const NULL_ISOLATED_MARGIN = 1;
const NULL_LEVERAGE = 2;

export interface EncodedBooks {
  /** Each book's account, position count and balances (few: cloned as they are). */
  readonly books: readonly { readonly account: string; readonly positions: number; readonly balances: readonly Balance[] }[];
  /** The batch's distinct strings. */
  readonly texts: readonly string[];
  /** NUMBERS per position, in book order. */
  readonly numbers: Float64Array;
  /** REFS indices into `texts` per position. */
  readonly refs: Int32Array;
  /** NULL_* bits per position. */
  readonly nulls: Uint8Array;
}

/** `books` in the compact form; `transfer` lists the buffers a postMessage may move instead of copy. */
export function encodeBooks(books: readonly AccountBook[]): { readonly encoded: EncodedBooks; readonly transfer: ArrayBuffer[] } {
  let count = 0;
  for (const book of books) count += book.positions.length;
  const numbers = new Float64Array(count * NUMBERS);
  const refs = new Int32Array(count * REFS);
  const nulls = new Uint8Array(count);
  const texts: string[] = [];
  const indexOf = new Map<string, number>();
  const ref = (text: string): number => {
    let k = indexOf.get(text);
    if (k === undefined) {
      k = texts.length;
      texts.push(text);
      indexOf.set(text, k);
    }
    return k;
  };
  let i = 0;
  for (const book of books) {
    for (const p of book.positions) {
      const n = i * NUMBERS;
      numbers[n] = p.size;
      numbers[n + 1] = p.entryPrice;
      numbers[n + 2] = p.markPrice;
      numbers[n + 3] = p.isolatedMargin ?? 0;
      numbers[n + 4] = p.leverage ?? 0;
      numbers[n + 5] = p.contractSize;
      numbers[n + 6] = p.source.line;
      nulls[i] = (p.isolatedMargin === null ? NULL_ISOLATED_MARGIN : 0) | (p.leverage === null ? NULL_LEVERAGE : 0);
      const r = i * REFS;
      refs[r] = ref(p.positionId);
      refs[r + 1] = ref(p.account);
      refs[r + 2] = ref(p.symbol);
      refs[r + 3] = ref(p.side);
      refs[r + 4] = ref(p.marginMode);
      refs[r + 5] = ref(p.instrument);
      refs[r + 6] = ref(p.venue);
      refs[r + 7] = ref(p.settlementAsset);
      refs[r + 8] = ref(p.quoteAsset);
      refs[r + 9] = ref(p.baseAsset);
      refs[r + 10] = ref(p.source.file);
      i++;
    }
  }
  const encoded: EncodedBooks = { books: books.map((b) => ({ account: b.account, positions: b.positions.length, balances: b.balances })), texts, numbers, refs, nulls };
  return { encoded, transfer: [numbers.buffer, refs.buffer, nulls.buffer] };
}

/** The books `encodeBooks` was given, rebuilt. */
export function decodeBooks(encoded: EncodedBooks): AccountBook[] {
  const { texts, numbers, refs, nulls } = encoded;
  const books: AccountBook[] = [];
  let i = 0;
  for (const book of encoded.books) {
    const positions: Position[] = new Array<Position>(book.positions);
    for (let k = 0; k < book.positions; k++, i++) {
      const n = i * NUMBERS;
      const r = i * REFS;
      const flags = nulls[i]!;
      positions[k] = {
        positionId: texts[refs[r]!]!,
        account: texts[refs[r + 1]!]!,
        symbol: texts[refs[r + 2]!]!,
        side: texts[refs[r + 3]!] as Side,
        size: numbers[n]!,
        entryPrice: numbers[n + 1]!,
        markPrice: numbers[n + 2]!,
        marginMode: texts[refs[r + 4]!] as MarginMode,
        isolatedMargin: (flags & NULL_ISOLATED_MARGIN) !== 0 ? null : numbers[n + 3]!,
        leverage: (flags & NULL_LEVERAGE) !== 0 ? null : numbers[n + 4]!,
        instrument: texts[refs[r + 5]!] as InstrumentKind,
        contractSize: numbers[n + 5]!,
        venue: texts[refs[r + 6]!] as VenueName,
        settlementAsset: texts[refs[r + 7]!]!,
        quoteAsset: texts[refs[r + 8]!]!,
        baseAsset: texts[refs[r + 9]!]!,
        source: { file: texts[refs[r + 10]!]!, line: numbers[n + 6]! },
      };
    }
    books.push({ account: book.account, positions, balances: book.balances });
  }
  return books;
}
