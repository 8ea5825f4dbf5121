// The `deribit` profile: Deribit perpetuals and futures under standard margin. There are no
// brackets: the maintenance rate grows linearly with the position size in the base coin,
// `MMR = baseRate + slope * sizeInCoin`, and an account below maintenance is reduced
// incrementally until equity exceeds maintenance again. Inverse (coin-settled) BTC and ETH
// perpetuals and futures follow the rule of 11 January 2022
// (https://support.deribit.com/hc/en-us/articles/25944826427293-11-January-2022): BTC MM
// 1 % + size(BTC) * 0.005 %, ETH MM 1 % + size(ETH) * 0.0004 %; a dated future of a currency
// (`BTC-27DEC24`) takes the same rule as its perpetual.

import type { MaintenanceSchedule } from '../domain/maintenance-schedule.js';
import type { MarginMode, Position } from '../domain/position.js';
import { symbolAssets } from '../domain/symbol-assets.js';
import type { TierTable } from '../domain/tier.js';
import { fixedRateSchedule } from './bracket-schedule.js';
import type { VenueProfile } from './venue-profile.js';

/** Leverage assumed for isolated allocation when a row gives none; capped at 1/IM. A modelling default, not a venue figure. */
const DERIBIT_DEFAULT_LEVERAGE = 10;

/** Perpetual taker fee (BTC/ETH and USDC perpetuals), 0.05 % (https://support.deribit.com/hc/en-us/articles/25944746248989-Fees). */
const DERIBIT_TAKER_FEE_RATE = 0.0005;

/**
 * Growth of the maintenance rate per unit of position size in the base coin, by instrument (the
 * base rate is the tier table's). Published on
 * https://support.deribit.com/hc/en-us/articles/25944738177565-Linear-Perpetual:
 *   BTC_USDC: MM 1 % + size(BTC) * 0.005 %      SOL_USDC: MM 2 % + size(SOL) * 0.0005 %
 * An instrument not listed here gets a flat rate (its table's) and no growth.
 */
const DERIBIT_MAINTENANCE_RATE_PER_BASE_UNIT: Readonly<Record<string, number>> = {
  'BTC_USDC-PERPETUAL': 0.00005,
  'SOL_USDC-PERPETUAL': 0.000005,
  // Inverse BTC and ETH perpetuals and futures, from 11 January 2022
  // (https://support.deribit.com/hc/en-us/articles/25944826427293-11-January-2022).
  'BTC-PERPETUAL': 0.00005,
  'ETH-PERPETUAL': 0.000004,
};

/** USD per contract of Deribit's inverse perpetuals and futures (`contract_size` of public/get_instruments). */
const DERIBIT_INVERSE_CONTRACT_SIZE_USD: Readonly<Record<string, number>> = { BTC: 10, ETH: 1 };

/** A dated future: `BTC-27DEC24` (inverse) or `BTC_USDC-27DEC24` (linear). */
const DATED_FUTURE = /^([A-Z0-9]+)(?:_([A-Z]+))?-\d{1,2}[A-Z]{3}\d{2}$/;

/**
 * Table key of a Deribit perpetual: `BTC-PERPETUAL` for the inverse (USD-quoted) one,
 * `BTC_USDC-PERPETUAL` for a linear one, from `BTC`, `BTC-USD`, `BTCUSD`, `BTC-PERPETUAL`,
 * `BTC_USDC`, `BTCUSDC`, `BTC_USDC-PERPETUAL`, `BTC/USDC:USDC`. A dated future shares its
 * currency's rule: `BTC-27DEC24` → `BTC-PERPETUAL`, `BTC_USDC-27DEC24` → `BTC_USDC-PERPETUAL`.
 */
export function deribitTierKey(symbol: string): string {
  const dated = DATED_FUTURE.exec(symbol.trim().toUpperCase());
  if (dated !== null) return dated[2] === undefined ? `${dated[1]}-PERPETUAL` : `${dated[1]}_${dated[2]}-PERPETUAL`;
  const { baseAsset, quoteAsset } = symbolAssets(symbol, 'linear', 'USD');
  return quoteAsset === 'USD' ? `${baseAsset}-PERPETUAL` : `${baseAsset}_${quoteAsset}-PERPETUAL`;
}

/**
 * Position size in the base coin: linear, the size itself; inverse, `contracts * contractSize / mark`
 * (Deribit's `size_currency`), taken at the current mark.
 */
export function deribitSizeInCoin(position: Position): number {
  return position.instrument === 'linear'
    ? position.size * position.contractSize
    : (position.size * position.contractSize) / position.markPrice;
}

/**
 * Maintenance schedule of a Deribit perpetual under standard margin:
 *   MMR = baseRate + slope * sizeInCoin,   MM = N * MMR
 * with N the position value at the mark (linear: quote, inverse: coin). For a linear perpetual the
 * size in coin is fixed, so the rate is exact and fixed for the position's life. For an inverse
 * one the size in coin is `contracts * contractSize / price` and moves with price; the rate is
 * frozen at the current mark, which understates it for a long whose price falls (the exact MM is
 * `baseRate * N + slope * N^2`, beyond the schedule's shape).
 * Source: https://support.deribit.com/hc/en-us/articles/25944738177565-Linear-Perpetual
 */
function deribitSchedule(position: Position, table: TierTable, _mode: MarginMode): MaintenanceSchedule {
  if (table.tiers.length !== 1) {
    throw new Error(`deribit: the table for ${position.symbol} must be one flat row (Deribit has no brackets), got ${table.tiers.length}`);
  }
  const only = table.tiers[0]!;
  const slope = DERIBIT_MAINTENANCE_RATE_PER_BASE_UNIT[deribitTierKey(position.symbol)] ?? 0;
  const rate = only.maintenanceMarginRate + slope * deribitSizeInCoin(position);
  return fixedRateSchedule(rate, only.maintenanceAmount, {
    liquidationFeeRate: only.liquidationFeeRate ?? 0,
    defaultLeverage: Math.min(DERIBIT_DEFAULT_LEVERAGE, only.maxLeverage),
  });
}

export const deribitProfile: VenueProfile = {
  name: 'deribit',
  label: 'Deribit perpetuals (standard margin)',
  instruments: ['linear', 'inverse'],
  defaultQuoteAsset: 'USD',
  tierMeasure: 'size',
  takerFeeRate: DERIBIT_TAKER_FEE_RATE,
  defaultLeverage: DERIBIT_DEFAULT_LEVERAGE,
  // BTC-PERPETUAL: 10 USD a contract (https://www.deribit.com/pages/docs/perpetual); ETH: 1 USD.
  defaultContractSize: (symbol) => {
    const key = deribitTierKey(symbol);
    if (!key.endsWith('-PERPETUAL') || key.includes('_')) return null;
    return DERIBIT_INVERSE_CONTRACT_SIZE_USD[key.slice(0, -'-PERPETUAL'.length)] ?? null;
  },
  sources: [
    'https://support.deribit.com/hc/en-us/articles/25944738177565-Linear-Perpetual',
    'https://support.deribit.com/hc/en-us/articles/25944826427293-11-January-2022',
    'https://support.deribit.com/hc/en-us/articles/25944721613341-Risk-Management',
    'https://www.deribit.com/pages/docs/perpetual',
  ],
  // Incremental liquidation until equity > MM again; the step is not a published fraction, so the
  // execution model closes in full. The insurance fund covers negative equity.
  liquidation: { style: 'partial', partialFraction: 1, backstopEquityFraction: 0 },
  tierKey: deribitTierKey,
  maintenanceSchedule: deribitSchedule,
};
