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

const FEE_TO_FUND = 0;
const REMAINDER_TO_FUND = 1;
export const FEE_TO_VENUE = 2;
type FeeRule = typeof FEE_TO_FUND | typeof REMAINDER_TO_FUND | typeof FEE_TO_VENUE;

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

// ADL ranking per venue (cascade.md rule 5: "venue profiles may replace the ranking with the
// venue's own documented rule"):
//   contract     the contract's `unrealised PnL / margin x effective leverage` (generic; Bybit,
//                whose published rule ranks by "highest profit and effective leverage use",
//                https://help.bybit.com/hc/en-us/articles/900000031623-What-is-Auto-Deleveraging-ADL-
//                without a formula beyond that; OKX, dYdX v4, Deribit: no ranking found published).
//   binance      Binance's "Leverage PnL" (https://www.binance.com/en/support/faq/360033525471):
//                PnL percent = max(0, unrealised profit) / max(1, wallet balance), margin ratio =
//                maintenance / (wallet balance + unrealised PnL) (0 when that is <= 0), ranking =
//                PnL percent x margin ratio; per position with the pool's cash and equity shared
//                by notional.
//   hyperliquid  Hyperliquid's sorting index (https://hyperliquid.gitbook.io/hyperliquid-docs/trading/auto-deleveraging):
//                (mark price / entry price) x (notional / account value), account value = the
//                position's share of its pool's equity; applied as written, to positions in profit.
const ADL_CONTRACT = 0;
export const ADL_BINANCE = 1;
export const ADL_HYPERLIQUID = 2;
type AdlRule = typeof ADL_CONTRACT | typeof ADL_BINANCE | typeof ADL_HYPERLIQUID;

/** The ADL ranking rule of a venue profile (see above). */
export function adlRuleOf(venue: VenueName): AdlRule {
  if (venue === 'binance-usdm' || venue === 'binance-coinm') return ADL_BINANCE;
  if (venue === 'hyperliquid') return ADL_HYPERLIQUID;
  return ADL_CONTRACT;
}
