// The compact form of a batch of books sent to an evaluate worker: decoding gives back the same
// books, field for field (nulls, shared and unique strings, every number bit for bit) and in the
// same key order, since the books are evaluated and written as if never sent.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AccountBook } from '../../src/domain/account-book.js';
import type { Position } from '../../src/domain/position.js';
import { decodeBooks, encodeBooks } from '../../src/flows/book-batch-codec.js';
import { makePosition } from '../support/make-position.js';

const positive = fc.double({ min: 1e-12, max: 1e12, noNaN: true });
const text = fc.string({ minLength: 1, maxLength: 12 });

const position = (account: string): fc.Arbitrary<Position> =>
  fc.record({
    positionId: text,
    account: fc.constant(account),
    symbol: fc.constantFrom('BTCUSDT', 'ETHUSD_PERP', 'SÖL'),
    side: fc.constantFrom('long' as const, 'short' as const),
    size: positive,
    entryPrice: positive,
    markPrice: positive,
    marginMode: fc.constantFrom('cross' as const, 'isolated' as const),
    isolatedMargin: fc.option(positive, { nil: null }),
    leverage: fc.option(fc.double({ min: 1, max: 1000, noNaN: true }), { nil: null }),
    instrument: fc.constantFrom('linear' as const, 'inverse' as const),
    contractSize: positive,
    venue: fc.constantFrom('generic' as const, 'binance-usdm' as const),
    settlementAsset: fc.constantFrom('USDT', 'BTC'),
    quoteAsset: fc.constantFrom('USDT', 'USD'),
    baseAsset: fc.constantFrom('BTC', 'ETH'),
    source: fc.record({ file: fc.constantFrom('positions.csv', 'дата.csv'), line: fc.integer({ min: 2, max: 2 ** 40 }) }),
  });

const book: fc.Arbitrary<AccountBook> = text.chain((account) =>
  fc.record({
    account: fc.constant(account),
    positions: fc.array(position(account), { maxLength: 6 }),
    balances: fc.array(
      fc.record({
        account: fc.constant(account),
        asset: fc.constantFrom('USDT', 'BTC'),
        amount: fc.double({ noNaN: true, noDefaultInfinity: true }),
        priceQuote: fc.option(positive, { nil: null }),
        haircut: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
        source: fc.record({ file: fc.constant('balances.csv'), line: fc.integer({ min: 2, max: 1000 }) }),
      }),
      { maxLength: 2 },
    ),
  }),
);

describe('book batch codec', () => {
  it('decodes to the books it was given', () => {
    fc.assert(
      fc.property(fc.array(book, { maxLength: 5 }), (books) => {
        const { encoded } = encodeBooks(books);
        const decoded = decodeBooks(structuredClone(encoded));
        expect(decoded).toEqual(books);
        for (let b = 0; b < books.length; b++) {
          for (let k = 0; k < books[b]!.positions.length; k++) {
            const before = books[b]!.positions[k]!;
            const after = decoded[b]!.positions[k]!;
            expect(Object.keys(after)).toEqual(Object.keys(before));
            for (const key of ['size', 'entryPrice', 'markPrice', 'contractSize'] as const) expect(Object.is(after[key], before[key])).toBe(true);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('keeps each field apart when strings repeat, are empty, or one field spells another', () => {
    const base: Position = makePosition({ positionId: '', account: 'USDT', symbol: 'BTCUSDT', size: 1, entryPrice: 2, markPrice: 3, source: { file: 'USDT', line: 2 } });
    const books: AccountBook[] = [
      {
        account: 'USDT',
        positions: [base, { ...base, positionId: 'USDT', side: 'short', baseAsset: '', source: { file: 'USDT', line: 3 } }, { ...base, positionId: '', settlementAsset: 'BTC' }],
        balances: [],
      },
      { account: '', positions: [{ ...base, account: '', quoteAsset: 'BTC' }], balances: [] },
    ];
    const { encoded } = encodeBooks(books);
    expect(decodeBooks(structuredClone(encoded))).toEqual(books);
    // Each string other than an id is in the table once.
    expect(encoded.texts.filter((t) => t === 'USDT')).toHaveLength(2);
  });

  it('lists the buffers that can be moved to the worker', () => {
    const { encoded, transfer } = encodeBooks([]);
    expect(transfer).toEqual([encoded.numbers.buffer, encoded.refs.buffer, encoded.nulls.buffer]);
    expect(decodeBooks(encoded)).toEqual([]);
  });
});
