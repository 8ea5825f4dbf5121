// Who shares collateral with whom in cross, resolved once before the path loop: each position's
// cross pool as an integer, the pools' members as compressed lists, and each position's
// unrealised PnL now (the start of every path's drawdown). Built from the kernel's compiled
// book (Monte Carlo, replays) or from the reference engine's cross pools (deterministic stress).

import type { CompiledBook } from '../kernel/compiled-book.js';
import { MODE_CROSS } from '../kernel/path-record.js';
import type { Pool } from '../margin/pool.js';
import { unrealizedPnlSettlement } from '../margin/position-risk.js';

export interface ContagionLayout {
  readonly positionCount: number;
  readonly positionIds: readonly string[];
  /** Index of the position's cross pool (one pool per account and settlement asset). */
  readonly crossPool: Int32Array;
  /** Positions of cross pool i are `poolMembers[poolMemberStart[i] .. poolMemberStart[i + 1])`. */
  readonly poolMemberStart: Int32Array;
  readonly poolMembers: Int32Array;
  /** Unrealised PnL at the marks now, settlement asset. */
  readonly pnlNow: Float64Array;
}

/** Lay out `positionIds` grouped by `crossPool` (any integers 0..pools-1). */
export function contagionLayout(positionIds: readonly string[], crossPool: Int32Array, pnlNow: Float64Array): ContagionLayout {
  const n = positionIds.length;
  if (crossPool.length !== n || pnlNow.length !== n) {
    throw new Error(`contagionLayout: ${n} positions but ${crossPool.length} pool indices and ${pnlNow.length} PnLs`);
  }
  let pools = 0;
  for (let j = 0; j < n; j++) {
    const pool = crossPool[j]!;
    if (!(pool >= 0)) throw new Error(`contagionLayout: position ${positionIds[j]} has no cross pool (${pool})`);
    if (pool + 1 > pools) pools = pool + 1;
  }
  const poolMemberStart = new Int32Array(pools + 1);
  for (let j = 0; j < n; j++) poolMemberStart[crossPool[j]! + 1]! += 1;
  for (let i = 0; i < pools; i++) poolMemberStart[i + 1]! += poolMemberStart[i]!;
  const poolMembers = new Int32Array(n);
  const fill = poolMemberStart.slice(0, pools);
  for (let j = 0; j < n; j++) poolMembers[fill[crossPool[j]!]!++] = j;
  return { positionCount: n, positionIds, crossPool, poolMemberStart, poolMembers, pnlNow };
}

/** The layout of a compiled account (positions in the book's order, its cross-mode pools). */
export function contagionLayoutOfBook(book: CompiledBook): ContagionLayout {
  const n = book.positionCount;
  const crossPool = new Int32Array(n);
  const first = book.modePoolStart[MODE_CROSS]!;
  for (let j = 0; j < n; j++) crossPool[j] = book.memberPool[book.positionMember[MODE_CROSS * n + j]!]! - first;
  return contagionLayout(book.positionIds, crossPool, Float64Array.from(book.positionPnl0));
}

/**
 * The layout of positions `positionIds` (in that order) from the cross pools of the reference
 * engine (`buildModePools('cross', …).pools`). Throws when a position is in no pool.
 */
export function contagionLayoutOfPools(positionIds: readonly string[], crossPools: readonly Pool[]): ContagionLayout {
  const index = new Map<string, number>();
  positionIds.forEach((id, j) => index.set(id, j));
  const crossPool = new Int32Array(positionIds.length).fill(-1);
  const pnlNow = new Float64Array(positionIds.length);
  crossPools.forEach((pool, i) => {
    for (const m of pool.members) {
      const j = index.get(m.position.positionId);
      if (j === undefined) continue;
      crossPool[j] = i;
      pnlNow[j] = unrealizedPnlSettlement(m.position, m.position.markPrice);
    }
  });
  return contagionLayout(positionIds, crossPool, pnlNow);
}
