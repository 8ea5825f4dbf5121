// The `bybit-linear` profile: Bybit USDT/USDC perpetuals on the Unified Trading Account.
//
// Isolated (https://www.bybit.com/en/help-center/article/Liquidation-Price-USDT-Contract):
//   LP_long  = EP - (IM - MM)/Q - Extra/Q,   LP_short = EP + (IM - MM)/Q + Extra/Q
//   IM = Q*EP/lev, MM = Q*EP*MMR - deduction  (position value at ENTRY)
// The posted position margin is IM + the fee to close + any extra margin, and Bybit holds the
// same fee to close inside MM, so the fee cancels. As "pool equity = MM at the LP" this is a
// schedule with the notional measured at entry (`notionalBasis: 'entry'`) and the fee to close
// as a fixed reserve: margin + Q*(LP - EP) = Q*EP*MMR - deduction + feeToClose.
//
// Cross (UTA): the account is liquidated when total MM reaches the margin balance, with each
// position's MM on its value at the mark (bracket followed as the mark moves) plus its fee to close.

import type { MarginMode, Position } from '../domain/position.js';
import type { TierTable } from '../domain/tier.js';
import { concatenatedTierKey } from './binance-bybit-tier-key.js';
import { bybitBankruptcyPriceFromMargin, bybitFeeToCloseAt } from './bybit-fee-reserve.js';
import {
  BYBIT_DEFAULT_LEVERAGE,
  BYBIT_LIQUIDATION_RULES,
  BYBIT_TAKER_FEE_RATE,
  bybitFeeToCloseFromLeverage,
  bybitLeverage,
  bybitSchedule,
  bybitTakerRate,
} from './bybit-risk-limit-schedule.js';
import type { VenueProfile } from './venue-profile.js';

/**
 * Fee to close held in a linear position's maintenance margin, settlement asset. Bybit computes
 * it from the leverage setting (`Q * EP * (1 ∓ 1/lev) * taker`); when the row has no leverage but
 * an isolated margin, the bankruptcy price of that margin is used instead (the same price when
 * no extra margin was added).
 */
export function bybitLinearFeeToClose(position: Position, table: TierTable, mode: MarginMode): number {
  const margin = position.isolatedMargin;
  if (mode === 'isolated' && position.leverage === null && position.marginMode === 'isolated' && margin !== null) {
    const taker = bybitTakerRate(table);
    return bybitFeeToCloseAt(position, bybitBankruptcyPriceFromMargin(position, margin, taker), taker);
  }
  return bybitFeeToCloseFromLeverage(position, bybitLeverage(position, table), bybitTakerRate(table));
}

export const bybitLinearProfile: VenueProfile = {
  name: 'bybit-linear',
  label: 'Bybit USDT/USDC perpetuals (linear)',
  instruments: ['linear'],
  defaultQuoteAsset: 'USDT',
  tierMeasure: 'notional',
  takerFeeRate: BYBIT_TAKER_FEE_RATE,
  defaultLeverage: BYBIT_DEFAULT_LEVERAGE,
  defaultContractSize: () => null,
  sources: [
    'https://www.bybit.com/en/help-center/article/Liquidation-Price-USDT-Contract',
    'https://www.bybit.com/en/help-center/article/Initial-Margin-Calculation-USDC-Contract',
    'https://www.bybit.com/en/help-center/article/Maintenance-Margin-USDT-Contract',
    'https://www.bybit.com/en/help-center/article/Glossary-Unified-Trading-Account',
    'https://www.bybit.com/en/announcement-info/margin-parameters',
  ],
  liquidation: BYBIT_LIQUIDATION_RULES,
  tierKey: (symbol) => concatenatedTierKey(symbol, 'linear', 'USDT'),
  maintenanceSchedule: (position: Position, table: TierTable, mode: MarginMode) =>
    bybitSchedule(table, position, mode === 'isolated' ? 'entry' : 'mark', bybitLinearFeeToClose(position, table, mode)),
};
