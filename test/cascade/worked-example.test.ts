// cascade.md's worked example, to 1e-6: one round, the fund pays E's shortfall, amplification 1.56;
// with an empty fund, E is closed by ADL against G at 52.5 and the price stays at 52.4.

import { describe, expect, it } from 'vitest';
import { CascadeEngine } from '../../src/cascade/cascade-path.js';
import { conservationLedger } from '../../src/cascade/conservation-ledger.js';
import { workedExampleMarket } from './cascade-fixtures.js';

const path = { nSteps: 1, logReturns: Float64Array.of(Math.log(52.4 / 50)) };

describe('cascade.md worked example', () => {
  it('fund 1,000,000: E is liquidated, fills at 53.0925, the price goes to 53.791, F survives', () => {
    const engine = new CascadeEngine(workedExampleMarket());
    const st = engine.run(path, { fund: 1_000_000, impactDecayPerStep: 1, recordAdl: true });
    const k = (0.01 * 100 * 52.4) / 2000;
    expect(k).toBeCloseTo(0.0262, 12);
    expect(st.price[0]).toBeCloseTo(53.791, 3);
    expect(st.price[0]).toBeCloseTo(52.4 * Math.exp(0.0262), 9);
    const fill = (52.4 * Math.expm1(0.0262)) / 0.0262;
    expect(fill).toBeCloseTo(53.0925, 4);
    expect(st.poolLiquidationStep[0]).toBe(1);
    expect(st.poolLiquidationStep[1]).toBe(-1);
    expect(st.poolLiquidationStep[2]).toBe(-1);
    expect(st.fundPaid).toBeCloseTo(100 * (fill - 52.5), 6);
    expect(st.fundPaid).toBeCloseTo(59.25, 2);
    expect(st.fund).toBeCloseTo(1_000_000 - 100 * (fill - 52.5), 6);
    expect(st.poolBadDebt[0]).toBeCloseTo(100 * (fill - 52.5), 6);
    expect(st.symbolRounds[0]).toBe(1);
    expect(st.liquidatedNotional[0]).toBeCloseTo(5240, 6);
    const amplification = Math.log(st.price[0]! / 50) / Math.log(52.4 / 50);
    expect(amplification).toBeCloseTo(1.56, 2);
    expect(amplification).toBeCloseTo(0.0262 / Math.log(52.4 / 50) + 1, 9);
    expect(st.adlFills).toEqual([]);
    const ledger = conservationLedger(engine.market, st);
    expect(Math.abs(ledger.residual)).toBeLessThan(1e-6);
    expect(ledger.fund).toBeCloseTo(-59.25, 2);
  });

  it('fund 0: E is closed by ADL against G at 52.5, no impact, G keeps 200 and realised 250', () => {
    const engine = new CascadeEngine(workedExampleMarket());
    const st = engine.run(path, { fund: 0, impactDecayPerStep: 1, recordAdl: true });
    expect(st.price[0]).toBeCloseTo(52.4, 12);
    expect(st.poolClosedBy[0]).toBe(2);
    expect(st.fundExhausted).toBe(true);
    expect(st.fund).toBe(0);
    expect(st.adlFills).toHaveLength(1);
    const fill = st.adlFills![0]!;
    expect(fill.position).toBe(2);
    expect(fill.size).toBeCloseTo(100, 9);
    expect(fill.price).toBeCloseTo(52.5, 9);
    expect(fill.realisedPnl).toBeCloseTo(250, 6);
    expect(st.size[2]).toBeCloseTo(200, 9);
    expect(st.cash[2]).toBeCloseTo(15_250, 6);
    expect(st.cash[0]).toBeCloseTo(0, 9);
    expect(st.poolLiquidationStep[1]).toBe(-1);
    expect(Math.abs(conservationLedger(engine.market, st).residual)).toBeLessThan(1e-6);
  });
});
