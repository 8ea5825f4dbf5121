// The figures a venue computed itself and put in its export (liquidation price, maintenance
// margin, margin ratio, unrealised PnL), kept beside the imported positions so an evaluation can
// be compared with the venue's own numbers. They never feed the evaluation.

import type { SourceRef } from '../../domain/position.js';

/**
 * A venue's liquidation price: a price; `none` when the venue says there is none (Binance `"0"`,
 * Bybit `""`, Hyperliquid `null`: the position cannot be liquidated by this symbol's price);
 * null when the export does not report one.
 */
export type ReportedLiquidationPrice = number | 'none' | null;

/** One position's venue-computed figures; null where the export does not carry the figure. */
export interface VenueReportedPosition {
  readonly positionId: string;
  readonly liquidationPrice: ReportedLiquidationPrice;
  /** Maintenance margin, in `asset`. */
  readonly maintenanceMargin: number | null;
  /**
   * Maintenance margin / equity, as a fraction (the contract's `marginRatio`). Venues that
   * report equity / maintenance (OKX `mgnRatio`) are converted: 1 / their figure.
   */
  readonly marginRatio: number | null;
  /** Unrealised PnL at the venue's mark, in `asset`. */
  readonly unrealizedPnl: number | null;
  /** Settlement asset the amounts are in. */
  readonly asset: string;
  readonly source: SourceRef;
}

/** An account's venue-computed totals (Binance account, Bybit wallet, Hyperliquid, dYdX subaccount). */
export interface VenueReportedAccount {
  readonly account: string;
  /** Margin balance / equity (wallet plus unrealised PnL) as the venue counts it. */
  readonly equity: number | null;
  readonly maintenanceMargin: number | null;
  /** Maintenance margin / equity, as a fraction. */
  readonly marginRatio: number | null;
  /**
   * Currency of the amounts: a settlement asset, `USD` for venue-wide USD valuations (Bybit
   * unified account), or null when the venue does not say (Binance totals: USDT in single-asset
   * mode, a USD valuation in multi-assets mode).
   */
  readonly asset: string | null;
  readonly source: SourceRef;
}
