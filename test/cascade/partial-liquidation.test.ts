// Partial liquidation in the cascade, worked by hand: one isolated Hyperliquid long (100 units
// entered at 100, margin 1,000, one bracket MMR 5 %, no fee) on HUSDT, the price stepping from 100
// to 94.5. Each round sells 20 % of what is left at the round's fill and puts the pool back on the
// ladder; the backstop (equity < 2/3 of maintenance) closes it whole and the venue keeps the
// equity left. The same arithmetic as cascade.md's worked example: k = 0.01 × N / D, the price
// moves to p × e^−k, the sell fills at p × (1 − e^−k) / k.

import { describe, expect, it } from 'vitest';
import { compileCascadeMarket } from '../../src/cascade/cascade-market.js';
import { CascadeEngine } from '../../src/cascade/cascade-path.js';
import { conservationLedger } from '../../src/cascade/conservation-ledger.js';
import { poolHealthAtPrice } from '../../src/cascade/pool-health.js';
import { flatSchedule } from './cascade-fixtures.js';

function hyperliquidLong(depth1pct: number) {
  return compileCascadeMarket('USDT', ['HUSDT'], [100], [{ bid1pct: depth1pct, ask1pct: depth1pct }], [
    { account: 'H', cash: 1000, members: [{ positionId: 'H:HUSDT:long', symbol: 'HUSDT', side: 'long', size: 100, entryPrice: 100, schedule: flatSchedule(0.05), venue: 'hyperliquid' }] },
  ]);
}

/** A sell of `units` at `p` on depth `depth`: the price after and the mean fill. */
function sell(p: number, units: number, depth: number): { after: number; fill: number } {
  const k = (0.01 * units * p) / depth;
  return { after: p * Math.exp(-k), fill: (p * (1 - Math.exp(-k))) / k };
}

const run = (depth: number) => {
  const engine = new CascadeEngine(hyperliquidLong(depth));
  const state = engine.run({ nSteps: 1, logReturns: Float64Array.from([Math.log(0.945)]) }, { fund: 1e6, impactDecayPerStep: 1, recordAdl: true });
  return { market: engine.market, state };
};

describe('cascade: Hyperliquid partial liquidation by slices', () => {
  it('takes the kernel rule from the profile: 20 % slices, backstop at 2/3 of maintenance', () => {
    const market = hyperliquidLong(1000);
    expect(market.positionPartialFraction[0]).toBe(0.2);
    expect(market.positionBackstopFraction[0]).toBeCloseTo(2 / 3, 15);
  });

  it('depth 1,000: two slices in rounds 0 and 1, then the backstop closes the pool whole in round 2', () => {
    const { market, state } = run(1000);
    // Round 0 at 94.5: equity 1,000 − 100 × 5.5 = 450 <= MM 0.05 × 9,450 = 472.5, and 450 >= 2/3 × 472.5
    // = 315: sell 20 units, N = 1,890, k = 0.0189, fill 93.6126, price to 92.7307.
    const r0 = sell(94.5, 20, 1000);
    expect(r0.fill).toBeCloseTo(93.6126, 4);
    expect(r0.after).toBeCloseTo(92.7307, 4);
    const cash1 = 1000 + 20 * (r0.fill - 100); // 872.2515
    expect(cash1).toBeCloseTo(872.2515, 4);
    // Round 1 at 92.7307: 80 units, equity 872.2515 + 80 × (92.7307 − 100) = 290.709 <= MM 370.923,
    // >= 2/3 × MM = 247.282: sell 16 units (20 % of 80), N = 1,483.69, fill 92.0462, price to 91.3650.
    const eq1 = cash1 + 80 * (r0.after - 100);
    expect(eq1).toBeCloseTo(290.709, 3);
    expect(eq1).toBeGreaterThanOrEqual((2 / 3) * 0.05 * 80 * r0.after);
    const r1 = sell(r0.after, 16, 1000);
    expect(r1.fill).toBeCloseTo(92.0462, 4);
    expect(r1.after).toBeCloseTo(91.365, 4);
    const cash2 = cash1 + 16 * (r1.fill - 100); // 744.9906
    // Round 2 at 91.3650: 64 units, equity 744.9906 + 64 × (91.3650 − 100) = 192.353 < 2/3 × MM
    // (0.05 × 64 × 91.3650 = 292.368) = 194.912: the backstop sells all 64, N = 5,847.36, fill
    // 88.7451, price to 86.1758; equity left 744.9906 + 64 × (88.7451 − 100) = 24.679, to the venue.
    const eq2 = cash2 + 64 * (r1.after - 100);
    expect(eq2).toBeCloseTo(192.353, 3);
    expect(eq2).toBeLessThan((2 / 3) * 0.05 * 64 * r1.after);
    const r2 = sell(r1.after, 64, 1000);
    const forfeited = cash2 + 64 * (r2.fill - 100);
    expect(forfeited).toBeCloseTo(24.679, 3);

    expect([...state.roundNotional.slice(0, 4)].map((x) => +x.toFixed(4))).toEqual([1890, +(16 * r0.after).toFixed(4), +(64 * r1.after).toFixed(4), 0]);
    expect(state.poolSlices[0]).toBe(2);
    expect(state.maxRoundsInStep).toBe(3);
    expect(state.alive[0]).toBe(0);
    expect(state.size[0]).toBe(0);
    expect(state.cash[0]).toBe(0);
    expect(state.poolClosedBy[0]).toBe(1);
    expect(state.poolLiquidationStep[0]).toBe(1);
    expect(state.feesToVenue).toBeCloseTo(forfeited, 9);
    expect(state.poolBadDebt[0]).toBe(0);
    expect(state.fundPaid).toBe(0);
    expect(state.price[0]).toBeCloseTo(r2.after, 9);
    expect(conservationLedger(market, state).residual).toBeCloseTo(0, 9);
  });

  it('depth 2,000: two slices, then the pool survives with 64 units at its new trigger', () => {
    const { market, state } = run(2000);
    const r0 = sell(94.5, 20, 2000);
    const cash1 = 1000 + 20 * (r0.fill - 100);
    // Round 1: 80 units at r0.after still liquidatable (health < 0), above the backstop.
    expect(cash1 + 80 * (r0.after - 100) - 0.05 * 80 * r0.after).toBeLessThan(0);
    expect(cash1 + 80 * (r0.after - 100)).toBeGreaterThanOrEqual((2 / 3) * 0.05 * 80 * r0.after);
    const r1 = sell(r0.after, 16, 2000);
    const cash2 = cash1 + 16 * (r1.fill - 100);
    // Round 2: 64 units at r1.after are healthy: the round liquidates nothing.
    expect(cash2 + 64 * (r1.after - 100) - 0.05 * 64 * r1.after).toBeGreaterThan(0);

    expect(state.poolSlices[0]).toBe(2);
    expect(state.alive[0]).toBe(1);
    expect(state.size[0]).toBeCloseTo(64, 12);
    expect(state.cash[0]).toBeCloseTo(cash2, 9);
    expect(state.price[0]).toBeCloseTo(r1.after, 9);
    expect(state.poolLiquidationStep[0]).toBe(1);
    expect(state.poolClosedBy[0]).toBe(0);
    // Back on the ladder at its new trigger: below the price, health 0 there.
    const trigger = state.trigger[0]!;
    expect(trigger).toBeLessThan(state.price[0]!);
    expect(poolHealthAtPrice(market, state, 0, trigger)).toBeLessThanOrEqual(0);
    expect(poolHealthAtPrice(market, state, 0, trigger * (1 + 1e-12))).toBeGreaterThan(0);
    expect(conservationLedger(market, state).residual).toBeCloseTo(0, 9);
  });
});
