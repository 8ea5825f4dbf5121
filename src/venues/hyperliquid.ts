// The `hyperliquid` profile: USDC-margined linear perpetuals whose maintenance margin is half the
// initial margin at the coin's max leverage, tiered by notional with a deduction; liquidation by
// mark price with no clearance fee, large positions in 20 % slices, and the HLP backstop below
// 2/3 of maintenance.

import type { MaintenanceSchedule } from '../domain/maintenance-schedule.js';
import type { MarginMode, Position } from '../domain/position.js';
import { symbolAssets } from '../domain/symbol-assets.js';
import type { TierTable } from '../domain/tier.js';
import { notionalBracketSchedule } from './bracket-schedule.js';
import type { VenueProfile } from './venue-profile.js';

/** Leverage assumed for isolated allocation when a row gives none; capped at the tier's max. A modelling default, not a venue figure. */
const HYPERLIQUID_DEFAULT_LEVERAGE = 10;

/**
 * Base-tier taker fee on perpetuals (0.045 %), from https://hyperliquid.gitbook.io/hyperliquid-docs/trading/fees.
 * Liquidations are market orders with no clearance fee, so nothing is held in maintenance for it.
 */
const HYPERLIQUID_TAKER_FEE_RATE = 0.00045;

/**
 * Table key of a Hyperliquid coin: the coin name, upper-cased (`BTC`, `ETH`, `KPEPE`), from any
 * spelling: `BTC`, `BTC-USD`, `BTC-PERP`, `BTCUSDC`, `BTC/USDC:USDC`.
 */
export function hyperliquidTierKey(symbol: string): string {
  return symbolAssets(symbol, 'linear', 'USDC').baseAsset;
}

/**
 * Maintenance schedule of a Hyperliquid position: `MM = N * MMR_t - deduction_t` with
 * `MMR_t = 1 / (2 * maxLeverage_t)` and N the notional at the mark; the tier follows the notional,
 * so it is taken at the liquidation price. Isolated and cross use the same rule.
 * Sources: https://hyperliquid.gitbook.io/hyperliquid-docs/trading/margin-tiers,
 * https://hyperliquid.gitbook.io/hyperliquid-docs/trading/liquidations
 */
function hyperliquidSchedule(position: Position, table: TierTable, _mode: MarginMode): MaintenanceSchedule {
  if (position.instrument !== 'linear') {
    throw new Error(`hyperliquid: ${position.symbol} is ${position.instrument}; Hyperliquid lists linear USDC perpetuals only`);
  }
  if (table.measure !== 'notional') {
    throw new Error(`hyperliquid: the tier table for ${position.symbol} must be measured in notional, not ${table.measure}`);
  }
  const notionalQuote = position.size * position.contractSize * position.markPrice;
  const tierNow = table.tiers.findLast((t) => t.floor <= notionalQuote) ?? table.tiers[0];
  return notionalBracketSchedule(table, {
    liquidationFeeRate: 0,
    defaultLeverage: Math.min(HYPERLIQUID_DEFAULT_LEVERAGE, tierNow?.maxLeverage ?? HYPERLIQUID_DEFAULT_LEVERAGE),
  });
}

export const hyperliquidProfile: VenueProfile = {
  name: 'hyperliquid',
  label: 'Hyperliquid perpetuals (USDC)',
  instruments: ['linear'],
  defaultQuoteAsset: 'USDC',
  tierMeasure: 'notional',
  takerFeeRate: HYPERLIQUID_TAKER_FEE_RATE,
  defaultLeverage: HYPERLIQUID_DEFAULT_LEVERAGE,
  defaultContractSize: () => null,
  sources: [
    'https://hyperliquid.gitbook.io/hyperliquid-docs/trading/margin-tiers',
    'https://hyperliquid.gitbook.io/hyperliquid-docs/trading/liquidations',
    'https://hyperliquid.gitbook.io/hyperliquid-docs/trading/margining',
    'https://hyperliquid.gitbook.io/hyperliquid-docs/trading/fees',
  ],
  // Positions above 100,000 USDC go to the book in 20 % slices (30 s cooldown); smaller ones in
  // full. Below 2/3 of maintenance the HLP vault takes the position and its margin (the
  // maintenance margin is forfeited). https://hyperliquid.gitbook.io/hyperliquid-docs/trading/liquidations
  liquidation: { style: 'partial', partialFraction: 0.2, backstopEquityFraction: 2 / 3 },
  tierKey: hyperliquidTierKey,
  maintenanceSchedule: hyperliquidSchedule,
};
