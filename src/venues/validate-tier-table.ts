// Structural checks every tier table must pass, bundled or user-supplied: contiguous brackets,
// finite rates, the maintenance-amount recursion that makes maintenance margin continuous, and
// amounts that leave maintenance margin positive across each bracket.

import type { TierTable } from '../domain/tier.js';

/**
 * Problems with a tier table, in words (empty when it is sound). Checks: at least one tier;
 * first floor 0; each cap equals the next floor; rates in [0, 1]; amounts >= 0; and, for
 * notional-measured tables, a positive maintenance margin `N × rate − amount` at every notional N
 * of a bracket with an amount (its lowest is at the floor), and the continuity recursion
 * `amount_k = amount_{k-1} + floor_k * (rate_k - rate_{k-1})` within `tolerance` (relative).
 */
export function tierTableProblems(table: TierTable, tolerance = 1e-6): string[] {
  const problems: string[] = [];
  const tiers = table.tiers;
  if (tiers.length === 0) return [`${table.symbol}: no tiers`];
  if (tiers[0]!.floor !== 0) problems.push(`${table.symbol}: first tier starts at ${tiers[0]!.floor}, not 0`);
  for (let k = 0; k < tiers.length; k++) {
    const t = tiers[k]!;
    if (!(t.maintenanceMarginRate >= 0 && t.maintenanceMarginRate <= 1)) {
      problems.push(`${table.symbol} tier ${k + 1}: maintenance rate ${t.maintenanceMarginRate} outside [0, 1]`);
    }
    if (!(t.maintenanceAmount >= 0)) problems.push(`${table.symbol} tier ${k + 1}: negative maintenance amount`);
    if (!(t.cap > t.floor)) problems.push(`${table.symbol} tier ${k + 1}: cap ${t.cap} not above floor ${t.floor}`);
    if (!(t.maxLeverage >= 1)) problems.push(`${table.symbol} tier ${k + 1}: max leverage ${t.maxLeverage} below 1`);
    if (table.measure === 'notional' && t.maintenanceAmount > 0 && !(t.floor * t.maintenanceMarginRate - t.maintenanceAmount > 0)) {
      const at = t.floor * t.maintenanceMarginRate - t.maintenanceAmount;
      problems.push(
        `${table.symbol} tier ${k + 1}: maintenance amount ${t.maintenanceAmount} makes maintenance margin ${at === 0 ? 'zero' : 'negative'} in the bracket ` +
          `(floor ${t.floor} × rate ${t.maintenanceMarginRate} − amount = ${at}); the amount must stay below floor × rate`,
      );
    }
    if (k === 0) continue;
    const prev = tiers[k - 1]!;
    if (prev.cap !== t.floor) problems.push(`${table.symbol} tier ${k + 1}: floor ${t.floor} does not meet previous cap ${prev.cap}`);
    if (table.measure === 'notional') {
      const expected = prev.maintenanceAmount + t.floor * (t.maintenanceMarginRate - prev.maintenanceMarginRate);
      const scale = Math.max(1, Math.abs(expected));
      if (Math.abs(expected - t.maintenanceAmount) > tolerance * scale) {
        problems.push(
          `${table.symbol} tier ${k + 1}: maintenance amount ${t.maintenanceAmount} breaks the continuity recursion (expected ${expected})`,
        );
      }
    }
  }
  return problems;
}
