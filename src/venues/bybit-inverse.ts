// The `bybit-inverse` profile: Bybit inverse (coin-margined) perpetuals, 1 USD contracts, on the
// Unified Trading Account. Position value, margin, tiers and deductions are in the coin.
//
// Isolated, current revision
// (https://www.bybit.com/en/help-center/article/Liquidation-Price-Calculation-under-Isolated-Mode-Unified-Trading-Account):
//   LP_long  = Q*(1 + MMR) / [Q/EP + Q/EP/lev + Extra/(1 + taker) + deduction]
//   LP_short = Q*(1 - MMR) / [Q/EP - Q/EP/lev - Extra/(1 - taker) - deduction]
//   PV = Q/MP (at the mark: MM is taken at the LP), IM = PV/lev + feeToClose,
//   MM = PV*MMR - deduction + feeToClose
// This is exactly "pool equity = MM at the LP" when the posted margin is IM + extra and the fee
// to close is the taker fee at the bankruptcy price of that margin (the Extra/(1 ± taker) terms
// are the fee on the extra margin): a mark-basis schedule with that fee as a fixed reserve.
// (An older revision took MM at entry, LP_long = Q/[PV + IM - MM]; it is not used.)

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

/** Contract size of Bybit inverse contracts: 1 USD. */
const BYBIT_INVERSE_CONTRACT_SIZE_USD = 1;

/**
 * Fee to close held in an inverse position's maintenance margin, coin: the taker fee at the
 * bankruptcy price of the posted isolated margin (the UTA isolated page), or, for cross and for
 * positions without a posted margin, at the bankruptcy price of the leverage setting.
 */
export function bybitInverseFeeToClose(position: Position, table: TierTable, mode: MarginMode): number {
  const margin = position.isolatedMargin;
  if (mode === 'isolated' && position.marginMode === 'isolated' && margin !== null) {
    const taker = bybitTakerRate(table);
    return bybitFeeToCloseAt(position, bybitBankruptcyPriceFromMargin(position, margin, taker), taker);
  }
  return bybitFeeToCloseFromLeverage(position, bybitLeverage(position, table), bybitTakerRate(table));
}

export const bybitInverseProfile: VenueProfile = {
  name: 'bybit-inverse',
  label: 'Bybit inverse perpetuals (coin-margined)',
  instruments: ['inverse'],
  defaultQuoteAsset: 'USD',
  tierMeasure: 'notional',
  takerFeeRate: BYBIT_TAKER_FEE_RATE,
  defaultLeverage: BYBIT_DEFAULT_LEVERAGE,
  defaultContractSize: () => BYBIT_INVERSE_CONTRACT_SIZE_USD,
  sources: [
    'https://www.bybit.com/en/help-center/article/Liquidation-Price-Calculation-under-Isolated-Mode-Unified-Trading-Account',
    'https://www.bybit.com/en/help-center/article/Glossary-Unified-Trading-Account',
    'https://help.bybit.com/hc/en-us/articles/360039261334',
    'https://www.bybit.com/en/announcement-info/margin-parameters',
  ],
  liquidation: BYBIT_LIQUIDATION_RULES,
  tierKey: (symbol) => concatenatedTierKey(symbol, 'inverse', 'USD'),
  maintenanceSchedule: (position: Position, table: TierTable, mode: MarginMode) =>
    bybitSchedule(table, position, 'mark', bybitInverseFeeToClose(position, table, mode)),
};
