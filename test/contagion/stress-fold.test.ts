// The stress fold (stress-fold.ts) against the readable rule written out here: per position,
// each cause's shares summed in scenario order in a map by id, averaged over the scenarios, the
// largest TOP_CAUSES kept (ties by id) and the rest in othersShare. Both the dense rows (accounts
// up to 2,048 positions) and the maps (larger ones) must give exactly the same entries.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ContagionEntry } from '../../src/contagion/contagion-summary.js';
import { StressFold } from '../../src/contagion/stress-fold.js';
import { TOP_CAUSES } from '../../src/contagion/top-causes.js';

function readableFold(scenarios: readonly (readonly ContagionEntry[])[], withCollateral: boolean): unknown[] {
  const byId = new Map<string, { count: number; collateral: number; others: number; shares: Map<string, number> }>();
  for (const entries of scenarios) {
    for (const e of entries) {
      let acc = byId.get(e.positionId);
      if (acc === undefined) byId.set(e.positionId, (acc = { count: 0, collateral: 0, others: 0, shares: new Map() }));
      acc.count++;
      acc.collateral += e.collateralShare;
      acc.others += e.othersShare ?? 0;
      for (const c of e.causes) acc.shares.set(c.positionId, (acc.shares.get(c.positionId) ?? 0) + c.share);
    }
  }
  return [...byId.entries()].map(([positionId, acc]) => {
    const causes = [...acc.shares.entries()].map(([id, total]) => ({ positionId: id, share: total / acc.count })).sort((a, b) => b.share - a.share || (a.positionId < b.positionId ? -1 : 1));
    let othersShare = acc.others / acc.count;
    for (let i = TOP_CAUSES; i < causes.length; i++) othersShare += causes[i]!.share;
    const truncated = acc.others > 0 || causes.length > TOP_CAUSES;
    return { positionId, probability: 1, causes: causes.slice(0, TOP_CAUSES), scenarios: acc.count, ...(withCollateral ? { collateralShare: acc.collateral / acc.count } : {}), ...(truncated ? { othersShare } : {}) };
  });
}

/** Random scenarios over `n` positions: entries with a few causes each, shares positive. */
function scenariosOf(n: number, seed: number): { ids: string[]; scenarios: ContagionEntry[][] } {
  let state = seed >>> 0;
  const rand = (): number => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4294967296;
  const ids = Array.from({ length: n }, (_, i) => `p${i}`);
  // Causes from a small set, so a position collects more than TOP_CAUSES of them.
  const pick = (): string => ids[Math.floor(rand() * Math.min(n, 24))]!;
  const scenarios = Array.from({ length: 1 + Math.floor(rand() * 12) }, () =>
    Array.from({ length: Math.floor(rand() * 6) }, (): ContagionEntry => {
      const causes = [...new Set(Array.from({ length: 1 + Math.floor(rand() * 4) }, pick))].map((positionId) => ({ positionId, share: rand() < 0.2 ? 0.25 : rand() }));
      return { positionId: pick(), probability: 1, standardError: 0, causes, collateralShare: rand() < 0.5 ? 0 : rand(), ...(rand() < 0.2 ? { othersShare: rand(), otherCauses: 3 } : {}) };
    }),
  );
  return { ids, scenarios };
}

describe('StressFold', () => {
  for (const n of [30, 2_100]) {
    it(`equals the readable fold (${n} positions: ${n <= 2_048 ? 'dense rows' : 'maps'})`, () => {
      fc.assert(
        fc.property(fc.integer(), fc.boolean(), (seed, withCollateral) => {
          const { ids, scenarios } = scenariosOf(n, seed);
          const fold = new StressFold(ids, withCollateral);
          for (const entries of scenarios) fold.add(entries);
          expect(fold.finish()).toEqual(readableFold(scenarios, withCollateral));
        }),
        { numRuns: n > 100 ? 20 : 200 },
      );
    });
  }

  it('refuses a cause that is not a position of the account', () => {
    const fold = new StressFold(['a'], false);
    expect(() => fold.add([{ positionId: 'a', probability: 1, standardError: 0, causes: [{ positionId: 'zz', share: 1 }], collateralShare: 0 }])).toThrow(/zz is not a position/);
  });
});
