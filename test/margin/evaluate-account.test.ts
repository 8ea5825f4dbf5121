// Invariants of the three-mode evaluation: same capital in every mode, cross equity as the sum
// of its parts, isolated losses capped by posted margin, leverage moving the liquidation price
// the right way, and a hand-checked two-position book.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AccountBook } from '../../src/domain/account-book.js';
import type { Balance } from '../../src/domain/balance.js';
import type { Position } from '../../src/domain/position.js';
import { evaluateAccount } from '../../src/margin/evaluate-account.js';
import type { TierBook } from '../../src/venues/tier-book.js';
import { makePosition } from '../support/make-position.js';
import { LEGACY_BINANCE_BTCUSDT, notionalTable } from '../support/tier-tables.js';

const ETH = notionalTable('ETHUSDT', [
  [10_000, 0.005, 100],
  [100_000, 0.0065, 75],
  [500_000, 0.01, 50],
  [1_000_000, 0.02, 25],
  [Infinity, 0.05, 10],
]);
const tierBook: TierBook = new Map([['generic', new Map([['BTCUSDT', LEGACY_BINANCE_BTCUSDT], ['ETHUSDT', ETH]])]]);

function usdt(account: string, amount: number): Balance {
  return { account, asset: 'USDT', amount, priceQuote: null, haircut: null, source: { file: 'b', line: 2 } };
}

const positionArb = fc.record({
  symbol: fc.constantFrom('BTCUSDT', 'ETHUSDT'),
  side: fc.constantFrom<'long' | 'short'>('long', 'short'),
  size: fc.double({ min: 0.01, max: 20, noNaN: true }),
  entryMove: fc.double({ min: -0.2, max: 0.2, noNaN: true }),
  leverage: fc.integer({ min: 1, max: 50 }),
  isolated: fc.boolean(),
});

const bookArb = fc
  .record({
    rows: fc.array(positionArb, { minLength: 1, maxLength: 6 }),
    wallet: fc.double({ min: 0, max: 500_000, noNaN: true }),
  })
  .map(({ rows, wallet }) => {
    const marks: Record<string, number> = { BTCUSDT: 60_000, ETHUSDT: 3_000 };
    const positions: Position[] = rows.map((r, i) => {
      const mark = marks[r.symbol]!;
      const entry = mark * (1 + r.entryMove);
      return makePosition({
        positionId: `p${i}`,
        symbol: r.symbol,
        side: r.side,
        size: r.size,
        entryPrice: entry,
        markPrice: mark,
        leverage: r.leverage,
        marginMode: r.isolated ? 'isolated' : 'cross',
        isolatedMargin: r.isolated ? (r.size * entry) / r.leverage : null,
      });
    });
    const book: AccountBook = { account: 'main', positions, balances: [usdt('main', wallet)] };
    return { book, wallet };
  });

describe('evaluateAccount invariants', () => {
  it('puts the same capital at stake in all three modes', () => {
    fc.assert(
      fc.property(bookArb, fc.constantFrom('leverage', 'notional', 'equal-risk') as fc.Arbitrary<'leverage' | 'notional' | 'equal-risk'>, ({ book }, allocation) => {
        const { evaluation } = evaluateAccount(book, { tierBook, allocation });
        const m = evaluation!.modes;
        expect(m.isolated.equityQuote).toBeCloseTo(m.cross.equityQuote, 4);
        expect(m.exported.equityQuote).toBeCloseTo(m.cross.equityQuote, 4);
      }),
      { numRuns: 200 },
    );
  });

  it('cross equity = wallet + all isolated margins + all unrealised PnL', () => {
    fc.assert(
      fc.property(bookArb, ({ book, wallet }) => {
        const { evaluation } = evaluateAccount(book, { tierBook, allocation: 'leverage' });
        const pnl = book.positions.reduce((s, p) => s + (p.side === 'long' ? 1 : -1) * p.size * (p.markPrice - p.entryPrice), 0);
        const margins = book.positions.reduce((s, p) => s + (p.isolatedMargin ?? 0), 0);
        expect(evaluation!.modes.cross.equity).toBeCloseTo(wallet + margins + pnl, 4);
      }),
      { numRuns: 200 },
    );
  });

  it('an isolated position never loses more than its posted margin before liquidation', () => {
    fc.assert(
      fc.property(bookArb, ({ book }) => {
        const { evaluation } = evaluateAccount(book, { tierBook, allocation: 'leverage' });
        for (const pool of evaluation!.modes.isolated.pools) {
          const position = evaluation!.modes.isolated.positions.find((p) => p.poolId === pool.poolId)!;
          if (position.liquidationPrice === null || pool.liquidatable) continue;
          const s = position.side === 'long' ? 1 : -1;
          const lossAtLiquidation = -s * position.size * (position.liquidationPrice - position.entryPrice);
          expect(lossAtLiquidation).toBeLessThanOrEqual(pool.collateral + 1e-6);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('higher leverage never moves the liquidation price away from the mark', () => {
    // Signed form, valid even once a position is liquidatable: a long's liquidation price only
    // rises with leverage, a short's only falls (no liquidation price counts as 0 / infinity).
    fc.assert(
      fc.property(positionArb, fc.integer({ min: 1, max: 49 }), (row, lowLeverage) => {
        const liquidationPriceAt = (leverage: number) => {
          const entry = 100 * (1 + row.entryMove);
          const p = makePosition({ symbol: row.symbol, side: row.side, size: row.size, entryPrice: entry, markPrice: 100, marginMode: 'isolated', isolatedMargin: (row.size * entry) / leverage, leverage });
          const table = { ...LEGACY_BINANCE_BTCUSDT, symbol: row.symbol };
          const book: TierBook = new Map([['generic', new Map([[row.symbol, table]])]]);
          const { evaluation } = evaluateAccount({ account: 'a', positions: [p], balances: [] }, { tierBook: book, allocation: 'leverage' });
          const lp = evaluation!.modes.exported.positions[0]!.liquidationPrice;
          return lp ?? (row.side === 'long' ? 0 : Infinity);
        };
        const low = liquidationPriceAt(lowLeverage);
        const high = liquidationPriceAt(lowLeverage + 1);
        if (row.side === 'long') expect(high).toBeGreaterThanOrEqual(low * (1 - 1e-12));
        else expect(high).toBeLessThanOrEqual(low * (1 + 1e-12));
      }),
      { numRuns: 300 },
    );
  });
});

describe('evaluateAccount on a hand-checked book', () => {
  // Wallet 10,000 USDT; BTC long 1 @ 60,000 (cross); ETH short 10 @ 3,000 (isolated, 3,000 margin).
  const positions = [
    makePosition({ positionId: 'btc', symbol: 'BTCUSDT', side: 'long', size: 1, entryPrice: 60_000, markPrice: 60_000, leverage: 10 }),
    makePosition({ positionId: 'eth', symbol: 'ETHUSDT', side: 'short', size: 10, entryPrice: 3_000, markPrice: 3_000, marginMode: 'isolated', isolatedMargin: 3_000, leverage: 10 }),
  ];
  const { evaluation } = evaluateAccount({ account: 'desk', positions, balances: [usdt('desk', 10_000)] }, { tierBook, allocation: 'leverage' });
  const m = evaluation!.modes;

  it('exported: BTC alone in the cross pool, LP = (10000 + 50 - 60000) / (0.005 - 1)', () => {
    const btc = m.exported.positions.find((p) => p.positionId === 'btc')!;
    expect(btc.liquidationPrice).toBeCloseTo(49_950 / 0.995, 6);
    expect(btc.maintenanceMargin).toBeCloseTo(60_000 * 0.005 - 50, 9);
  });

  it('isolated: BTC gets its maintenance floor (MM − uPnL = 250) plus entry notional / leverage = 6,000; 3,750 stays free', () => {
    const entry = evaluation!.allocation.find((a) => a.positionId === 'btc')!;
    expect(entry.maintenanceFloor).toBeCloseTo(60_000 * 0.005 - 50, 9);
    expect(entry.margin).toBeCloseTo(6_250, 5);
    expect(m.isolated.freeBalance).toBeCloseTo(3_750, 5);
    const btc = m.isolated.positions.find((p) => p.positionId === 'btc')!;
    expect(btc.liquidationPrice).toBeCloseTo((entry.margin + 50 - 60_000) / (0.005 - 1), 6);
  });

  it('cross: the ETH margin joins the pool, BTC LP moves further away', () => {
    const btc = m.cross.positions.find((p) => p.positionId === 'btc')!;
    // ETH MM at 30,000 notional: 30,000 * 0.0065 - 15 = 180; pool cash 13,000. The BTC notional
    // at the LP (~47,400) falls in the first bracket (0.4 %, amount 0), not the second.
    const expected = (13_000 - 180 - 60_000) / (0.004 - 1);
    expect(btc.liquidationPrice).toBeCloseTo(expected, 6);
    expect(m.cross.equity).toBeCloseTo(13_000, 9);
    expect(m.cross.maintenanceMargin).toBeCloseTo(250 + 180, 9);
    expect(m.cross.marginRatio).toBeCloseTo(430 / 13_000, 12);
  });

  it('uniform move: the hedged cross book needs a large common move', () => {
    // Net long 60,000 - short 30,000 = 30,000 of exposure; health 13,000 - 430.
    const down = m.cross.uniformMoveToLiquidation.down!;
    expect(down).toBeGreaterThan(0.3);
    expect(down).toBeLessThan(0.45);
  });
});
