// A stress lists at most STRESS_LISTED entries of each kind (the largest positions by notional,
// the stressed position always, in id order) and counts them all; the account's folded
// contagion still holds every entry. Checked against a brute-force selection on random lists,
// and on a book whose cross pool takes 59 positions with it.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ContagionEntry } from '../../src/contagion/contagion-summary.js';
import { stressAccount } from '../../src/contagion/stress-account.js';
import { listedEntries, STRESS_LISTED } from '../../src/contagion/stress-listing.js';
import type { Position } from '../../src/domain/position.js';
import { stressSentences } from '../../src/report/evaluate/stress-sentences.js';
import { evaluateAccount } from '../../src/margin/evaluate-account.js';
import { makePosition } from '../support/make-position.js';
import { bookOf, contextFor } from './support/fixtures.js';

const entryOf = (positionId: string): ContagionEntry => ({ positionId, probability: 1, standardError: 0, causes: [], collateralShare: 0 });
const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The rule by sorting: the stressed one, then the largest notionals (ties by id), in id order. */
function bruteForce(ids: readonly string[], notional: ReadonlyMap<string, number>, stressed: string): string[] {
  if (ids.length <= STRESS_LISTED) return [...ids];
  const own = ids.includes(stressed) ? [stressed] : [];
  const rest = ids.filter((id) => id !== stressed).sort((a, b) => notional.get(b)! - notional.get(a)! || byId(a, b));
  return [...own, ...rest.slice(0, STRESS_LISTED - own.length)].sort(byId);
}

describe('listedEntries', () => {
  it('keeps the largest by notional (ties by id) and the stressed position, in id order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 80 }), fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 80, maxLength: 80 }), fc.integer({ min: -1, max: 79 }), (n, sizes, stressedAt) => {
        // Few distinct notionals, so ties are common.
        const ids = Array.from({ length: n }, (_, i) => `p${String(i).padStart(2, '0')}`);
        const notional = new Map(ids.map((id, i) => [id, sizes[i]! * 1_000]));
        const stressed = stressedAt >= 0 && stressedAt < n ? ids[stressedAt]! : 'none';
        const listed = listedEntries(ids.map(entryOf), (id) => notional.get(id)!, stressed).map((e) => e.positionId);
        expect(listed).toEqual(bruteForce(ids, notional, stressed));
        expect(listed.length).toBe(Math.min(n, STRESS_LISTED));
      }),
      { numRuns: 300 },
    );
  });
});

describe('a stress that takes a large cross pool down', () => {
  // One large BTC long and 59 smaller ETH positions, all cross: BTC moved alone to the price that
  // liquidates the cross pool takes every ETH position with it, and each survives isolated there
  // (ETH did not move). Sizes grow with the index, so the largest are the last ids.
  const btc = makePosition({ positionId: 'p00', symbol: 'BTCUSDT', side: 'long', size: 2, entryPrice: 60_000, markPrice: 60_000, leverage: 5, marginMode: 'cross', isolatedMargin: null });
  const eth = Array.from({ length: 59 }, (_, i) =>
    makePosition({ positionId: `p${String(i + 1).padStart(2, '0')}`, symbol: 'ETHUSDT', side: i % 2 === 0 ? 'long' : 'short', size: 0.1 + i * 0.01, entryPrice: 3_000, markPrice: 3_000, leverage: 5, marginMode: 'cross', isolatedMargin: null }),
  );
  const positions: Position[] = [btc, ...eth];
  const book = bookOf(positions, 40_000);
  const context = contextFor(positions);
  const result = stressAccount(book, context);
  const first = result.stress[0]!;

  it('lists at most STRESS_LISTED victims, the largest, and counts them all', () => {
    expect(first.shockedPositionId).toBe('p00');
    expect(first.victimsAtCrossLiquidationCount).toBe(59);
    expect(first.victimsAtCrossLiquidation.map((v) => v.positionId)).toEqual(eth.slice(-STRESS_LISTED).map((p) => p.positionId));
    for (const v of first.victimsAtCrossLiquidation) expect(v.causes).toEqual([{ positionId: 'p00', share: 1 }]);
  });

  it('folds every victim of every scenario into the account contagion, listed or not', () => {
    const folded = new Map(result.folded.victims.map((v) => [v.positionId, v]));
    // p01, the smallest, is never listed in BTC's stress, yet it fell with the pool there.
    expect(first.victimsAtCrossLiquidation.some((v) => v.positionId === 'p01')).toBe(false);
    expect(folded.get('p01')?.causes.map((c) => c.positionId)).toContain('p00');
    for (const p of eth) expect(folded.has(p.positionId)).toBe(true);
  });

  it('says how many more there are in its sentence', () => {
    const evaluation = evaluateAccount(book, context).evaluation!;
    const sentence = stressSentences(result, evaluation)[0]!;
    expect(sentence).toContain(`and ${59 - STRESS_LISTED} more with it`);
  });
});
