// The `binance-usdm` profile: Binance USDⓈ-M perpetuals. Maintenance margin is the bracket rule
// `MM = N*MMR - cum` on the notional at the mark, with the bracket taken at the liquidation price;
// isolated and cross use the same rule (only the collateral pool differs). No fee is held inside
// maintenance; a clearance fee is charged on the liquidated notional.
//
// Liquidation price (https://www.binance.com/en/support/faq/b3c689c1f50a44cabb3a84e663b81d93):
//   LP = (WB - TMM1 + UPNL1 + cumB + cumL + cumS - Side1_BOTH*Pos1_BOTH*EP1_BOTH - Pos1_LONG*EP1_LONG
//         + Pos1_SHORT*EP1_SHORT) / (Pos1_BOTH*MMR_B + Pos1_LONG*MMR_L + Pos1_SHORT*MMR_S
//         - Side1_BOTH*Pos1_BOTH - Pos1_LONG + Pos1_SHORT)
// which is exactly "pool equity = Σ MM" solved for one mark with every other mark held: the
// generic solver reproduces it from the schedule compiled here.

import type { MaintenanceSchedule } from '../domain/maintenance-schedule.js';
import type { MarginMode, Position } from '../domain/position.js';
import type { TierTable } from '../domain/tier.js';
import { concatenatedTierKey } from './binance-bybit-tier-key.js';
import { notionalBracketSchedule } from './bracket-schedule.js';
import type { VenueProfile } from './venue-profile.js';

/**
 * Taker fee of a regular (VIP 0) account on USDⓈ-M and COIN-M futures, 0.05 %
 * (https://www.binance.com/en/support/faq/360033544231).
 */
export const BINANCE_TAKER_FEE_RATE = 0.0005;

/**
 * Leverage Binance sets when the trader selects none, 20x ("If the trader makes no selection on
 * leverage, it will be set at 20x by default", Binance's leverage-and-margin page, as copied at
 * https://forum.poa.network/t/leverage-and-margin-in-coin-margined-futures-binance-tools/4189).
 */
export const BINANCE_DEFAULT_LEVERAGE = 20;

/**
 * Liquidation clearance fee on the liquidated notional when neither the tier table nor the row
 * gives one: Binance's published rates, 0.3 % for BTCUSDT and 0.5 % for every other perpetual
 * (https://binance.zendesk.com/hc/en-us/articles/360033525271-Liquidation). Binance now sets the
 * rate per symbol; put the current one in tiers.csv (`liquidation_fee_rate`) to override.
 */
function binanceClearanceFeeRate(tierKey: string): number {
  return tierKey === 'BTCUSDT' ? 0.003 : 0.005;
}

/**
 * The leverage used to size isolated margin when the row gives none: Binance's 20x default,
 * capped by the first bracket's maximum leverage.
 */
function binanceDefaultLeverage(table: TierTable): number {
  const firstBracketMax = table.tiers[0]?.maxLeverage ?? BINANCE_DEFAULT_LEVERAGE;
  return Math.min(BINANCE_DEFAULT_LEVERAGE, firstBracketMax);
}

/** Binance's bracket schedule, shared by USDⓈ-M and COIN-M (brackets in the settlement asset). */
export function binanceBracketSchedule(table: TierTable, clearanceFeeRate: number): MaintenanceSchedule {
  for (let i = 0; i < recentTables.length; i++) {
    if (recentTables[i] === table && Object.is(recentFeeRates[i], clearanceFeeRate)) return recentSchedules[i]!;
  }
  const schedule = compiledBinanceSchedule(table, clearanceFeeRate);
  recentTables[recentNext] = table;
  recentFeeRates[recentNext] = clearanceFeeRate;
  recentSchedules[recentNext] = schedule;
  recentNext = (recentNext + 1) % RECENT_SCHEDULES;
  return schedule;
}

/**
 * The last RECENT_SCHEDULES tables and clearance fee rates asked for, and their schedules (the
 * ones notionalBracketSchedule gives back for them), scanned by identity first: every position's
 * schedule is asked for in both modes, a book holds a handful of symbols, and the extras record
 * made for each request cost more than the scan.
 */
const RECENT_SCHEDULES = 16;
const recentTables: TierTable[] = [];
const recentFeeRates = new Float64Array(RECENT_SCHEDULES);
const recentSchedules: MaintenanceSchedule[] = [];
let recentNext = 0;

function compiledBinanceSchedule(table: TierTable, clearanceFeeRate: number): MaintenanceSchedule {
  return notionalBracketSchedule(table, {
    notionalBasis: 'mark',
    feeReserveRate: 0,
    feeReserveAmount: 0,
    liquidationFeeRate: table.tiers[0]?.liquidationFeeRate ?? clearanceFeeRate,
    defaultLeverage: binanceDefaultLeverage(table),
  });
}

function tierKey(symbol: string): string {
  return concatenatedTierKey(symbol, 'linear', 'USDT');
}

/** Clearance fee rates by symbol as written (few distinct symbols; bounded all the same). */
const clearanceFeeRates = new Map<string, number>();

/**
 * binanceClearanceFeeRate of the symbol's tier key, remembered: a position's schedule is
 * compiled for both modes, and reading the key from the symbol's spelling cost more than the rest.
 */
function clearanceFeeRateOf(symbol: string): number {
  let rate = clearanceFeeRates.get(symbol);
  if (rate === undefined) {
    rate = binanceClearanceFeeRate(tierKey(symbol));
    if (clearanceFeeRates.size < 10_000) clearanceFeeRates.set(symbol, rate);
  }
  return rate;
}

export const binanceUsdmProfile: VenueProfile = {
  name: 'binance-usdm',
  label: 'Binance USDⓈ-M futures',
  instruments: ['linear'],
  defaultQuoteAsset: 'USDT',
  tierMeasure: 'notional',
  takerFeeRate: BINANCE_TAKER_FEE_RATE,
  defaultLeverage: BINANCE_DEFAULT_LEVERAGE,
  defaultContractSize: () => null,
  sources: [
    'https://www.binance.com/en/support/faq/b3c689c1f50a44cabb3a84e663b81d93',
    'https://www.binance.com/en/support/faq/360033525271',
    'https://binance.zendesk.com/hc/en-us/articles/360033525271-Liquidation',
    'https://www.binance.com/en/futures/trading-rules/perpetual/leverage-margin',
  ],
  // One IOC order first takes the position down to a lower bracket; full liquidation only if that
  // is not enough. The reduction depends on the brackets, not on a fixed fraction (see
  // binanceLowerBracketReduction); 1 is exact for first-bracket positions and an upper bound
  // otherwise.
  liquidation: { style: 'partial', partialFraction: 1, backstopEquityFraction: 0 },
  tierKey,
  maintenanceSchedule: (position: Position, table: TierTable, _mode: MarginMode) =>
    binanceBracketSchedule(table, clearanceFeeRateOf(position.symbol)),
};

/**
 * Fraction of a position Binance's first liquidation order closes to bring its notional down to
 * the floor of its current bracket (`1 - floor_b / N`); 1 in the first bracket, where the
 * position is closed whole. Binance stops once the account is compliant after the loss and the
 * fee, so this is the most the first order takes.
 * Source: https://docs.traderwagon.com/faq/futures-trading-introduction/liquidation-protocol.
 */
export function binanceLowerBracketReduction(schedule: MaintenanceSchedule, notionalSettlement: number): number {
  let b = 0;
  while (b + 1 < schedule.floors.length && notionalSettlement >= schedule.floors[b + 1]!) b++;
  if (b === 0 || !(notionalSettlement > 0)) return 1;
  return 1 - schedule.floors[b]! / notionalSettlement;
}
