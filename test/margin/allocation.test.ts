// The fair isolated counterfactual (allocation.ts): each former cross position first gets what
// keeps it above maintenance at the marks, then the rest by the policy; a position the capital
// cannot keep standing is named.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Balance } from '../../src/domain/balance.js';
import { loadBundledTierBook } from '../../src/io/bundled-tiers.js';
import { FLOOR_MARGIN } from '../../src/margin/allocation.js';
import { evaluateAccount } from '../../src/margin/evaluate-account.js';
import { makePosition } from '../support/make-position.js';

const tierBook = loadBundledTierBook();

function usdt(amount: number): Balance {
  return { account: 'main', asset: 'USDT', amount, priceQuote: null, haircut: null, source: { file: 'b', line: 2 } };
}

// The analyst's example: a DOGE long at 25x, 4 % under water, in a healthy cross account.
const doge = makePosition({ positionId: 'doge', symbol: 'DOGEUSDT', venue: 'binance-usdm', size: 150_000, entryPrice: 0.158, markPrice: 0.1512, leverage: 25 });

/** Which positions `wallet` funds, taking their `needed` amounts in `order` until one does not fit. */
function fundedInOrder(needed: readonly number[], order: readonly number[], wallet: number): boolean[] {
  const funded = needed.map(() => false);
  let used = 0;
  for (const i of order) {
    if (used + needed[i]! > wallet) break;
    used += needed[i]!;
    funded[i] = true;
  }
  return funded;
}
describe('the isolated counterfactual is fair', () => {
  it('keeps an under-water DOGE long alive: floor (MM − uPnL) first, then entry notional / leverage', () => {
    const { evaluation } = evaluateAccount({ account: 'main', positions: [doge], balances: [usdt(3_000)] }, { tierBook, allocation: 'leverage' });
    const isolated = evaluation!.modes.isolated;
    expect(isolated.liquidatable).toBe(false);
    const entry = evaluation!.allocation[0]!;
    const pnl = 150_000 * (0.1512 - 0.158); // −1,020
    const mm = isolated.positions[0]!.maintenanceMargin;
    expect(entry.maintenanceFloor).toBeCloseTo(mm - pnl, 9);
    expect(entry.standing).toBe(true);
    // 150,000 × 0.158 / 25 = 948 on top of the floor; the rest of the 3,000 stays free.
    expect(entry.margin).toBeCloseTo(mm - pnl + 948, 5);
    expect(isolated.freeBalance).toBeCloseTo(3_000 - entry.margin, 9);
    expect(isolated.positions[0]!.distanceToLiquidation!).toBeLessThan(-0.03);
    expect(evaluation!.warnings).toEqual([]);
  });

  it('names a position the capital cannot keep standing', () => {
    const { evaluation } = evaluateAccount({ account: 'main', positions: [doge], balances: [usdt(800)] }, { tierBook, allocation: 'leverage' });
    expect(evaluation!.allocation[0]!.standing).toBe(false);
    expect(evaluation!.modes.isolated.liquidatable).toBe(true);
    expect(evaluation!.warnings.some((w) => w.includes('cannot keep doge above maintenance'))).toBe(true);
  });

  it('funds the smallest floors first when not every position can stand', () => {
    const small = makePosition({ positionId: 'small', symbol: 'DOGEUSDT', venue: 'binance-usdm', side: 'short', size: 10_000, entryPrice: 0.15, markPrice: 0.1512, leverage: 25 });
    const { evaluation } = evaluateAccount({ account: 'main', positions: [doge, small], balances: [usdt(800)] }, { tierBook, allocation: 'notional' });
    const byId = new Map(evaluation!.allocation.map((a) => [a.positionId, a]));
    expect(byId.get('small')!.standing).toBe(true);
    expect(byId.get('doge')!.standing).toBe(false);
    // notional: the whole wallet is used.
    expect(byId.get('small')!.margin + byId.get('doge')!.margin).toBeCloseTo(800, 9);
  });

  it('funds floors smallest first while the wallet lasts, also with a wallet at their sum to the last unit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ move: fc.double({ min: -0.15, max: 0.15, noNaN: true }), size: fc.double({ min: 1_000, max: 300_000, noNaN: true }), long: fc.boolean() }), { minLength: 1, maxLength: 40 }),
        fc.constantFrom('sorted-sum', 'index-sum', 'random'),
        fc.integer({ min: -3, max: 3 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (rows, where, ulps, share) => {
          const positions = rows.map((r, i) =>
            makePosition({ positionId: `p${i}`, symbol: 'DOGEUSDT', venue: 'binance-usdm', side: r.long ? 'long' : 'short', size: r.size, entryPrice: 0.15 * (1 + r.move), markPrice: 0.15, leverage: 10 }),
          );
          const probe = evaluateAccount({ account: 'main', positions, balances: [usdt(0)] }, { tierBook, allocation: 'leverage' }).evaluation!;
          const needed = probe.allocation.map((a) => a.maintenanceFloor * (1 + FLOOR_MARGIN));
          const order = needed.map((_, i) => i).sort((a, b) => needed[a]! - needed[b]! || a - b);
          let sortedSum = 0;
          for (const i of order) sortedSum += needed[i]!;
          const indexSum = needed.reduce((t, x) => t + x, 0);
          let wallet = where === 'sorted-sum' ? sortedSum : where === 'index-sum' ? indexSum : share * indexSum;
          // A few units in the last place either way of the sum.
          for (let k = 0; k < Math.abs(ulps); k++) wallet = ulps > 0 ? wallet + wallet * Number.EPSILON : wallet - wallet * Number.EPSILON / 2;
          const expected = fundedInOrder(needed, order, wallet);
          const { evaluation } = evaluateAccount({ account: 'main', positions, balances: [usdt(wallet)] }, { tierBook, allocation: 'leverage' });
          expect(evaluation!.allocation.map((a) => a.standing)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('funds equal floors in input order, as the comparator floor then index orders them (many ties, past the insertion-sort runs)', () => {
    // Three kinds of row repeated: floors tie within a kind; 30 rows take the merge, not only the short runs.
    const kinds = [
      { side: 'long' as const, size: 150_000, entryPrice: 0.158 },
      { side: 'short' as const, size: 90_000, entryPrice: 0.149 },
      { side: 'long' as const, size: 40_000, entryPrice: 0.16 },
    ];
    const positions = Array.from({ length: 30 }, (_, i) => {
      const k = kinds[(i * 7) % 3]!;
      return makePosition({ positionId: `p${i}`, symbol: 'DOGEUSDT', venue: 'binance-usdm', side: k.side, size: k.size, entryPrice: k.entryPrice, markPrice: 0.1512, leverage: 10 });
    });
    const probe = evaluateAccount({ account: 'main', positions, balances: [usdt(0)] }, { tierBook, allocation: 'leverage' }).evaluation!;
    const needed = probe.allocation.map((a) => a.maintenanceFloor * (1 + FLOOR_MARGIN));
    const order = needed.map((_, i) => i).sort((a, b) => needed[a]! - needed[b]! || a - b);
    for (const share of [0.2, 0.5, 0.8]) {
      const wallet = share * needed.reduce((t, x) => t + x, 0);
      const expected = fundedInOrder(needed, order, wallet);
      const { evaluation } = evaluateAccount({ account: 'main', positions, balances: [usdt(wallet)] }, { tierBook, allocation: 'leverage' });
      expect(evaluation!.allocation.map((a) => a.standing)).toEqual(expected);
      expect(expected.includes(true) && expected.includes(false)).toBe(true);
    }
  });

  it('no former cross position is liquidatable isolated when the wallet covers every floor, whatever the policy', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ move: fc.double({ min: -0.15, max: 0.15, noNaN: true }), size: fc.double({ min: 1_000, max: 300_000, noNaN: true }), leverage: fc.integer({ min: 1, max: 50 }), long: fc.boolean() }), { minLength: 1, maxLength: 5 }),
        fc.constantFrom('leverage', 'notional', 'equal-risk') as fc.Arbitrary<'leverage' | 'notional' | 'equal-risk'>,
        fc.double({ min: 0, max: 1, noNaN: true }),
        (rows, allocation, extra) => {
          const positions = rows.map((r, i) =>
            makePosition({ positionId: `p${i}`, symbol: 'DOGEUSDT', venue: 'binance-usdm', side: r.long ? 'long' : 'short', size: r.size, entryPrice: 0.15 * (1 + r.move), markPrice: 0.15, leverage: r.leverage }),
          );
          const probe = evaluateAccount({ account: 'main', positions, balances: [usdt(0)] }, { tierBook, allocation }).evaluation!;
          const floors = probe.allocation.reduce((s, a) => s + a.maintenanceFloor, 0);
          const { evaluation } = evaluateAccount({ account: 'main', positions, balances: [usdt(floors * (1 + 1e-6) + extra * 5_000)] }, { tierBook, allocation });
          expect(evaluation!.allocation.every((a) => a.standing)).toBe(true);
          for (const pool of evaluation!.modes.isolated.pools) expect(pool.liquidatable).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });
});
