// What a venue does with the margin left after a liquidation fill, as the cascade models it:
// where the liquidation fee goes (the insurance fund, or the venue) and how large it is.
//
//   clearance-fee  Binance: a clearance fee = liquidationFeeRate x closed notional at the fill,
//                  taken out of the margin that remains after the fill (never more), into the fund.
//   remainder      Bybit: the position is taken over at its bankruptcy price; when the fill is
//                  better than that, the difference (all the equity left after the fill) goes to
//                  the fund.
//   fee-to-fund    OKX, dYdX v4, Deribit: the liquidation fee (same formula as the clearance fee)
//                  goes to the venue's insurance fund.
//   fee-to-venue   Hyperliquid and the generic profile: the fee (0 in generic) is kept by the venue
//                  or its liquidator vault, outside the fund.

import type { VenueName } from '../domain/venue-name.js';

export const FEE_TO_FUND = 0;
export const REMAINDER_TO_FUND = 1;
export const FEE_TO_VENUE = 2;
export type FeeRule = typeof FEE_TO_FUND | typeof REMAINDER_TO_FUND | typeof FEE_TO_VENUE;

/** The fee rule of a venue profile (see the file header). */
export function feeRuleOf(venue: VenueName): FeeRule {
  switch (venue) {
    case 'binance-usdm':
    case 'binance-coinm':
    case 'okx-swap':
    case 'dydx-v4':
    case 'deribit':
      return FEE_TO_FUND;
    case 'bybit-linear':
    case 'bybit-inverse':
      return REMAINDER_TO_FUND;
    case 'hyperliquid':
    case 'generic':
      return FEE_TO_VENUE;
  }
}

/**
 * Fee taken from a liquidated pool whose equity after the fill is `remaining` (>= 0), on a closed
 * notional `closedNotional` at the fill: `min(remaining, rate x closedNotional)`, or all of
 * `remaining` under the Bybit rule.
 */
export function liquidationFee(rule: FeeRule, rate: number, closedNotional: number, remaining: number): number {
  if (remaining <= 0) return 0;
  if (rule === REMAINDER_TO_FUND) return remaining;
  return Math.min(remaining, rate * closedNotional);
}
