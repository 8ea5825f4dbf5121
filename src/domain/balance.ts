// Collateral in an account's cross wallet, excluding margin already posted to isolated positions.

import type { SourceRef } from './position.js';

export interface Balance {
  readonly account: string;
  /** Asset held, e.g. USDT, USDC, BTC. */
  readonly asset: string;
  /** Amount in units of `asset`; may be negative (a debt) but never NaN. */
  readonly amount: number;
  /**
   * Price of one unit of `asset` in the quote currency of the pool it backs, when the asset is
   * not itself that pool's settlement asset. null: taken from a mark in the book or the venue.
   */
  readonly priceQuote: number | null;
  /** Haircut as a fraction (0.05 = the asset counts at 95 %); null: the venue's default. */
  readonly haircut: number | null;
  readonly source: SourceRef;
}
