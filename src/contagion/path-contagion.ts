// The victims and rescues of ONE path (a deterministic stress scenario), exactly what a
// `ContagionAccumulator` given only that path would finish with — probability 1, standard error
// 0, the same cause shares and top causes — without its per-pair sums: a stress of a pool of m
// members costs O(m) per entry and memory O(m), not O(m²), so `evaluate --stress` over every
// position of a large pool stays within memory.
// An entry whose own drawdown (victim) or gain (rescue) is zero adds nothing to the sums its
// shares are taken over, so every such entry of a pool (victims: at the same step) has the same
// shares: they are worked out once and shared. In a stress only the moved symbol's positions
// change, so a pool's other members, usually most of its entries, cost O(1) each, not O(m).

import type { ContagionLayout } from './contagion-layout.js';
import { flatCellsOf, MODE_CROSS, MODE_ISOLATED, type ContagionPath } from './contagion-path.js';
import type { ContagionCause, ContagionEntry } from './contagion-summary.js';
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

/** What an entry with no drawdown (gain) of its own has: the same for all such entries of a pool and step. */
interface SharedAttribution {
  /** True: shares over the others (`causes`); false: victims `self`, rescues `collateral`. */
  readonly byOthers: boolean;
  readonly causes: readonly ContagionCause[];
  readonly othersShare?: number;
  readonly otherCauses?: number;
}

/** The contagion of `path` alone (entries by position id, as the accumulator orders ties). */
export function pathContagion(scratch: PathContagionScratch, path: ContagionPath): PathContagion {
  const { layout, drawdowns, shares } = scratch;
  const { positionIds, poolMemberStart, poolMembers } = layout;
  const victims: ContagionEntry[] = [];
  const rescues: ContagionEntry[] = [];
  /** Victims without a drawdown of their own, by step; rescues without a gain of their own. */
  const sharedVictims = new Map<number, SharedAttribution>();
  let sharedRescue: SharedAttribution | null = null;
  for (let pool = 0; pool + 1 < poolMemberStart.length; pool++) {
    const start = poolMemberStart[pool]!;
    const m = poolMemberStart[pool + 1]! - start;
    let read = false;
    sharedVictims.clear();
    sharedRescue = null;
    const attribution = (v: number, inCross: boolean): SharedAttribution => {
      const byOthers = inCross ? drawdowns.victimShares(v, shares) : drawdowns.rescueShares(v, shares);
      const top = topCauses(shares, m, (c) => positionIds[poolMembers[start + c]!]!);
      return {
        byOthers,
        causes: top.kept.map((c) => ({ positionId: positionIds[poolMembers[start + c]!]!, share: shares[c]! })),
        ...(top.othersShare === undefined ? {} : { othersShare: top.othersShare, otherCauses: top.otherCauses! }),
      };
    };
    for (let v = 0; v < m; v++) {
      const j = poolMembers[start + v]!;
      const inCross = path.liquidationStep(MODE_CROSS, j) >= 0;
      if (inCross === path.liquidationStep(MODE_ISOLATED, j) >= 0) continue;
      if (!read) {
        drawdowns.fill(layout, flatCellsOf(path), start, start + m);
        read = true;
      }
      let found: SharedAttribution;
      if (inCross && drawdowns.drawdown[v] === 0) {
        const step = drawdowns.step[v]!;
        let shared = sharedVictims.get(step);
        if (shared === undefined) sharedVictims.set(step, (shared = attribution(v, true)));
        // Liquidated by its own loss alone (`self`): its one cause is itself.
        found = shared.byOthers ? shared : { byOthers: false, causes: [{ positionId: positionIds[j]!, share: 1 }] };
      } else if (!inCross && drawdowns.gain[v] === 0) {
        found = sharedRescue ??= attribution(v, false);
      } else {
        found = attribution(v, inCross);
      }
      const entry: ContagionEntry = {
        positionId: positionIds[j]!,
        probability: 1,
        standardError: 0,
        causes: found.causes,
        collateralShare: inCross || found.byOthers ? 0 : 1,
        ...(found.othersShare === undefined ? {} : { othersShare: found.othersShare, otherCauses: found.otherCauses! }),
      };
      (inCross ? victims : rescues).push(entry);
    }
  }
  return { victims: victims.sort(byId), rescues: rescues.sort(byId) };
}
