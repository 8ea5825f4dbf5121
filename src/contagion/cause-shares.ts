// Who is responsible for a victim or a rescue on one path, as shares that sum to 1.
//
// Victim v (liquidated in cross, survives isolated), liquidated in cross at some moment t. For
// every OTHER member j of v's cross pool, its drawdown is its PnL change from now to t:
//     Δ_j = pnlNow_j − pnl_j(t)            (positive = it lost money, negative = it gained)
// The others' net drawdown is D = Σ_{j≠v} Δ_j (losses net of gains).
//   D > 0:  the others drained the pool. Causes are the others that lost, in proportion to
//           their losses: share_j = Δ_j⁺ / Σ_k Δ_k⁺. A hedge that gained is not a cause (its
//           gain only made D smaller); it never gets a negative share.
//   D ≤ 0:  the others, taken together, did not lose — v went down on its own loss (and the
//           maintenance margin that grows with it, and the others' maintenance that ties up the
//           shared collateral), e.g. a pool already liquidatable at the start (every Δ = 0).
//           The one cause is v itself, share 1.
//
// Rescue r (survives in cross, liquidated isolated). Its cross pool was never liquidated on the
// path (a liquidation records every open member), so the others' horizon losses are their plain
// PnL changes. Helpers are the others that gained, G_j = −loss_j (horizon):
//   Σ_{j≠r} G_j > 0:  helpers are the others that gained, share_j = G_j⁺ / Σ_k G_k⁺.
//   otherwise:        no other position's gain held r up; the pool's shared collateral (the wallet
//                     and the others' margin) did. No position is a cause: `collateral`, share 1.
// Rescue helpers are measured at the horizon, not at the moment r would have been liquidated
// isolated, because a path record holds no prices of the other assets at that moment.
//
// Changes smaller than `PNL_TOLERANCE` relative to the PnL involved count as zero, so rounding in
// a flat position's PnL never makes it a cause.

import { MODE_CROSS, type ContagionPath } from './contagion-path.js';
import type { ContagionLayout } from './contagion-layout.js';

/** Relative size below which a PnL change is rounding, not a move. */
export const PNL_TOLERANCE = 1e-9;

/** How a victim's liquidation was attributed. */
export type VictimAttribution = 'others' | 'self';
/** How a rescue was attributed. */
export type RescueAttribution = 'others' | 'collateral';

function zeroPool(layout: ContagionLayout, member: number, shares: Float64Array): { start: number; end: number } {
  const pool = layout.crossPool[member]!;
  const start = layout.poolMemberStart[pool]!;
  const end = layout.poolMemberStart[pool + 1]!;
  for (let k = start; k < end; k++) shares[layout.poolMembers[k]!] = 0;
  return { start, end };
}

/** `x`, or 0 when it is within rounding of zero at the scale of `a` and `b`. */
export function beyondRounding(x: number, a: number, b: number): number {
  if (!Number.isFinite(x)) return 0;
  return Math.abs(x) <= PNL_TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b)) ? 0 : x;
}

/**
 * Cause shares of victim `victim`'s cross liquidation on `path`, written into `shares` at the
 * indices of its cross pool's members (every other entry untouched). Returns `others` (shares
 * over the others that lost, summing to 1) or `self` (`shares[victim] = 1`). A member recorded
 * at a different step than the victim (never the case for the kernel, which records a pool's
 * members together) contributes nothing.
 */
export function victimCauseShares(layout: ContagionLayout, path: ContagionPath, victim: number, shares: Float64Array): VictimAttribution {
  const { start, end } = zeroPool(layout, victim, shares);
  const step = path.liquidationStep(MODE_CROSS, victim);
  let net = 0;
  let losses = 0;
  for (let k = start; k < end; k++) {
    const j = layout.poolMembers[k]!;
    if (j === victim || path.liquidationStep(MODE_CROSS, j) !== step) continue;
    const now = layout.pnlNow[j]!;
    const then = path.pnlAtLiquidation(MODE_CROSS, j);
    const drawdown = beyondRounding(now - then, now, then);
    net += drawdown;
    if (drawdown > 0) {
      losses += drawdown;
      shares[j] = drawdown;
    }
  }
  if (net > 0 && losses > 0) {
    for (let k = start; k < end; k++) {
      const j = layout.poolMembers[k]!;
      if (shares[j]! > 0) shares[j] = shares[j]! / losses;
    }
    return 'others';
  }
  for (let k = start; k < end; k++) shares[layout.poolMembers[k]!] = 0;
  shares[victim] = 1;
  return 'self';
}

/**
 * Helper shares of rescue `rescued` on `path`, written into `shares` at the indices of its cross
 * pool's members. Returns `others` (shares over the others that gained, summing to 1) or
 * `collateral` (every share 0: the pooled collateral held it up).
 */
export function rescueCauseShares(layout: ContagionLayout, path: ContagionPath, rescued: number, shares: Float64Array): RescueAttribution {
  const { start, end } = zeroPool(layout, rescued, shares);
  let net = 0;
  let gains = 0;
  for (let k = start; k < end; k++) {
    const j = layout.poolMembers[k]!;
    if (j === rescued) continue;
    const loss = path.positionLoss(MODE_CROSS, j);
    const gain = beyondRounding(-loss, layout.pnlNow[j]!, loss);
    net += gain;
    if (gain > 0) {
      gains += gain;
      shares[j] = gain;
    }
  }
  if (net > 0 && gains > 0) {
    for (let k = start; k < end; k++) {
      const j = layout.poolMembers[k]!;
      if (shares[j]! > 0) shares[j] = shares[j]! / gains;
    }
    return 'others';
  }
  for (let k = start; k < end; k++) shares[layout.poolMembers[k]!] = 0;
  return 'collateral';
}
