// A collateral pool: the unit that is liquidated. Cross = one pool per account and settlement
// asset; isolated = one pool per position. Isolated and cross share every formula; the mode only
// decides which positions and which collateral go into which pool (the dYdX subaccount model).

import type { MaintenanceSchedule } from '../domain/maintenance-schedule.js';
import type { MarginMode, Position } from '../domain/position.js';

/** A position in a pool with its venue's maintenance rule compiled for this pool's mode. */
export interface PoolMember {
  readonly position: Position;
  readonly schedule: MaintenanceSchedule;
}

/**
 * Collateral held in an asset other than the pool's settlement asset (e.g. BTC in a USDT pool),
 * counted at `amount * price * (1 - haircut)`. Its price moves with the mark of any position on
 * the same base asset.
 */
export interface AssetCollateral {
  readonly asset: string;
  readonly amount: number;
  /** Price of one unit in the pool's settlement asset now. */
  readonly priceSettlement: number;
  /** Fraction of value not counted (0.05 = counts at 95 %). */
  readonly haircut: number;
}

export interface Pool {
  readonly poolId: string;
  readonly account: string;
  readonly marginMode: MarginMode;
  /** Settlement asset of every amount in the pool. */
  readonly asset: string;
  /** Wallet balance (cross) or posted margin (isolated), in the settlement asset. */
  readonly cashCollateral: number;
  readonly assetCollateral: readonly AssetCollateral[];
  readonly members: readonly PoolMember[];
}
