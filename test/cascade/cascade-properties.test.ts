// Properties of the cascade on random markets and paths (fast-check):
// - conservation: accounts + fund + outside liquidity + fees to the venue = 0 on every path, also
//   with Hyperliquid pools liquidated in slices and taken by its backstop;
// - deeper books never liquidate more (isolated positions, each symbol moving one way, fund pays);
// - a larger fund never auto-deleverages more: ADL happens on a path with the larger fund only if
//   it happens with the smaller one, and never earlier. (The ADL'd size itself is not monotone
//   under the contract's all-or-nothing round rule; see the README's limits.)

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileCascadeMarket, type CascadePoolInput } from '../../src/cascade/cascade-market.js';
import { CascadeEngine } from '../../src/cascade/cascade-path.js';
import { conservationLedger } from '../../src/cascade/conservation-ledger.js';
import { poolHealth } from '../../src/cascade/pool-health.js';
import { flatSchedule } from './cascade-fixtures.js';

const SYMBOLS = ['AUSDT', 'BUSDT', 'CUSDT'];
const START = [100, 20, 5];

const member = fc.record({
  symbol: fc.integer({ min: 0, max: 2 }),
  long: fc.boolean(),
  leverage: fc.double({ min: 1.5, max: 60, noNaN: true }),
  notional: fc.double({ min: 100, max: 50_000, noNaN: true }),
  entryOffset: fc.double({ min: -0.05, max: 0.05, noNaN: true }),
});

const poolArb = fc.record({ cross: fc.boolean(), members: fc.array(member, { minLength: 1, maxLength: 3 }), rate: fc.constantFrom(0.004, 0.005, 0.01) });

type PoolSpec = { cross: boolean; members: readonly { symbol: number; long: boolean; leverage: number; notional: number; entryOffset: number }[]; rate: number; hyperliquid?: boolean };

function pools(spec: readonly PoolSpec[], isolatedOnly = false): CascadePoolInput[] {
  const out: CascadePoolInput[] = [];
  spec.forEach((p, a) => {
    const members = p.members.map((m, k) => ({
      positionId: `a${a}:${k}`,
      symbol: SYMBOLS[m.symbol]!,
      side: (m.long ? 'long' : 'short') as 'long' | 'short',
      size: m.notional / START[m.symbol]!,
      entryPrice: START[m.symbol]! * (1 + m.entryOffset),
      schedule: flatSchedule(p.rate, 0.001),
      venue: p.hyperliquid === true ? ('hyperliquid' as const) : ('binance-usdm' as const),
    }));
    const margin = p.members.reduce((s, m) => s + m.notional / m.leverage, 0);
    if (p.cross && !isolatedOnly) out.push({ account: `a${a}`, cash: margin, members });
    else members.forEach((m, k) => out.push({ account: `a${a}`, cash: p.members[k]!.notional / p.members[k]!.leverage, members: [m] }));
  });
  return out;
}

const pathArb = (nSteps: number) => fc.array(fc.double({ min: -0.08, max: 0.08, noNaN: true }), { minLength: nSteps * 3, maxLength: nSteps * 3 });

function market(spec: Parameters<typeof pools>[0], depth: number, isolatedOnly = false) {
  return compileCascadeMarket('USDT', SYMBOLS, START, SYMBOLS.map(() => ({ bid1pct: depth, ask1pct: depth })), pools(spec, isolatedOnly));
}

describe('cascade properties', () => {
  it('conserves value on random markets and paths', () => {
    fc.assert(
      fc.property(fc.array(poolArb, { minLength: 1, maxLength: 25 }), pathArb(6), fc.double({ min: 1e3, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 5e4, noNaN: true }), fc.double({ min: 0.3, max: 1, noNaN: true }), (spec, returns, depth, fund, decay) => {
        const engine = new CascadeEngine(market(spec, depth));
        const st = engine.run({ nSteps: 6, logReturns: Float64Array.from(returns) }, { fund, impactDecayPerStep: decay, recordAdl: true });
        const ledger = conservationLedger(engine.market, st);
        expect(Math.abs(ledger.residual)).toBeLessThanOrEqual(1e-9 * Math.max(1, ledger.scale));
        expect(st.fund).toBeGreaterThanOrEqual(-1e-9);
        // The ladder and the slack heap miss nothing: no open pool is left liquidatable.
        if (st.roundCapHits === 0) for (let i = 0; i < engine.market.poolCount; i++) if (st.alive[i] === 1) expect(poolHealth(engine.market, st, i)).toBeGreaterThan(0);
        for (let s = 0; s < 3; s++) expect(Number.isFinite(st.price[s]!)).toBe(true);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('conserves value with Hyperliquid pools (slices, backstop) among Binance ones', () => {
    // Hyperliquid pools with a wide band between maintenance and its 2/3 (a high MMR, low leverage),
    // small moves and a fund that usually pays, so that many liquidations slice.
    const hyperliquidMember = fc.record({ symbol: fc.integer({ min: 0, max: 2 }), long: fc.boolean(), leverage: fc.double({ min: 2, max: 15, noNaN: true }), notional: fc.double({ min: 100, max: 50_000, noNaN: true }), entryOffset: fc.double({ min: -0.02, max: 0.02, noNaN: true }) });
    const hyperliquidPool = fc.record({ cross: fc.boolean(), members: fc.array(hyperliquidMember, { minLength: 1, maxLength: 3 }), rate: fc.constantFrom(0.03, 0.05, 0.08), hyperliquid: fc.constant(true) });
    const mixed = fc.array(fc.oneof(poolArb, hyperliquidPool), { minLength: 1, maxLength: 25 });
    const small = fc.array(fc.double({ min: -0.015, max: 0.015, noNaN: true }), { minLength: 36, maxLength: 36 });
    let sliced = 0;
    fc.assert(
      fc.property(mixed, small, fc.double({ min: 1e3, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: 0.3, max: 1, noNaN: true }), (spec, returns, depth, fund, decay) => {
        const engine = new CascadeEngine(market(spec, depth));
        const st = engine.run({ nSteps: 12, logReturns: Float64Array.from(returns) }, { fund, impactDecayPerStep: decay, recordAdl: true });
        const ledger = conservationLedger(engine.market, st);
        expect(Math.abs(ledger.residual)).toBeLessThanOrEqual(1e-9 * Math.max(1, ledger.scale));
        expect(st.fund).toBeGreaterThanOrEqual(-1e-9);
        if (st.roundCapHits === 0) for (let i = 0; i < engine.market.poolCount; i++) if (st.alive[i] === 1) expect(poolHealth(engine.market, st, i)).toBeGreaterThan(0);
        for (let j = 0; j < engine.market.positionCount; j++) expect(st.size[j]).toBeGreaterThanOrEqual(0);
        for (let i = 0; i < engine.market.poolCount; i++) sliced += st.poolSlices[i]!;
      }),
      { numRuns: 300, seed: 11 },
    );
    expect(sliced).toBeGreaterThan(0);
  });

  it('deeper books never liquidate more (isolated positions, one-way moves, the fund pays)', () => {
    fc.assert(
      fc.property(fc.array(poolArb, { minLength: 1, maxLength: 25 }), fc.array(fc.double({ min: -0.05, max: 0.05, noNaN: true }), { minLength: 3, maxLength: 3 }), fc.double({ min: 1e3, max: 1e5, noNaN: true }), fc.double({ min: 1.01, max: 20, noNaN: true }), (spec, drift, depth, deeper) => {
        const returns = Float64Array.from({ length: 12 }, (_, k) => drift[k % 3]!);
        const liquidated = (d: number): Set<number> => {
          const engine = new CascadeEngine(market(spec, d, true));
          const st = engine.run({ nSteps: 4, logReturns: returns }, { fund: Infinity, impactDecayPerStep: 1, recordAdl: false });
          return new Set([...st.poolLiquidationStep.keys()].filter((i) => st.poolLiquidationStep[i]! >= 0));
        };
        const shallow = liquidated(depth);
        const deep = liquidated(depth * deeper);
        for (const i of deep) expect(shallow.has(i)).toBe(true);
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('a larger fund never auto-deleverages where a smaller one does not, nor earlier', () => {
    fc.assert(
      fc.property(fc.array(poolArb, { minLength: 1, maxLength: 25 }), pathArb(5), fc.double({ min: 1e3, max: 1e5, noNaN: true }), fc.double({ min: 0, max: 2e3, noNaN: true }), fc.double({ min: 0, max: 2e4, noNaN: true }), (spec, returns, depth, fund, extra) => {
        const firstAdl = (f: number): number => {
          const engine = new CascadeEngine(market(spec, depth));
          const st = engine.run({ nSteps: 5, logReturns: Float64Array.from(returns) }, { fund: f, impactDecayPerStep: 1, recordAdl: true });
          return st.adlFills!.length === 0 && !st.fundExhausted ? Infinity : Math.min(...st.adlFills!.map((x) => x.step), ...[...st.poolClosedBy.keys()].filter((i) => st.poolClosedBy[i] === 2).map((i) => st.poolLiquidationStep[i]!));
        };
        expect(firstAdl(fund + extra)).toBeGreaterThanOrEqual(firstAdl(fund));
      }),
      { numRuns: 300, seed: 13 },
    );
  });

  it('a round the fund can pay goes to the market; the same round with no fund goes to ADL', () => {
    const spec = [{ cross: false, members: [{ symbol: 0, long: true, leverage: 50, notional: 10_000, entryOffset: 0 }], rate: 0.005 }];
    const run = (f: number) => new CascadeEngine(market(spec, 1e4)).run({ nSteps: 1, logReturns: Float64Array.of(-0.1, 0, 0) }, { fund: f, impactDecayPerStep: 1, recordAdl: true });
    const small = run(0);
    const large = run(1e6);
    expect(small.poolClosedBy[0]).toBe(2);
    expect(large.poolClosedBy[0]).toBe(1);
    expect(large.fundPaid).toBeGreaterThan(0);
  });
});
