// The victims and rescues of ONE path (a deterministic stress scenario), exactly what a
// `ContagionAccumulator` given only that path would finish with — probability 1, standard error
// 0, the same cause shares and top causes — without its per-pair sums: a stress of a pool of m
// members costs O(m) per entry and memory O(m), not O(m²), so `evaluate --stress` over every
// position of a large pool stays within memory.

import type { ContagionLayout } from './contagion-layout.js';
import { flatCellsOf, MODE_CROSS, MODE_ISOLATED, type ContagionPath } from './contagion-path.js';
import type { ContagionEntry } from './contagion-summary.js';
import { PoolDrawdowns } from './pool-drawdowns.js';
import { topCauses } from './top-causes.js';

export interface PathContagion {
  readonly victims: readonly ContagionEntry[];
  readonly rescues: readonly ContagionEntry[];
}

function byId(a: ContagionEntry, b: ContagionEntry): number {
  return a.positionId < b.positionId ? -1 : a.positionId > b.positionId ? 1 : 0;
}

/** Reusable buffers for `pathContagion` over one layout. */
export class PathContagionScratch {
  readonly drawdowns: PoolDrawdowns;
  readonly shares: Float64Array;

  constructor(readonly layout: ContagionLayout) {
    let largest = 0;
    for (let i = 0; i + 1 < layout.poolMemberStart.length; i++) largest = Math.max(largest, layout.poolMemberStart[i + 1]! - layout.poolMemberStart[i]!);
    this.drawdowns = new PoolDrawdowns(largest);
    this.shares = new Float64Array(largest);
  }
}

/** The contagion of `path` alone (entries by position id, as the accumulator orders ties). */
export function pathContagion(scratch: PathContagionScratch, path: ContagionPath): PathContagion {
  const { layout, drawdowns, shares } = scratch;
  const { positionIds, poolMemberStart, poolMembers } = layout;
  const victims: ContagionEntry[] = [];
  const rescues: ContagionEntry[] = [];
  for (let pool = 0; pool + 1 < poolMemberStart.length; pool++) {
    const start = poolMemberStart[pool]!;
    const m = poolMemberStart[pool + 1]! - start;
    if (m < 2) continue;
    let read = false;
    for (let v = 0; v < m; v++) {
      const j = poolMembers[start + v]!;
      const inCross = path.liquidationStep(MODE_CROSS, j) >= 0;
      if (inCross === path.liquidationStep(MODE_ISOLATED, j) >= 0) continue;
      if (!read) {
        drawdowns.fill(layout, flatCellsOf(path), start, start + m);
        read = true;
      }
      const byOthers = inCross ? drawdowns.victimShares(v, shares) : drawdowns.rescueShares(v, shares);
      const top = topCauses(shares, m, (c) => positionIds[poolMembers[start + c]!]!);
      const entry: ContagionEntry = {
        positionId: positionIds[j]!,
        probability: 1,
        standardError: 0,
        causes: top.kept.map((c) => ({ positionId: positionIds[poolMembers[start + c]!]!, share: shares[c]! })),
        collateralShare: inCross || byOthers ? 0 : 1,
        ...(top.othersShare === undefined ? {} : { othersShare: top.othersShare, otherCauses: top.otherCauses! }),
      };
      (inCross ? victims : rescues).push(entry);
    }
  }
  return { victims: victims.sort(byId), rescues: rescues.sort(byId) };
}
