// One account laid out once as flat typed arrays (struct of arrays) for the path kernel: its
// positions, their maintenance schedules, and the collateral pools of the three margin modes,
// concatenated. Ids are integer indices here; strings are kept only as labels for the output.
// Plain data with no methods, so it can be posted to worker threads by structured clone.

import type { ModeName } from '../margin/evaluation.js';

/** Mode order everywhere in the kernel: index 0 exported, 1 isolated, 2 cross (MODE_NAMES). */
export const KERNEL_MODE_COUNT = 3;

/** Marker for "no asset" (collateral that does not move, a pool that is not single-asset). */
export const NO_ASSET = -1;

export interface CompiledBook {
  readonly account: string;
  /** Mode names in kernel order (`MODE_NAMES`). */
  readonly modeNames: readonly ModeName[];

  // ---- assets: distinct base assets of the account's positions, sorted by name ----
  readonly assetCount: number;
  readonly assetNames: readonly string[];

  // ---- positions (index j, in the order of the resolved account) ----
  readonly positionCount: number;
  readonly positionIds: readonly string[];
  readonly positionSymbols: readonly string[];
  /** Asset index of the position's base asset. */
  readonly positionAsset: Int32Array;
  /** +1 long, -1 short. */
  readonly positionSign: Float64Array;
  /** size × contract size: base units (linear) or quote value of the contracts (inverse). */
  readonly positionQuantity: Float64Array;
  readonly positionEntry: Float64Array;
  /** Mark price now, quote per base; the path moves it as mark × exp(cumulative log return). */
  readonly positionMark: Float64Array;
  /** 1 for inverse (coin-margined) contracts, 0 for linear. */
  readonly positionInverse: Uint8Array;
  /** Unrealised PnL at the mark now, settlement asset (reference `unrealizedPnlSettlement`). */
  readonly positionPnl0: Float64Array;
  /**
   * Fraction of the position the venue closes per liquidation step: 1 for full liquidation,
   * the venue's `partialFraction` when its style is partial (LiquidationRules).
   */
  readonly positionPartialFraction: Float64Array;
  /** Equity / maintenance ratio below which the venue's backstop takes everything; 0 if none. */
  readonly positionBackstopFraction: Float64Array;

  // ---- maintenance schedules: index 2j (cross) and 2j + 1 (isolated) ----
  readonly scheduleBracketStart: Int32Array;
  /** 1 when the schedule's bracket is fixed (`bracketsOn: 'fixed'`). */
  readonly scheduleBracketCount: Int32Array;
  readonly bracketFloor: Float64Array;
  readonly bracketRate: Float64Array;
  readonly bracketAmount: Float64Array;
  /** 1 when notional is measured at the entry price (`notionalBasis: 'entry'`). */
  readonly scheduleEntryBasis: Uint8Array;
  readonly scheduleFeeReserveRate: Float64Array;
  readonly scheduleFeeReserveAmount: Float64Array;
  readonly scheduleLiquidationFeeRate: Float64Array;

  // ---- pools of all three modes, concatenated: mode m owns pools modePoolStart[m] .. [m+1) ----
  readonly modePoolStart: Int32Array;
  /**
   * For each mode, the index of an earlier mode whose pools are identical (same members,
   * schedules and collateral), or -1. An identical mode has identical outcomes on every path,
   * so the kernel computes it once and copies; this is an optimisation, not a rule.
   */
  readonly modeAliasOf: Int32Array;
  readonly poolCount: number;
  readonly poolIds: readonly string[];
  readonly poolMode: Int32Array;
  /** Settlement asset of the pool. */
  readonly poolAssetNames: readonly string[];
  /** Index of the pool's settlement asset among the account's wallets (`walletNames`). */
  readonly poolWallet: Int32Array;
  /** 1 for an isolated pool (one position), 0 for a cross pool. */
  readonly poolIsolated: Uint8Array;
  /** Reporting-asset value of one unit of the pool's settlement asset (1 when they agree). */
  readonly poolRate: Float64Array;
  /** Cash collateral: wallet (cross) or posted margin (isolated), settlement asset. */
  readonly poolCash: Float64Array;
  /** Pool equity at the marks now (reference `poolEquity`), settlement asset. */
  readonly poolEquity0: Float64Array;
  /** equity − maintenance at the marks now (reference functions). */
  readonly poolHealth0: Float64Array;
  /** Members of pool i are members poolMemberStart[i] .. poolMemberStart[i+1]. */
  readonly poolMemberStart: Int32Array;
  /** Collateral entries of pool i are poolCollateralStart[i] .. poolCollateralStart[i+1]. */
  readonly poolCollateralStart: Int32Array;
  /**
   * The one asset every moving part of the pool depends on (a "barrier pool": every isolated
   * pool, and a cross pool on one asset), or NO_ASSET (a "gradient pool", several assets).
   */
  readonly poolBarrierAsset: Int32Array;
  /**
   * Barrier pools: the exact liquidation thresholds as log price factors of the barrier asset,
   * ln(f) with f from `healthRoots` (the solver behind `liquidationPrice`); -Infinity / +Infinity
   * when no price on that side liquidates. Unused for gradient pools.
   */
  readonly poolBarrierLow: Float64Array;
  readonly poolBarrierHigh: Float64Array;

  // ---- members (a position in a pool), all modes concatenated, grouped by pool ----
  readonly memberCount: number;
  readonly memberPosition: Int32Array;
  readonly memberSchedule: Int32Array;
  readonly memberPool: Int32Array;
  /** Member index of position j in mode m: positionMember[m * positionCount + j]. */
  readonly positionMember: Int32Array;

  // ---- collateral held in an asset other than the pool's settlement asset ----
  /** Asset index it moves with, or NO_ASSET when no position of the account is on it. */
  readonly collateralAsset: Int32Array;
  /** amount × price × (1 − haircut) now, in the pool's settlement asset. */
  readonly collateralValue0: Float64Array;

  // ---- per mode: balance no liquidation touches ----
  /** Free cash now, reporting asset (constant along the path). */
  readonly modeFreeCash: Float64Array;
  /** Free asset collateral of mode m: entries modeFreeStart[m] .. modeFreeStart[m+1]. */
  readonly modeFreeStart: Int32Array;
  readonly freeAsset: Int32Array;
  /** Value now in the reporting asset (amount × price × (1 − haircut) × rate). */
  readonly freeValue0: Float64Array;
  /** Account equity now per mode, reporting asset: pools + free cash + free collateral. */
  readonly modeEquity0: Float64Array;

  /** Settlement assets that hold pools, sorted (wallet index → name). */
  readonly walletNames: readonly string[];
  /** The asset account-level amounts are expressed in. */
  readonly reportingAsset: string;
  readonly warnings: readonly string[];
}
