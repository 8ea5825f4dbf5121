// The `okx-swap` profile: OKX perpetual swaps, USDT-margined (linear) and coin-margined
// (inverse). Tiers count contracts (stored here in the position's own size unit), the tier rate
// applies to the whole position, and the liquidation fee (position value × taker rate) is held on
// top of maintenance: a position is liquidated when equity <= MM + liquidation fee.

import type { MaintenanceSchedule } from '../domain/maintenance-schedule.js';
import type { MarginMode, Position } from '../domain/position.js';
import { symbolAssets } from '../domain/symbol-assets.js';
import type { Tier, TierTable } from '../domain/tier.js';
import { fixedRateSchedule, notionalBracketSchedule } from './bracket-schedule.js';
import type { VenueProfile } from './venue-profile.js';

/** Leverage assumed for isolated allocation when a row gives none; capped at the tier's max. A modelling default, not a venue figure. */
const OKX_DEFAULT_LEVERAGE = 10;

/**
 * Regular-user (Lv1) taker fee on perpetual swaps, 0.05 % (https://www.okx.com/fees). OKX holds
 * `position value × taker rate` beside maintenance as the liquidation fee.
 */
const OKX_TAKER_FEE_RATE = 0.0005;

/**
 * Table key of an OKX swap: its instrument id `BASE-QUOTE-SWAP`, from any spelling:
 * `BTC-USDT-SWAP`, `BTCUSDT`, `BTC-USDT`, `BTC/USDT:USDT` → `BTC-USDT-SWAP`;
 * `BTC-USD-SWAP`, `BTCUSD_PERP`, `BTC-USD`, `BTC/USD:BTC` → `BTC-USD-SWAP` (the inverse swap).
 */
export function okxSwapTierKey(symbol: string): string {
  const { baseAsset, quoteAsset } = symbolAssets(symbol, 'linear', 'USDT');
  return `${baseAsset}-${quoteAsset}-SWAP`;
}

/**
 * The OKX tier a position of `size` falls in. OKX tiers run `minSz..maxSz` contracts with the
 * upper bound inclusive (`GET /api/v5/public/position-tiers`), so the tier is the first one whose
 * cap is >= size. Throws when the size exceeds the last tier of the table (the table in force
 * does not cover the position: supply a fuller one with `--tiers`).
 */
export function okxSizeTier(table: TierTable, size: number): Tier {
  const tier = table.tiers.find((t) => size <= t.cap);
  if (tier === undefined) {
    const last = table.tiers[table.tiers.length - 1];
    throw new Error(
      `okx-swap: ${table.symbol} position of size ${size} exceeds the last tier of its table (up to ${last?.cap ?? 0}); supply the full tier table with --tiers`,
    );
  }
  return tier;
}

/**
 * Maintenance schedule of an OKX swap position:
 *   MM + liquidation fee = N * (MMR_tier + takerRate)
 * with N the position value at the mark (linear: `ctVal * contracts * mark`, quote; inverse:
 * `ctVal * contracts / mark`, coin) and the tier chosen once from the position's size (contracts
 * do not move with price, so no iteration at the liquidation price). The tier rate applies to the
 * whole position (no deduction column), so MM jumps at tier boundaries.
 * Sources: https://www.okx.com/help/v-tiered-maintenance-margin-ratio-rules (margin ratio <= 100 %:
 * equity <= MM + liquidation fee), https://www.okx.com/docs-v5/en/#public-data-rest-api-get-position-tiers.
 * A `notional`-measured table (a user's tiers.csv in the Binance convention) is honoured as
 * notional brackets, with the same fee reserve.
 * Not modelled: OKX cross margin sums long and short of the same instrument to pick the tier; a
 * schedule sees one position, so each leg is tiered on its own size.
 */
function okxSchedule(position: Position, table: TierTable, _mode: MarginMode): MaintenanceSchedule {
  if (table.measure === 'notional') {
    const first = table.tiers[0];
    const takerRate = first?.liquidationFeeRate ?? OKX_TAKER_FEE_RATE;
    return notionalBracketSchedule(table, {
      feeReserveRate: takerRate,
      liquidationFeeRate: takerRate,
      defaultLeverage: Math.min(OKX_DEFAULT_LEVERAGE, first?.maxLeverage ?? OKX_DEFAULT_LEVERAGE),
    });
  }
  const tier = okxSizeTier(table, position.size);
  const takerRate = tier.liquidationFeeRate ?? OKX_TAKER_FEE_RATE;
  return fixedRateSchedule(tier.maintenanceMarginRate, tier.maintenanceAmount, {
    feeReserveRate: takerRate,
    liquidationFeeRate: takerRate,
    defaultLeverage: Math.min(OKX_DEFAULT_LEVERAGE, tier.maxLeverage),
  });
}

/** A size beyond the last tier of a contract-counted table, as a phrase; null when covered. */
function okxCoverageProblem(position: Position, table: TierTable): string | null {
  if (table.measure !== 'size') return null;
  const last = table.tiers[table.tiers.length - 1];
  if (last === undefined || position.size <= last.cap) return null;
  const dated = table.snapshotDate === '' ? '' : `, snapshot ${table.snapshotDate}`;
  return `position of size ${position.size} exceeds the last tier of the ${table.symbol} table (up to ${last.cap}${dated})`;
}

export const okxSwapProfile: VenueProfile = {
  name: 'okx-swap',
  label: 'OKX perpetual swaps (USDT- and coin-margined)',
  instruments: ['linear', 'inverse'],
  defaultQuoteAsset: 'USDT',
  tierMeasure: 'size',
  takerFeeRate: OKX_TAKER_FEE_RATE,
  defaultLeverage: OKX_DEFAULT_LEVERAGE,
  // Inverse swaps: BTC-USD-SWAP is 100 USD a contract (`ctVal` of
  // GET /api/v5/public/instruments?instType=SWAP); other inverse swaps must give contract_size.
  defaultContractSize: (symbol) => {
    const { baseAsset, quoteAsset } = symbolAssets(symbol, 'linear', 'USDT');
    if (quoteAsset !== 'USD') return null;
    return baseAsset === 'BTC' ? 100 : null;
  },
  sources: [
    'https://www.okx.com/help/v-tiered-maintenance-margin-ratio-rules',
    'https://www.okx.com/docs-v5/en/#public-data-rest-api-get-position-tiers',
    'https://www.okx.com/fees',
  ],
  // Partial liquidation reduces the position tier by tier until the margin ratio recovers; the
  // step is a tier, not a fixed fraction, so the execution model closes in full (fraction 1).
  liquidation: { style: 'partial', partialFraction: 1, backstopEquityFraction: 0 },
  tierKey: okxSwapTierKey,
  maintenanceSchedule: okxSchedule,
  coverageProblem: okxCoverageProblem,
};
