// Contagion in a cross pool of more than EXACT_POOL_MEMBERS members (large-pool-causes.ts,
// cause-sums.ts): against the exact readable rules (`victimCauseShares` / `rescueCauseShares`)
// folded over the same paths, every listed share is a lower bound of the exact one, on one path
// it is the exact one, shares + othersShare + collateralShare add up to 1, the probabilities are
// the exact ones, a dominant cause is named first, and a row never keeps more than ROW_CAUSES
// causes, whatever the number of paths.

import { describe, expect, it } from 'vitest';
import { CauseSums, ROW_CAUSES } from '../../src/contagion/cause-sums.js';
import { ContagionAccumulator } from '../../src/contagion/contagion-accumulator.js';
import { contagionLayout, type ContagionLayout } from '../../src/contagion/contagion-layout.js';
import { ArrayContagionPath, MODE_CROSS, MODE_ISOLATED } from '../../src/contagion/contagion-path.js';
import type { ContagionEntry } from '../../src/contagion/contagion-summary.js';
import { EXACT_POOL_MEMBERS, PATH_CAUSES } from '../../src/contagion/large-pool-causes.js';
import { exactCauseFold, type ExactCauseFold } from './support/exact-cause-fold.js';

const N = EXACT_POOL_MEMBERS + 144;

/** One cross pool of N positions; on each path some are liquidated in cross at one step, others isolated. */
function largePool(paths: number, seed: number): { layout: ContagionLayout; paths: ArrayContagionPath[] } {
  let state = seed >>> 0;
  const rand = (): number => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4294967296;
  const ids = Array.from({ length: N }, (_, j) => `p${String(j).padStart(4, '0')}`);
  const layout = contagionLayout(ids, new Int32Array(N), Float64Array.from({ length: N }, () => (rand() - 0.5) * 1000));
  const out = Array.from({ length: paths }, () => {
    const path = new ArrayContagionPath(N);
    const crossStep = rand() < 0.7 ? 1 + Math.floor(rand() * 3) : -1;
    for (let j = 0; j < N; j++) {
      // Position 7 loses the most on every path: the dominant cause.
      const pnl = j === 7 ? -50_000 : Math.round((rand() - 0.6) * 2000);
      if (crossStep >= 0) path.setLiquidation(MODE_CROSS, j, crossStep, pnl);
      if (rand() < 0.4) path.setLiquidation(MODE_ISOLATED, j, Math.floor(rand() * 4), pnl);
      path.setLoss(MODE_CROSS, j, crossStep >= 0 ? 0 : (rand() - 0.5) * 1000 - (j === 11 ? 20_000 : 0));
    }
    return path;
  });
  return { layout, paths: out };
}

function checkEntries(entries: readonly ContagionEntry[], exact: ExactCauseFold, paths: number, onePath: boolean): void {
  expect(entries.length).toBe(exact.size);
  for (const entry of entries) {
    const reference = exact.get(entry.positionId)!;
    expect(entry.probability).toBe(reference.count / paths);
    let total = entry.collateralShare + (entry.othersShare ?? 0);
    for (const cause of entry.causes) {
      const exactShare = (reference.sums.get(cause.positionId) ?? 0) / reference.count;
      if (onePath) expect(cause.share).toBeCloseTo(exactShare, 12);
      else expect(cause.share).toBeLessThanOrEqual(exactShare * (1 + 1e-12) + 1e-15);
      total += cause.share;
    }
    expect(total).toBeCloseTo(1, 12);
  }
}

describe(`contagion in a pool of more than ${EXACT_POOL_MEMBERS} members`, () => {
  it('lists lower bounds of the exact shares, adding up to 1 with othersShare, with the exact probabilities', () => {
    const { layout, paths } = largePool(60, 3);
    const acc = new ContagionAccumulator(layout);
    for (const path of paths) acc.add(path);
    const result = acc.finish();
    expect(result.victims.length).toBeGreaterThan(50);
    expect(result.rescues.length).toBeGreaterThan(50);
    checkEntries(result.victims, exactCauseFold(layout, paths, true), paths.length, false);
    checkEntries(result.rescues, exactCauseFold(layout, paths, false), paths.length, false);
    // The dominant loser is every victim's first cause (its exact share is far above the bounds),
    // and the dominant gainer every rescue's first helper.
    for (const victim of result.victims) if (victim.positionId !== 'p0007') expect(victim.causes[0]!.positionId).toBe('p0007');
    for (const rescue of result.rescues) if (rescue.positionId !== 'p0011' && rescue.causes.length > 0) expect(rescue.causes[0]!.positionId).toBe('p0011');
  });

  it('on one path, names exactly the exact shares of its largest causes', () => {
    const { layout, paths } = largePool(12, 8);
    for (const path of paths) {
      const acc = new ContagionAccumulator(layout);
      acc.add(path);
      const result = acc.finish();
      checkEntries(result.victims, exactCauseFold(layout, [path], true), 1, true);
      checkEntries(result.rescues, exactCauseFold(layout, [path], false), 1, true);
    }
  });

  it(`keeps at most ${ROW_CAUSES} causes a row, and a cause above the row's bound is kept with its sum within it`, () => {
    // Space-Saving on one row: a heavy cause (a tenth of every path) among 2,000 light ones.
    const sizes = Int32Array.from([N]);
    const sums = new CauseSums(sizes, EXACT_POOL_MEMBERS);
    let total = 0;
    for (let p = 0; p < 2000; p++) {
      sums.addCause(0, 5, 9, 0.1);
      sums.addCause(0, 5, 20 + (p % 300), 0.9);
      total += 1;
    }
    const seen: [number, number][] = [];
    sums.forEachCause(0, 5, (c, sum) => seen.push([c, sum]));
    expect(seen.length).toBeLessThanOrEqual(ROW_CAUSES);
    const heavy = seen.find(([c]) => c === 9);
    expect(heavy).toBeDefined();
    expect(heavy![1]).toBeLessThanOrEqual(200 + 1e-9);
    expect(heavy![1]).toBeGreaterThanOrEqual(200 - total / ROW_CAUSES);
    // Every cause read is a lower bound of its true sum.
    for (const [c, sum] of seen) if (c !== 9) expect(sum).toBeLessThanOrEqual(0.9 * Math.ceil(2000 / 300) + 1e-9);
  });

  it(`names at most ${PATH_CAUSES} causes per entry and path`, () => {
    const { layout, paths } = largePool(1, 5);
    const acc = new ContagionAccumulator(layout);
    acc.add(paths[0]!);
    const result = acc.finish();
    for (const entry of [...result.victims, ...result.rescues]) expect(entry.causes.length + (entry.otherCauses ?? 0)).toBeLessThanOrEqual(PATH_CAUSES);
  });
});
