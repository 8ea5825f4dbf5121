// Hyperliquid margin tables (the info API `meta` → `marginTables`) turned into maintenance tiers:
// each tier's maintenance rate is half the initial margin rate at its max leverage, and its
// deduction follows the continuity recursion, so maintenance margin is continuous in notional.

import type { Tier } from '../domain/tier.js';

/** One row of a Hyperliquid margin table: from `lowerBound` USDC of notional on, at most `maxLeverage`. */
interface HyperliquidMarginTier {
  readonly lowerBoundQuote: number;
  readonly maxLeverage: number;
}

/**
 * Maintenance rate of a Hyperliquid tier: half the initial margin rate at the tier's max leverage,
 * `MMR = 1 / (2 * maxLeverage)` (1.25 % at 40x, 2.5 % at 20x).
 * Source: https://hyperliquid.gitbook.io/hyperliquid-docs/trading/margin-tiers
 */
export function hyperliquidMaintenanceRate(maxLeverage: number): number {
  if (!(maxLeverage >= 1)) throw new Error(`hyperliquidMaintenanceRate: max leverage must be >= 1, got ${maxLeverage}`);
  return 1 / (2 * maxLeverage);
}

/**
 * Tiers of a Hyperliquid margin table in the bracket convention:
 *   rate_n      = 1 / (2 * maxLeverage_n)
 *   deduction_0 = 0,  deduction_n = deduction_{n-1} + lowerBound_n * (rate_n - rate_{n-1})
 *   MM          = notional * rate_n - deduction_n
 * Source: https://hyperliquid.gitbook.io/hyperliquid-docs/trading/margin-tiers
 * A table id below 50 in `meta` is a single tier at that leverage: pass one row with bound 0.
 * Throws when the rows are not ascending from 0.
 */
export function hyperliquidTiers(marginTiers: readonly HyperliquidMarginTier[]): Tier[] {
  if (marginTiers.length === 0 || marginTiers[0]!.lowerBoundQuote !== 0) {
    throw new Error('hyperliquidTiers: a margin table starts at a lower bound of 0');
  }
  const tiers: Tier[] = [];
  let deduction = 0;
  let previousRate = 0;
  for (let n = 0; n < marginTiers.length; n++) {
    const row = marginTiers[n]!;
    const next = marginTiers[n + 1];
    if (next !== undefined && !(next.lowerBoundQuote > row.lowerBoundQuote)) {
      throw new Error(`hyperliquidTiers: lower bounds must ascend (${row.lowerBoundQuote} then ${next.lowerBoundQuote})`);
    }
    const rate = hyperliquidMaintenanceRate(row.maxLeverage);
    if (n > 0) deduction += row.lowerBoundQuote * (rate - previousRate);
    tiers.push({
      floor: row.lowerBoundQuote,
      cap: next === undefined ? Infinity : next.lowerBoundQuote,
      maintenanceMarginRate: rate,
      maintenanceAmount: deduction,
      maxLeverage: row.maxLeverage,
      initialMarginRate: 1 / row.maxLeverage,
      liquidationFeeRate: 0,
    });
    previousRate = rate;
  }
  return tiers;
}
