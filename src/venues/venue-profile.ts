// The interface every venue implements: its rules as a few small functions plus its default
// tier tables. A new venue is one file implementing this, one registry line, and a test of the
// venue's published worked examples.

import type { InstrumentKind, MarginMode, Position } from '../domain/position.js';
import type { MaintenanceSchedule } from '../domain/maintenance-schedule.js';
import type { TierMeasure, TierTable } from '../domain/tier.js';
import type { VenueName } from '../domain/venue-name.js';

/** How the venue liquidates (used by the shock engine's execution model). */
export interface LiquidationRules {
  /**
   * `full`: the whole position is closed at once. `partial`: the venue first reduces the
   * position (to a lower bracket, or in slices) and closes it fully only if that is not enough.
   */
  readonly style: 'full' | 'partial';
  /** Fraction of the position closed per partial step (Hyperliquid: 0.2), when style is partial. */
  readonly partialFraction: number;
  /**
   * Equity fraction of maintenance below which the venue's backstop takes the whole position
   * (Hyperliquid: 2/3); 0 when there is no such rule.
   */
  readonly backstopEquityFraction: number;
}

export interface VenueProfile {
  readonly name: VenueName;
  /** Human label, e.g. "Binance USDⓈ-M futures". */
  readonly label: string;
  /** Which contract kinds this profile governs. */
  readonly instruments: readonly InstrumentKind[];
  /** Quote currency assumed when a symbol does not name one (Hyperliquid, dYdX: USDC). */
  readonly defaultQuoteAsset: string;
  /** What the tier bounds count. */
  readonly tierMeasure: TierMeasure;
  /** Taker fee rate used for fee reserves and liquidation fees, as a fraction. */
  readonly takerFeeRate: number;
  /** Leverage assumed for isolated-margin allocation when neither the row nor a tier says. */
  readonly defaultLeverage: number;
  /** Inverse contract size in quote units when a row gives none (e.g. 100 USD for BTC). */
  defaultContractSize(symbol: string): number | null;
  /** Published rule pages this profile follows (cited in docs and tests). */
  readonly sources: readonly string[];
  readonly liquidation: LiquidationRules;
  /**
   * The key under which this venue's tier table for `symbol` is stored: aliases such as
   * `BTCUSDT` for OKX `BTC-USDT-SWAP` resolve here. A key with no table is an error naming the
   * symbol, never a silent default.
   */
  tierKey(symbol: string): string;
  /**
   * Compile this venue's maintenance rule for one position, given the tier table in force
   * (the default one, or the user's `--tiers`) and the margin mode it is evaluated in.
   */
  maintenanceSchedule(position: Position, table: TierTable, mode: MarginMode): MaintenanceSchedule;
  /**
   * Why `table` cannot give `position` a schedule (a size beyond its last tier), as a phrase; null
   * when it can. Checked before `maintenanceSchedule`, so the problem is an input issue on the
   * position's row, not a crash. Absent: every table covers every position.
   */
  coverageProblem?(position: Position, table: TierTable): string | null;
}
