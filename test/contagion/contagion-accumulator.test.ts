// Victims, rescues and their causes from constructed path records where the answer is certain,
// and properties over random records: victims are liquidated in cross and not isolated (rescues
// the reverse), shares sum to 1, a position alone in its cross pool is an entry like any other (a rescue held up by the wallet alone), and
// folding paths one by one equals merging per-block accumulators.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rescueCauseShares, victimCauseShares } from '../../src/contagion/cause-shares.js';
import { ContagionAccumulator } from '../../src/contagion/contagion-accumulator.js';
import { contagionLayout, type ContagionLayout } from '../../src/contagion/contagion-layout.js';
import { ArrayContagionPath, MODE_CROSS, MODE_ISOLATED } from '../../src/contagion/contagion-path.js';

/** Three positions in one cross pool (a, b, c) and one alone in another (d); PnL now 0 each. */
const layout: ContagionLayout = contagionLayout(['a', 'b', 'c', 'd'], Int32Array.from([0, 0, 0, 1]), new Float64Array(4));

/** A path: cross liquidation of pool 0 at step 3 with PnLs `pnl` (a, b, c); isolated liquidations `isolated`. */
function crossLiquidation(pnl: readonly number[], isolated: readonly number[]): ArrayContagionPath {
  const path = new ArrayContagionPath(4);
  pnl.forEach((x, j) => path.setLiquidation(MODE_CROSS, j, 3, x));
  for (const j of isolated) path.setLiquidation(MODE_ISOLATED, j, 2, -1);
  return path;
}

describe('cause shares of one path', () => {
  it('a crash in a drags b down: cause a, share 1', () => {
    const shares = new Float64Array(4);
    expect(victimCauseShares(layout, crossLiquidation([-900, 0, 0], [0]), 1, shares)).toBe('others');
    expect([...shares]).toEqual([1, 0, 0, 0]);
  });

  it('splits among the others that lost, in proportion to their losses; a gainer is no cause', () => {
    const shares = new Float64Array(4);
    // b is the victim; a lost 300, c lost 100 → 0.75 / 0.25.
    victimCauseShares(layout, crossLiquidation([-300, -50, -100], []), 1, shares);
    expect([...shares]).toEqual([0.75, 0, 0.25, 0]);
    // a lost 300, c gained 100: net drawdown 200 > 0, a carries it all.
    victimCauseShares(layout, crossLiquidation([-300, -50, 100], []), 1, shares);
    expect([...shares]).toEqual([1, 0, 0, 0]);
  });

  it('when the others net no drawdown (a gain, or liquidated at the start) the victim is its own cause', () => {
    const shares = new Float64Array(4);
    expect(victimCauseShares(layout, crossLiquidation([-300, -900, 400], []), 1, shares)).toBe('self');
    expect([...shares]).toEqual([0, 1, 0, 0]);
    expect(victimCauseShares(layout, crossLiquidation([0, 0, 0], []), 2, shares)).toBe('self');
    expect([...shares]).toEqual([0, 0, 1, 0]);
  });

  it('ignores rounding-sized PnL changes', () => {
    const shares = new Float64Array(4);
    victimCauseShares(layout, crossLiquidation([-500, 0, 1e-12], []), 1, shares);
    expect([...shares]).toEqual([1, 0, 0, 0]);
  });

  it('a rescue is held up by the others that gained, else by the pooled collateral', () => {
    const shares = new Float64Array(4);
    const path = new ArrayContagionPath(4);
    path.setLiquidation(MODE_ISOLATED, 0, 1, -600);
    path.setLoss(MODE_CROSS, 1, -300);
    path.setLoss(MODE_CROSS, 2, -100);
    expect(rescueCauseShares(layout, path, 0, shares)).toBe('others');
    expect([...shares]).toEqual([0, 0.75, 0.25, 0]);
    path.setLoss(MODE_CROSS, 2, 500);
    expect(rescueCauseShares(layout, path, 0, shares)).toBe('collateral');
    expect([...shares]).toEqual([0, 0, 0, 0]);
  });
});

describe('ContagionAccumulator', () => {
  it('averages shares over the victim’s own paths and builds the cause × victim matrix', () => {
    const acc = new ContagionAccumulator(layout);
    acc.add(crossLiquidation([-900, 0, 0], [0])); // b and c victims of a
    acc.add(crossLiquidation([-100, 0, -300], [0, 2])); // b victim: a 0.25, c 0.75
    acc.add(new ArrayContagionPath(4)); // nothing happens
    acc.add(crossLiquidation([-100, -100, -100], [0, 1, 2])); // everyone dies in both modes
    const result = acc.finish();
    expect(result.paths).toBe(4);
    expect(result.victims.map((v) => [v.positionId, v.probability])).toEqual([
      ['b', 0.5],
      ['c', 0.25],
    ]);
    expect(result.victims[0]!.standardError).toBeCloseTo(Math.sqrt(0.25 / 4), 15);
    expect(result.victims[0]!.causes).toEqual([
      { positionId: 'a', share: 0.625 },
      { positionId: 'c', share: 0.375 },
    ]);
    expect(result.victims[1]!.causes).toEqual([{ positionId: 'a', share: 1 }]);
    expect(result.rescues).toEqual([]);
    expect(result.matrix.causeIds).toEqual(['a', 'c']);
    expect(result.matrix.victimIds).toEqual(['b', 'c']);
    expect(result.matrix.probability).toEqual([
      [0.3125, 0.25],
      [0.1875, 0],
    ]);
  });

  it('gives a replayed path probability 1 or 0', () => {
    const acc = new ContagionAccumulator(layout);
    acc.add(crossLiquidation([-900, 0, 0], [0]));
    const result = acc.finish();
    expect(result.victims.map((v) => [v.positionId, v.probability, v.standardError])).toEqual([
      ['b', 1, 0],
      ['c', 1, 0],
    ]);
  });

  it('throws when asked for a summary of no paths', () => {
    expect(() => new ContagionAccumulator(layout).finish()).toThrow(/no paths/);
  });
});

/** A random record of n positions in `pools` pools. */
const recordArb = (n: number) =>
  fc.record({
    crossStep: fc.array(fc.integer({ min: -1, max: 3 }), { minLength: n, maxLength: n }),
    isolatedStep: fc.array(fc.integer({ min: -1, max: 3 }), { minLength: n, maxLength: n }),
    pnl: fc.array(fc.double({ min: -1000, max: 1000, noNaN: true }), { minLength: n, maxLength: n }),
    loss: fc.array(fc.double({ min: -1000, max: 1000, noNaN: true }), { minLength: n, maxLength: n }),
  });

const caseArb = fc
  .record({ n: fc.integer({ min: 1, max: 6 }), pools: fc.integer({ min: 1, max: 3 }), seed: fc.nat() })
  .chain(({ n, pools, seed }) =>
    fc.record({
      n: fc.constant(n),
      poolOf: fc.array(fc.integer({ min: 0, max: pools - 1 }), { minLength: n, maxLength: n }),
      pnlNow: fc.array(fc.double({ min: -500, max: 500, noNaN: true }), { minLength: n, maxLength: n }),
      records: fc.array(recordArb(n), { minLength: 1, maxLength: 12 }),
      split: fc.constant(seed % 5),
    }),
  );

function toPath(n: number, poolOf: readonly number[], r: { crossStep: number[]; isolatedStep: number[]; pnl: number[]; loss: number[] }): ArrayContagionPath {
  const path = new ArrayContagionPath(n);
  // A cross liquidation takes the whole pool at once, at the step of its first member.
  for (let j = 0; j < n; j++) {
    const step = Math.max(...r.crossStep.filter((_, k) => poolOf[k] === poolOf[j]));
    if (step >= 0) path.setLiquidation(MODE_CROSS, j, step, r.pnl[j]!);
    if (r.isolatedStep[j]! >= 0) path.setLiquidation(MODE_ISOLATED, j, r.isolatedStep[j]!, r.pnl[j]!);
    path.setLoss(MODE_CROSS, j, step >= 0 ? 0 : r.loss[j]!);
  }
  return path;
}

describe('contagion properties', () => {
  it('victims die in cross only, rescues isolated only; shares sum to 1; a position alone in its pool counts too, held up by the wallet alone; merge = fold', () => {
    fc.assert(
      fc.property(caseArb, ({ n, poolOf, pnlNow, records, split }) => {
        // Renumber pools densely (contagionLayout wants 0..pools-1).
        const dense = [...new Set(poolOf)];
        const pools = Int32Array.from(poolOf.map((p) => dense.indexOf(p)));
        const ids = Array.from({ length: n }, (_, j) => `p${j}`);
        const lay = contagionLayout(ids, pools, Float64Array.from(pnlNow));
        const paths = records.map((r) => toPath(n, [...pools], r));
        const all = new ContagionAccumulator(lay);
        const first = new ContagionAccumulator(lay);
        const second = new ContagionAccumulator(lay);
        paths.forEach((p, i) => {
          all.add(p);
          (i < split ? first : second).add(p);
        });
        const result = all.finish();
        const poolSize = (j: number) => pools.filter((p) => p === pools[j]).length;
        const count = (j: number, victim: boolean) =>
          paths.filter((p) => (p.liquidationStep(MODE_CROSS, j) >= 0) === victim && (p.liquidationStep(MODE_ISOLATED, j) >= 0) !== victim).length;
        for (let j = 0; j < n; j++) {
          const victim = result.victims.find((v) => v.positionId === ids[j]);
          const rescue = result.rescues.find((v) => v.positionId === ids[j]);
          const expectedVictim = count(j, true);
          const expectedRescue = count(j, false);
          expect(victim?.probability ?? 0).toBe(expectedVictim / paths.length);
          expect(rescue?.probability ?? 0).toBe(expectedRescue / paths.length);
        }
        for (const v of result.victims) {
          const total = v.causes.reduce((s, c) => s + c.share, 0);
          expect(total).toBeCloseTo(1, 12);
          for (const c of v.causes) expect(pools[ids.indexOf(c.positionId)]).toBe(pools[ids.indexOf(v.positionId)]);
        }
        for (const r of result.rescues) {
          expect(r.causes.reduce((s, c) => s + c.share, 0) + r.collateralShare).toBeCloseTo(1, 12);
          expect(r.causes.some((c) => c.positionId === r.positionId)).toBe(false);
          if (poolSize(ids.indexOf(r.positionId)) === 1) expect([r.causes, r.collateralShare]).toEqual([[], 1]);
        }
        result.matrix.victimIds.forEach((id, v) => {
          const column = result.matrix.probability.reduce((s, row) => s + row[v]!, 0);
          expect(column).toBeCloseTo(result.victims[v]!.probability, 12);
          expect(id).toBe(result.victims[v]!.positionId);
        });
        if (first.pathCount > 0) {
          first.merge(second);
          const merged = first.finish();
          expect(merged.victims.map((v) => [v.positionId, v.probability])).toEqual(result.victims.map((v) => [v.positionId, v.probability]));
          merged.victims.forEach((v, i) => v.causes.forEach((c, k) => expect(c.share).toBeCloseTo(result.victims[i]!.causes[k]!.share, 12)));
        }
      }),
      { numRuns: 150, seed: 20240601 },
    );
  });
});
