// A leveraged perpetual/futures position as the rest of the system sees it: validated, in base
// units with the side explicit, its settlement asset resolved and its venue profile named.

import type { VenueName } from './venue-name.js';

export type Side = 'long' | 'short';
export type MarginMode = 'cross' | 'isolated';
/** `linear`: USD(T)-margined, PnL in quote. `inverse`: coin-margined, PnL in the base coin. */
export type InstrumentKind = 'linear' | 'inverse';

/** Where a value came from, for error messages and traceability. */
export interface SourceRef {
  readonly file: string;
  readonly line: number;
}

export interface Position {
  /** Unique within the input; default `account:symbol:side`. */
  readonly positionId: string;
  readonly account: string;
  /** Instrument symbol as given, e.g. `BTCUSDT`, `BTCUSD_PERP`, `BTC`. */
  readonly symbol: string;
  readonly side: Side;
  /**
   * Quantity, always > 0: base units for linear contracts (already multiplied by a linear
   * contract size), number of contracts for inverse contracts.
   */
  readonly size: number;
  /** Average entry price, quote per base. */
  readonly entryPrice: number;
  /** Current mark price, quote per base. */
  readonly markPrice: number;
  /** Margin mode as the position is held today (the `exported` mode). */
  readonly marginMode: MarginMode;
  /** Margin posted to the position in the settlement asset; null for cross positions. */
  readonly isolatedMargin: number | null;
  /** Leverage setting of the position, if known. */
  readonly leverage: number | null;
  readonly instrument: InstrumentKind;
  /**
   * Inverse: quote value of one contract (e.g. 100 USD). Linear: 1 (the importer folds a
   * linear contract size into `size`).
   */
  readonly contractSize: number;
  /** Risk profile that governs this position. */
  readonly venue: VenueName;
  /** Asset PnL and margin are settled in: the quote (e.g. USDT) for linear, the coin for inverse. */
  readonly settlementAsset: string;
  /** Quote currency of the prices (e.g. USDT, USD, USDC). */
  readonly quoteAsset: string;
  /** Base asset (e.g. BTC): what moves when the market moves. */
  readonly baseAsset: string;
  readonly source: SourceRef;
}

/** +1 for long, -1 for short. */
export function sideSign(side: Side): 1 | -1 {
  return side === 'long' ? 1 : -1;
}
