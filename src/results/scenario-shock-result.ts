// What `evaluate --shock` produces per account and scenario: the three modes re-valued at the
// shocked marks, on the pools and margins of today (the isolated margins are not re-allocated
// after the move). Amounts are in the settlement asset named beside them; a mode's totals are in
// its `asset` (the single settlement asset, or the quote currency valued at the shocked marks).
//   loss     = equity now − equity after, floored at the pool's own equity: a pool cannot lose
//              more than it holds; the rest is badDebt (the venue's). Marked to the shocked
//              prices: liquidation fees and what a venue keeps on liquidation are not counted
//              (replay and simulate model the liquidation itself). Negative for a gain.
//   badDebt  = how far a pool's equity after falls below zero.

import type { ModeName } from '../margin/evaluation.js';
import type { ShockScenario } from '../scenarios/shocks/shock-scenario.js';

export interface ShockedPosition {
  readonly positionId: string;
  readonly symbol: string;
  readonly asset: string;
  /** The mark before and after the shock. */
  readonly markPrice: number;
  readonly shockedPrice: number;
  readonly move: number;
  readonly unrealizedPnl: number;
  readonly maintenanceMargin: number;
  /** Its pool is at or below maintenance at the shocked marks. */
  readonly liquidated: boolean;
  readonly poolId: string;
}

export interface ShockedPool {
  readonly poolId: string;
  readonly asset: string;
  readonly equityBefore: number;
  readonly equity: number;
  readonly maintenanceMargin: number;
  /** maintenanceMargin / equity; null when equity <= 0. */
  readonly marginRatio: number | null;
  readonly liquidated: boolean;
  readonly loss: number;
  readonly badDebt: number;
}

export interface ShockedMode {
  readonly mode: ModeName;
  /** Unit of the totals below. */
  readonly asset: string;
  readonly equityBefore: number;
  readonly equity: number;
  readonly maintenanceMargin: number;
  readonly marginRatio: number | null;
  /** Any pool liquidatable at the shocked marks. */
  readonly liquidated: boolean;
  readonly liquidatedPositions: readonly string[];
  readonly loss: number;
  readonly badDebt: number;
  readonly pools: readonly ShockedPool[];
  readonly positions: readonly ShockedPosition[];
}

export interface AccountShock {
  readonly scenario: ShockScenario;
  readonly modes: Readonly<Record<ModeName, ShockedMode>>;
}
