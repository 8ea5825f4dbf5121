// A batch of account books in the compact form sent to an evaluate worker (evaluate-parallel.ts):
// the positions' numbers in one Float64Array and their strings as indices into one table of the
// batch's strings (each other string once; ids, unique in a file, as they come), both transferred or cloned flat, instead of one object graph per
// position (structured cloning a Position and its source costs more than evaluating it needs).
// decodeBooks rebuilds the same books, field for field and in the same key order.

import type { AccountBook } from '../domain/account-book.js';
import type { Balance } from '../domain/balance.js';
import type { InstrumentKind, MarginMode, Position, Side } from '../domain/position.js';
import type { VenueName } from '../domain/venue-name.js';

/** Numbers per position: size, entryPrice, markPrice, isolatedMargin, leverage, contractSize, source line. */
const NUMBERS = 7;
/** String indices per position (field numbers 0-10): positionId, account, symbol, side, marginMode, instrument, venue, settlementAsset, quoteAsset, baseAsset, source file. */
const REFS = 11;
/** Placeholder in `numbers` for a null isolatedMargin or leverage (told apart by NULL_* bits in `nulls`). */
const NULL_ISOLATED_MARGIN = 1;
const NULL_LEVERAGE = 2;

export interface EncodedBooks {
  /** Each book's account, position count and balances (few: cloned as they are). */
  readonly books: readonly { readonly account: string; readonly positions: number; readonly balances: readonly Balance[] }[];
  /** The batch's strings: every position id, and each other distinct string once. */
  readonly texts: readonly string[];
  /** NUMBERS per position, in book order. */
  readonly numbers: Float64Array;
  /** REFS indices into `texts` per position. */
  readonly refs: Int32Array;
  /** NULL_* bits per position. */
  readonly nulls: Uint8Array;
}

/**
 * The string table of one batch. A field's string mostly repeats the previous position's (one
 * account, a few symbols): each field keeps its last string and index, so most fields cost one
 * comparison instead of a Map lookup.
 */
class BatchStrings {
  readonly texts: string[] = [];
  readonly #indexOf = new Map<string, number>();
  readonly #lastTexts: string[] = new Array<string>(REFS).fill('');
  /** -1: no last string yet for that field. */
  readonly #lastRefs = new Int32Array(REFS).fill(-1);

  /** Index of `text`, the string of field `field` (0 to REFS - 1) of a position. */
  ref(field: number, text: string): number {
    const last = this.#lastRefs[field]!;
    if (last >= 0 && text === this.#lastTexts[field]) return last;
    let k = this.#indexOf.get(text);
    if (k === undefined) {
      k = this.texts.length;
      this.texts.push(text);
      this.#indexOf.set(text, k);
    }
    this.#lastTexts[field] = text;
    this.#lastRefs[field] = k;
    return k;
  }

  /** Index of `text` appended without a lookup (a position id: unique in a file). */
  append(text: string): number {
    this.texts.push(text);
    return this.texts.length - 1;
  }
}

/** `books` in the compact form; `transfer` lists the buffers a postMessage may move instead of copy. */
export function encodeBooks(books: readonly AccountBook[]): { readonly encoded: EncodedBooks; readonly transfer: ArrayBuffer[] } {
  let count = 0;
  for (const book of books) count += book.positions.length;
  const numbers = new Float64Array(count * NUMBERS);
  const refs = new Int32Array(count * REFS);
  const nulls = new Uint8Array(count);
  const table = new BatchStrings();
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
      // Ids are unique in a file: each is appended without a lookup.
      refs[r] = table.append(p.positionId);
      refs[r + 1] = table.ref(1, p.account);
      refs[r + 2] = table.ref(2, p.symbol);
      refs[r + 3] = table.ref(3, p.side);
      refs[r + 4] = table.ref(4, p.marginMode);
      refs[r + 5] = table.ref(5, p.instrument);
      refs[r + 6] = table.ref(6, p.venue);
      refs[r + 7] = table.ref(7, p.settlementAsset);
      refs[r + 8] = table.ref(8, p.quoteAsset);
      refs[r + 9] = table.ref(9, p.baseAsset);
      refs[r + 10] = table.ref(10, p.source.file);
      i++;
    }
  }
  const encoded: EncodedBooks = { books: books.map((b) => ({ account: b.account, positions: b.positions.length, balances: b.balances })), texts: table.texts, numbers, refs, nulls };
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
