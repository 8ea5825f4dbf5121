// The `dydx-v4` profile: dYdX Chain perpetuals, USDC-margined, valued at the oracle price. Each
// market's maintenance margin is one fraction (MMF) of its position value, set by the market's
// liquidity tier; there are no size brackets. Isolated positions live in their own subaccount, so
// isolated and cross share the formula and differ only in the collateral pool.

import type { MaintenanceSchedule } from '../domain/maintenance-schedule.js';
import type { MarginMode, Position } from '../domain/position.js';
import { symbolAssets } from '../domain/symbol-assets.js';
import type { TierTable } from '../domain/tier.js';
import { fixedRateSchedule, notionalBracketSchedule } from './bracket-schedule.js';
import type { VenueProfile } from './venue-profile.js';

/** Leverage assumed for isolated allocation when a row gives none; capped at 1/IMF. A modelling default, not a venue figure. */
const DYDX_DEFAULT_LEVERAGE = 10;

/** Fee tier 1 taker rate, 0.05 % (not held in maintenance on dYdX; used only by the execution model). */
const DYDX_TAKER_FEE_RATE = 0.0005;

/**
 * Maximum liquidation penalty, 1.5 % of the liquidated position, paid to the insurance fund
 * (the engine leaves any remaining value to the account). Source: `dydxprotocol/v4-documentation`
 * docs/pages/concepts/trading/liquidations.mdx. It is a ceiling, used here as the fee.
 */
const DYDX_MAX_LIQUIDATION_PENALTY_RATE = 0.015;

/** Table key of a dYdX market: its ticker `BASE-USD`, from `BTC`, `BTC-USD`, `BTCUSD`, `BTC/USD:USDC`. */
export function dydxV4TierKey(symbol: string): string {
  return `${symbolAssets(symbol, 'linear', 'USD').baseAsset}-USD`;
}

/**
 * Maintenance schedule of a dYdX position: `MM = |S * P * MMF|`, P the oracle price (the mark
 * series fed to the engine), MMF the market's maintenance margin fraction from its liquidity tier.
 * The fraction is fixed per market: the open-interest scaling moves only the initial fraction.
 * Source: `dydxprotocol/v4-documentation` docs/pages/concepts/trading/margin.mdx.
 * A table with several tiers (a user's tiers.csv) is honoured as notional brackets.
 */
function dydxSchedule(position: Position, table: TierTable, _mode: MarginMode): MaintenanceSchedule {
  if (position.instrument !== 'linear') {
    throw new Error(`dydx-v4: ${position.symbol} is ${position.instrument}; dYdX lists linear USDC perpetuals only`);
  }
  const only = table.tiers[0];
  if (only === undefined) throw new Error(`dydx-v4: the tier table for ${position.symbol} is empty`);
  const defaultLeverage = Math.min(DYDX_DEFAULT_LEVERAGE, only.maxLeverage);
  const liquidationFeeRate = only.liquidationFeeRate ?? DYDX_MAX_LIQUIDATION_PENALTY_RATE;
  if (table.tiers.length > 1) return notionalBracketSchedule(table, { liquidationFeeRate, defaultLeverage });
  return fixedRateSchedule(only.maintenanceMarginRate, only.maintenanceAmount, { liquidationFeeRate, defaultLeverage });
}

export const dydxV4Profile: VenueProfile = {
  name: 'dydx-v4',
  label: 'dYdX Chain (v4) perpetuals',
  instruments: ['linear'],
  defaultQuoteAsset: 'USDC',
  tierMeasure: 'notional',
  takerFeeRate: DYDX_TAKER_FEE_RATE,
  defaultLeverage: DYDX_DEFAULT_LEVERAGE,
  defaultContractSize: () => null,
  sources: [
    'https://github.com/dydxprotocol/v4-documentation/blob/main/docs/pages/concepts/trading/margin.mdx',
    'https://github.com/dydxprotocol/v4-documentation/blob/main/docs/pages/concepts/trading/liquidations.mdx',
    'https://github.com/dydxprotocol/v4-documentation/blob/main/docs/pages/concepts/trading/governance.mdx',
  ],
  // Liquidation orders close positions partially or fully, limited per block by the governance
  // liquidations config (a notional limit, not a fraction), so the execution model closes in full.
  liquidation: { style: 'partial', partialFraction: 1, backstopEquityFraction: 0 },
  tierKey: dydxV4TierKey,
  maintenanceSchedule: dydxSchedule,
};
