// What Bybit's linear and inverse profiles share: the risk-limit tier rule
// `MM = PV*MMR - deduction` (https://www.bybit.com/en/announcement-info/margin-parameters) plus
// the fee to close at the bankruptcy price held inside maintenance, the taker rate, the default
// leverage and the liquidation style.

import type { MaintenanceSchedule } from '../domain/maintenance-schedule.js';
import type { Position } from '../domain/position.js';
import type { TierTable } from '../domain/tier.js';
import { notionalBracketSchedule } from './bracket-schedule.js';
import { bybitBankruptcyPriceFromLeverage, bybitFeeToCloseAt } from './bybit-fee-reserve.js';
import type { LiquidationRules } from './venue-profile.js';

/**
 * Taker fee of a non-VIP account on Bybit derivatives, 0.055 % (the rate in Bybit's own worked
 * example of the fee to close,
 * https://www.bybit.com/en/help-center/article/Initial-Margin-Calculation-USDC-Contract).
 */
export const BYBIT_TAKER_FEE_RATE = 0.00055;

/**
 * Leverage assumed for a position whose row gives none (sizes isolated margin and the bankruptcy
 * price of the fee reserve). An assumption, not a published figure: set `leverage` on the row.
 */
export const BYBIT_DEFAULT_LEVERAGE = 10;

/**
 * Partial first: an isolated position is partially liquidated to reduce its maintenance margin
 * before it is closed whole; UTA cross and portfolio accounts cancel orders, repay, then partially
 * liquidate (https://www.bybit.com/en/help-center/article/UTA-Trading-Rules). The size of the
 * partial step depends on the risk-limit tiers, not a fixed fraction; 1 is an upper bound.
 */
export const BYBIT_LIQUIDATION_RULES: LiquidationRules = { style: 'partial', partialFraction: 1, backstopEquityFraction: 0 };

/** The row's leverage, else the default capped by the first tier's maximum leverage. */
export function bybitLeverage(position: Position, table: TierTable): number {
  if (position.leverage !== null && position.leverage >= 1) return position.leverage;
  return Math.min(BYBIT_DEFAULT_LEVERAGE, table.tiers[0]?.maxLeverage ?? BYBIT_DEFAULT_LEVERAGE);
}

/**
 * The taker rate of the fee to close: the table's `liquidationFeeRate` when it gives one (a
 * `liquidation_fee_rate` or `taker_fee_rate` column in `--tiers`, for a VIP account's rate), else
 * the non-VIP rate.
 */
export function bybitTakerRate(table: TierTable): number {
  return table.tiers[0]?.liquidationFeeRate ?? BYBIT_TAKER_FEE_RATE;
}

/**
 * Bybit's "Estimated Fee to Close Position" from the leverage setting, settlement asset:
 * linear `Q * EP * (1 ∓ 1/lev) * taker`, inverse `n / BP * taker` with `BP = EP*lev/(lev ± 1)`.
 */
export function bybitFeeToCloseFromLeverage(position: Position, leverage: number, takerRate: number = BYBIT_TAKER_FEE_RATE): number {
  return bybitFeeToCloseAt(position, bybitBankruptcyPriceFromLeverage(position, leverage), takerRate);
}

/**
 * The schedule: risk-limit brackets on the position value measured at `basis`, plus the fee
 * to close held as a fixed amount in maintenance:
 * `MM(p) = PV*MMR_b - deduction_b + feeToClose`.
 */
export function bybitSchedule(
  table: TierTable,
  position: Position,
  basis: 'mark' | 'entry',
  feeToCloseSettlement: number,
): MaintenanceSchedule {
  return notionalBracketSchedule(table, {
    notionalBasis: basis,
    feeReserveRate: 0,
    feeReserveAmount: feeToCloseSettlement,
    liquidationFeeRate: bybitTakerRate(table),
    defaultLeverage: bybitLeverage({ ...position, leverage: null }, table),
  });
}
