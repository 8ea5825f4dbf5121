// A venue's maintenance-margin rule compiled for one position: brackets, the price the notional
// is measured at, and any fee reserve the venue keeps inside maintenance. Every venue reduces to
// this one shape, so the reference engine and the fast kernel share one formula:
//
//   N(p)  = notional in the settlement asset at price p (linear: size*p, inverse: size*cs/p),
//           measured at the mark p, or at the entry price when notionalBasis = 'entry'
//   b     = the bracket with floors[b] <= measure < floors[b+1]
//           (measure = N(p) when bracketsOn = 'notional'; fixed per position when 'fixed')
//   MM(p) = N(p) * rates[b] - amounts[b] + N(p) * feeReserveRate + feeReserveAmount

export interface MaintenanceSchedule {
  /**
   * Price the maintenance notional is measured at: the moving mark (Binance, OKX, Hyperliquid,
   * dYdX, Deribit), or the fixed entry price (Bybit's isolated linear liquidation price).
   */
  readonly notionalBasis: 'mark' | 'entry';
  /**
   * `notional`: the bracket follows the notional as the price moves (iterate at the liquidation
   * price). `fixed`: the bracket was chosen once from something that does not move with price
   * (OKX's contract count, Deribit's size, dYdX's single fraction); `floors` then has one entry.
   */
  readonly bracketsOn: 'notional' | 'fixed';
  /** Lower bounds of the brackets in settlement-asset notional, ascending, first 0. */
  readonly floors: readonly number[];
  /** Maintenance margin rate of each bracket, as a fraction. */
  readonly rates: readonly number[];
  /** Maintenance amount of each bracket, settlement asset. */
  readonly amounts: readonly number[];
  /** Extra rate on the notional held in maintenance (OKX: the liquidation fee, taker rate). */
  readonly feeReserveRate: number;
  /** Fixed amount held in maintenance, settlement asset (Bybit: the fee to close at bankruptcy). */
  readonly feeReserveAmount: number;
  /** Fee charged on the liquidated notional when the position is liquidated (execution). */
  readonly liquidationFeeRate: number;
  /** Leverage used to size isolated margin when the row gives none (venue default or tier max). */
  readonly defaultLeverage: number;
}
