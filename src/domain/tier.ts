// Maintenance-margin tiers (risk brackets) as data: the Binance bracket convention that the
// contract fixes for tiers.csv, with the unit the bracket bounds are counted in.

/**
 * One bracket. A position whose bracket measure M satisfies `floor <= M < cap` has maintenance
 * margin `notional * maintenanceMarginRate - maintenanceAmount`.
 */
export interface Tier {
  /** Lower bound of the bracket, inclusive (settlement-asset notional, or position size). */
  readonly floor: number;
  /** Upper bound of the bracket, exclusive; Infinity for the last one. */
  readonly cap: number;
  /** Maintenance margin rate as a fraction (0.004 = 0.4 %). */
  readonly maintenanceMarginRate: number;
  /** Maintenance amount ("cum", "deduction") in the settlement asset. */
  readonly maintenanceAmount: number;
  /** Highest leverage allowed in this bracket. */
  readonly maxLeverage: number;
  /** Initial margin rate as a fraction, when the venue publishes one (else 1 / maxLeverage). */
  readonly initialMarginRate: number | null;
  /** Liquidation (clearance) fee rate on liquidated notional, when known. */
  readonly liquidationFeeRate: number | null;
}

/**
 * What a tier's bounds count: settlement-asset notional (Binance, Bybit, Hyperliquid), or the
 * position size (OKX counts contracts; stored here converted to the position's own size unit:
 * base units for linear, contracts for inverse), which does not move with price.
 */
export type TierMeasure = 'notional' | 'size';

/**
 * Where a table in force comes from: the bundled data files (dated snapshots), a venue export given
 * with the positions (the account's own brackets), or derived from one position's maintenance
 * margin as the export reports it (one bracket frozen at the current notional). Absent: the
 * user's `--tiers` file.
 */
type TierOrigin = 'bundled' | 'export' | 'derived';

/** The tiers of one symbol on one venue, sorted by floor, contiguous, with provenance. */
export interface TierTable {
  readonly symbol: string;
  readonly measure: TierMeasure;
  readonly tiers: readonly Tier[];
  /** Where the figures come from (URL or file) and when they were taken. */
  readonly source: string;
  readonly snapshotDate: string;
  /** Where the table comes from; absent for the user's `--tiers` file. */
  readonly origin?: TierOrigin;
}
