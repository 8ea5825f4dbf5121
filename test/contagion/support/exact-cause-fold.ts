// The readable fold of contagion causes, for tests: over paths, every victim's (or rescue's)
// exact cause shares by `victimCauseShares` / `rescueCauseShares`, summed per (entry, cause id)
// in Maps. The accumulator is held to it (exactly in small pools, as bounds in large ones).

import { rescueCauseShares, victimCauseShares } from '../../../src/contagion/cause-shares.js';
import type { ContagionLayout } from '../../../src/contagion/contagion-layout.js';
import { MODE_CROSS, MODE_ISOLATED, type ArrayContagionPath } from '../../../src/contagion/contagion-path.js';

/** Per entry id: on how many paths it happened, and Σ share per cause id. */
export type ExactCauseFold = Map<string, { count: number; sums: Map<string, number> }>;

/** Victims (`victims` true) or rescues of every path, with every cause (a position alone in its pool too: a rescue held up by the wallet alone). */
export function exactCauseFold(layout: ContagionLayout, paths: readonly ArrayContagionPath[], victims: boolean): ExactCauseFold {
  const out: ExactCauseFold = new Map();
  const shares = new Float64Array(layout.positionCount);
  for (const path of paths) {
    for (let j = 0; j < layout.positionCount; j++) {
      const inCross = path.liquidationStep(MODE_CROSS, j) >= 0;
      if (inCross === path.liquidationStep(MODE_ISOLATED, j) >= 0 || inCross !== victims) continue;
      shares.fill(0);
      if (victims) victimCauseShares(layout, path, j, shares);
      else rescueCauseShares(layout, path, j, shares);
      const entry = out.get(layout.positionIds[j]!) ?? { count: 0, sums: new Map<string, number>() };
      entry.count++;
      shares.forEach((s, c) => {
        if (s !== 0) entry.sums.set(layout.positionIds[c]!, (entry.sums.get(layout.positionIds[c]!) ?? 0) + s);
      });
      out.set(layout.positionIds[j]!, entry);
    }
  }
  return out;
}
