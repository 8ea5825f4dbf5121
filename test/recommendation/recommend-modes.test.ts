// The margin-mode recommendation on common shock scenarios: a hand-computed one-position case
// with its paired standard error, exhaustive search equal to brute force, the local search
// beyond the exhaustive limit, and the property that the recommendation is never worse than any
// mode it is compared with on the same scenarios.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignmentBook, SPLIT_POLICIES } from '../../src/recommendation/mode-assignment.js';
import { estimateObjective, MODE_OBJECTIVES, pairedDifference } from '../../src/recommendation/mode-objective.js';
import { kernelObjectiveEvaluator } from '../../src/recommendation/kernel-objective-evaluator.js';
import { prepareAccountOrThrow } from '../../src/margin/prepared-account.js';
import { recommendModes } from '../../src/recommendation/recommend-modes.js';
import { shockObjectiveEvaluator, type ShockVector } from '../../src/recommendation/shock-objective-evaluator.js';
import type { Position } from '../../src/domain/position.js';
import type { PathModel } from '../../src/scenarios/models/path-model.js';
import { makePosition } from '../support/make-position.js';
import { bookOf, btcLong, contextFor, ethLong } from '../contagion/support/fixtures.js';

describe('recommendModes', () => {
  it('one BTC long on 12,000: isolating it halves the crash loss; the paired error is exact', () => {
    const context = contextFor([btcLong]);
    const shocks: ShockVector[] = [{ BTC: 0.7 }, { BTC: 0.85 }];
    const evaluate = shockObjectiveEvaluator(context, shocks);
    const result = recommendModes(bookOf([btcLong], 12_000), context, evaluate, { objective: 'expected-loss' });
    // Cross loses the whole 12,000 at −30 % (liquidated) and 9,000 at −15 %; isolated on 6,600
    // (its maintenance floor, 1 % of 60,000, then 60,000 / 10x) loses its margin both times and
    // keeps the free 5,400.
    const labels = result.baselines.map((b) => b.label);
    expect(labels).toEqual(['as-exported', 'all-cross', 'all-isolated']);
    expect(result.baselines.map((b) => b.objective)[0]).toBe(10_500);
    expect(result.baselines.map((b) => b.objective)[1]).toBe(10_500);
    expect(result.baselines[2]!.objective).toBeCloseTo(6_600, 4);
    expect(result.best).toMatchObject({ label: 'all-isolated', isolatedPositionIds: ['btc'], split: null });
    expect(result.best.objective).toBeCloseTo(6_600, 4);
    expect(result.search).toBe('exhaustive');
    expect(result.candidatesEvaluated).toBe(3 + SPLIT_POLICIES.length);
    const vsCross = result.comparisons.find((c) => c.baseline === 'all-cross')!;
    // Per-shock differences −5,400 and −2,400: mean −3,900, sd 2,121.3, SE = sd / √2 = 1,500.
    expect(vsCross.difference).toBeCloseTo(-3_900, 4);
    expect(vsCross.standardError).toBeCloseTo(1_500, 6);
    expect(result.comparisons.find((c) => c.baseline === 'all-isolated')).toMatchObject({ difference: 0, standardError: 0 });
  });

  it('searches every subset and split exhaustively: the best is the brute-force minimum', () => {
    const positions = [btcLong, ethLong];
    const context = contextFor(positions);
    const book = bookOf(positions, 12_000);
    const shocks: ShockVector[] = [{ BTC: 0.7 }, { ETH: 0.8 }, { BTC: 0.93, ETH: 0.95 }, { BTC: 1.1, ETH: 0.75 }];
    const evaluate = shockObjectiveEvaluator(context, shocks);
    const account = prepareAccountOrThrow(book, context, 'test');
    for (const objective of MODE_OBJECTIVES) {
      const result = recommendModes(book, context, evaluate, { objective });
      const values = [
        ...(['exported', 'cross', 'isolated'] as const).map((mode) => estimateObjective(evaluate({ book, mode }), objective).value),
        ...[[true, false], [false, true], [true, true]].flatMap((mask) => SPLIT_POLICIES.map((split) => estimateObjective(evaluate({ book: assignmentBook(account, mask, split), mode: 'exported' }), objective).value)),
      ];
      expect(result.best.objective).toBe(Math.min(...values));
      expect(result.candidatesEvaluated).toBe(values.length);
    }
  });

  it('beyond the exhaustive limit runs a local search from the best baseline', () => {
    const sol = makePosition({ positionId: 'sol', symbol: 'SOLUSDT', side: 'short', size: 40, entryPrice: 150, markPrice: 150, leverage: 4 });
    const positions = [btcLong, ethLong, sol];
    const context = contextFor(positions);
    const evaluate = shockObjectiveEvaluator(context, [{ BTC: 0.75 }, { ETH: 0.85, SOL: 1.2 }, { SOL: 1.3 }, { BTC: 0.9, ETH: 0.9, SOL: 0.9 }]);
    const result = recommendModes(bookOf(positions, 20_000), context, evaluate, { objective: 'expected-loss', exhaustiveLimit: 1, splits: ['leverage', 'cross-distance'] });
    expect(result.search).toBe('local');
    expect(result.candidatesEvaluated).toBeLessThanOrEqual(3 + 2 * (1 + 3 * 3));
    for (const c of result.comparisons) expect(c.difference).toBeLessThanOrEqual(0);
  });

  it('backed by the path kernel: liquidations fill at the liquidation price, the user keeping the maintenance', () => {
    const context = contextFor([btcLong]);
    let fills = 0;
    // Even paths: BTC −30 %; odd paths: BTC −15 % (the same two paths for every candidate).
    const model: PathModel = {
      kind: 'gbm',
      nAssets: 1,
      nSteps: 1,
      dtYears: 1 / 8760,
      stepVariance: new Float64Array(1),
      fillPath(_rng, logReturns, scale) {
        logReturns[0] = Math.log(fills++ % 2 === 0 ? 0.7 : 0.85);
        scale.fill(1);
      },
    };
    const evaluate = kernelObjectiveEvaluator(context, { model, modelAssets: ['BTC'], correlation: null, seed: 5, paths: 2 });
    const result = recommendModes(bookOf([btcLong], 12_000), context, evaluate, { objective: 'expected-loss', splits: ['leverage'] });
    // Cross: −30 % liquidates at 0.99 p = 48,000 keeping 1 % of p; −15 % loses 9,000 unliquidated.
    const crossLiquidation = 48_000 / 0.99;
    const cross = (12_000 - 0.01 * crossLiquidation + 9_000) / 2;
    // Isolated on 6,600 (floor 600 + 6,000): liquidated on both paths at 0.99 p = 53,400, keeping 1 % of p.
    const isolated = 6_600 - 0.01 * (53_400 / 0.99);
    expect(result.baselines.find((b) => b.label === 'all-cross')!.objective).toBeCloseTo(cross, 6);
    expect(result.best.label).toBe('all-isolated');
    expect(result.best.objective).toBeCloseTo(isolated, 4);
  });

  it('rejects evaluators whose scenarios are not common', () => {
    let calls = 0;
    const drifting = () => ({ liquidated: new Uint8Array(++calls), loss: new Float64Array(calls) });
    expect(() => recommendModes(bookOf([btcLong], 12_000), contextFor([btcLong]), drifting, { objective: 'liquidation' })).toThrow(/common/);
  });
});

describe('paired differences', () => {
  it('es99 of two candidates on the same paths, with the influence-function error', () => {
    const a = estimateObjective({ liquidated: new Uint8Array(4), loss: Float64Array.from([0, 1, 2, 10]) }, 'es99');
    const b = estimateObjective({ liquidated: new Uint8Array(4), loss: Float64Array.from([0, 1, 2, 4]) }, 'es99');
    expect(a.value).toBe(10);
    expect(b.value).toBe(4);
    const d = pairedDifference(b, a);
    expect(d.difference).toBe(-6);
    // With 4 paths VaR99 is the largest loss, so every ψ = VaR + (L − VaR)⁺ / 0.01 equals it:
    // ψ_b − ψ_a is the constant −6, with no error.
    expect(d.standardError).toBeCloseTo(0, 12);
  });
});

const positionArb = fc.record({
  symbol: fc.constantFrom('BTCUSDT', 'ETHUSDT', 'SOLUSDT'),
  side: fc.constantFrom<'long' | 'short'>('long', 'short'),
  notional: fc.integer({ min: 1_000, max: 50_000 }),
  leverage: fc.integer({ min: 2, max: 25 }),
  isolated: fc.boolean(),
});
const marks: Record<string, number> = { BTCUSDT: 60_000, ETHUSDT: 3_000, SOLUSDT: 150 };

describe('recommendation property', () => {
  it('is never worse than the exported, all-cross or all-isolated book on the same scenarios', () => {
    fc.assert(
      fc.property(
        fc.array(positionArb, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 0, max: 60_000 }),
        fc.array(fc.record({ BTC: fc.double({ min: 0.5, max: 1.5, noNaN: true }), ETH: fc.double({ min: 0.5, max: 1.5, noNaN: true }), SOL: fc.double({ min: 0.5, max: 1.5, noNaN: true }) }), { minLength: 1, maxLength: 4 }),
        fc.constantFrom(...MODE_OBJECTIVES),
        (rows, wallet, shocks, objective) => {
          const positions: Position[] = rows.map((r, i) => {
            const mark = marks[r.symbol]!;
            const size = r.notional / mark;
            return makePosition({ positionId: `p${i}`, symbol: r.symbol, side: r.side, size, entryPrice: mark, markPrice: mark, leverage: r.leverage, marginMode: r.isolated ? 'isolated' : 'cross', isolatedMargin: r.isolated ? r.notional / r.leverage : null });
          });
          const context = contextFor(positions);
          const result = recommendModes(bookOf(positions, wallet), context, shockObjectiveEvaluator(context, shocks), { objective });
          for (const baseline of result.baselines) expect(result.best.objective).toBeLessThanOrEqual(baseline.objective);
          for (const c of result.comparisons) {
            expect(c.difference).toBeLessThanOrEqual(0);
            expect(c.standardError === null || c.standardError >= 0).toBe(true);
          }
        },
      ),
      { numRuns: 25, seed: 424242 },
    );
  });
});
