// The shape of a point-in-time evaluation: per account, the three margin modes side by side,
// each with its collateral pools and positions. Field names follow the public JSON contract
// (`marginscope/evaluate@1`); amounts are in the settlement asset named beside them.

import type { TotalConversion } from './total-conversions.js';
import type { InstrumentKind, MarginMode, Side } from '../domain/position.js';
import type { VenueName } from '../domain/venue-name.js';

/** The three modes every account is evaluated in, on the same total capital. */
export const MODE_NAMES = ['exported', 'isolated', 'cross'] as const;
export type ModeName = (typeof MODE_NAMES)[number];

/** How cross collateral is split into isolated margins in the `isolated` mode. */
export type AllocationPolicy = 'leverage' | 'notional' | 'equal-risk';

/** Fractional move of marks, e.g. 0.12 = 12 %; null when no move in that direction liquidates. */
export interface UniformMove {
  /** Smallest x such that every mark times (1 - x) liquidates the pool. */
  readonly down: number | null;
  /** Smallest x such that every mark times (1 + x) liquidates the pool. */
  readonly up: number | null;
}

export interface PositionEvaluation {
  readonly positionId: string;
  readonly symbol: string;
  readonly side: Side;
  /** Base units (linear) or contracts (inverse), as in the input. */
  readonly size: number;
  readonly instrument: InstrumentKind;
  readonly venue: VenueName;
  /** Margin mode of the position in this evaluation mode. */
  readonly marginMode: MarginMode;
  /** Settlement asset of every amount below. */
  readonly asset: string;
  readonly entryPrice: number;
  readonly markPrice: number;
  /** Position value at the mark, settlement asset. */
  readonly notional: number;
  /** Collateral backing it: its isolated margin, or the shared pool's collateral in cross. */
  readonly margin: number;
  readonly unrealizedPnl: number;
  readonly maintenanceMargin: number;
  /** Leverage in force (row, else venue default) used for allocation. */
  readonly leverage: number;
  /** Mark of this symbol at which it is liquidated, other marks unchanged; null if none exists. */
  readonly liquidationPrice: number | null;
  /** liquidationPrice / markPrice - 1; null when liquidationPrice is null. */
  readonly distanceToLiquidation: number | null;
  /** The pool this position draws on (see PoolEvaluation.poolId). */
  readonly poolId: string;
}

/** A collateral pool: a whole account per settlement asset in cross, one position in isolated. */
export interface PoolEvaluation {
  readonly poolId: string;
  readonly marginMode: MarginMode;
  readonly asset: string;
  readonly positionIds: readonly string[];
  /** Wallet balance (cross) or posted margin (isolated), before unrealised PnL. */
  readonly collateral: number;
  /** collateral + unrealised PnL of its positions. */
  readonly equity: number;
  readonly maintenanceMargin: number;
  /** maintenanceMargin / equity; null when equity <= 0 (the pool is beyond liquidation). */
  readonly marginRatio: number | null;
  /** equity <= maintenanceMargin now. */
  readonly liquidatable: boolean;
  readonly uniformMoveToLiquidation: UniformMove;
}

/** Margin a position received in the `isolated` mode, and where it came from. */
export interface AllocationEntry {
  readonly positionId: string;
  readonly asset: string;
  /** The margin the row had (isolated) or null (was cross). */
  readonly exportedMargin: number | null;
  /** Margin it holds in the `isolated` mode. */
  readonly margin: number;
  /** Policy that sized it, or `exported` when the row was already isolated. */
  readonly policy: AllocationPolicy | 'exported';
  /** Pro-rata factor applied when the wallet could not cover every allocation (1 = none). */
  readonly scale: number;
  /**
   * The margin that keeps it above maintenance isolated at the current marks:
   * max(MM(mark) − uPnL(mark), 0), settlement asset (allocation.ts funds a part in a billion more).
   */
  readonly maintenanceFloor: number;
  /** Its margin covers the floor: not liquidatable at once in the `isolated` mode. */
  readonly standing: boolean;
}

export interface ModeEvaluation {
  readonly mode: ModeName;
  /** Asset of the mode totals: the single settlement asset, or the quote currency when mixed. */
  readonly asset: string;
  readonly equity: number;
  readonly maintenanceMargin: number;
  /** maintenanceMargin / equity; null when equity <= 0. */
  readonly marginRatio: number | null;
  /** Totals valued in the quote currency at marks (same as above for a single linear pool). */
  readonly quoteAsset: string;
  readonly equityQuote: number;
  readonly maintenanceMarginQuote: number;
  /** Wallet not posted to any position (isolated mode) and touched by no liquidation. */
  readonly freeBalance: number;
  /** Other assets counted in the totals above, and at what price (total-conversions.ts); absent or empty when none. */
  readonly conversions?: readonly TotalConversion[];
  /** Any pool liquidatable at current marks. */
  readonly liquidatable: boolean;
  /** Smallest uniform move of all marks that liquidates any pool of this mode. */
  readonly uniformMoveToLiquidation: UniformMove;
  readonly pools: readonly PoolEvaluation[];
  /** Riskiest first (smallest absolute distance to liquidation). */
  readonly positions: readonly PositionEvaluation[];
}

/** A tier table an account's positions were evaluated with, and where it comes from. */
export interface TierTableUse {
  readonly venue: VenueName;
  /** The table's key (the venue's name for the contract). */
  readonly key: string;
  /** The account's symbols that use it, as written. */
  readonly symbols: readonly string[];
  /** `bundled` (data/tiers), `export` (a venue export given with the positions), `derived` (from the venue's own maintenance margin of the position), `tiers-file` (`--tiers`). */
  readonly origin: 'bundled' | 'export' | 'derived' | 'tiers-file';
  readonly source: string;
  /** The snapshot date as the source gives it ('' when it gives none). */
  readonly snapshotDate: string;
}

export interface AccountEvaluation {
  readonly account: string;
  readonly modes: Readonly<Record<ModeName, ModeEvaluation>>;
  /** Allocation used to build the `isolated` mode (the contract asks it be shown). */
  readonly allocation: readonly AllocationEntry[];
  readonly allocationPolicy: AllocationPolicy;
  /** Plain-words warnings, e.g. allocations scaled down pro rata. */
  readonly warnings: readonly string[];
  /**
   * Whether any cross-wallet collateral was given for the account (by `--balances`, `--wallet` or
   * the export's own wallet); false: evaluated on an empty wallet. Set by the evaluate flow.
   */
  readonly collateralGiven?: boolean;
  /** The tier tables in force for the account's positions, with their snapshot dates. Set by the evaluate flow. */
  readonly tierTables?: readonly TierTableUse[];
}
