// A pool's evaluation kept for the account's next modes: a position isolated in the export has the
// same isolated pool in the `exported` and `isolated` modes (one object, mode-pools.ts), and a
// settlement asset with no isolated rows has the same cross pool in the `exported` and `cross`
// modes. A pool's evaluation (its figures, its positions' rows and liquidation prices) reads
// nothing but the pool's contents (members and their schedules, collateral, asset), so a later
// mode whose pool has the same contents takes the earlier mode's evaluation objects as they are
// (they are never written to): same numbers, and no second search.

import type { PoolEvaluation, PositionEvaluation } from './evaluation.js';
import type { Pool } from './pool.js';

/** Same id, mode, asset, cash (Object.is), collateral entries and members (position and schedule objects). */
export function samePoolContents(a: Pool, b: Pool): boolean {
  if (a === b) return true;
  if (a.poolId !== b.poolId || a.account !== b.account || a.marginMode !== b.marginMode || a.asset !== b.asset) return false;
  if (!Object.is(a.cashCollateral, b.cashCollateral)) return false;
  if (a.assetCollateral.length !== b.assetCollateral.length || a.members.length !== b.members.length) return false;
  for (let i = 0; i < a.assetCollateral.length; i++) if (a.assetCollateral[i] !== b.assetCollateral[i]) return false;
  for (let i = 0; i < a.members.length; i++) {
    if (a.members[i]!.position !== b.members[i]!.position || a.members[i]!.schedule !== b.members[i]!.schedule) return false;
  }
  return true;
}

/** Pools kept before the isolated pools are also looked up through a Map (a linear scan below). */
const SCAN_LIMIT = 32;

/**
 * One account's evaluated pools, across its modes: isolated pools by object (a repeated one is
 * the same object), cross pools by id (each mode builds its own) with their contents compared.
 * Held in flat arrays reused from account to account (`reset`), the positions' evaluations of
 * every kept pool one after another: an account's evaluation kept a Map pair, a record and a
 * copy of the positions per pool. The isolated mode asks for the exported mode's isolated pools
 * in the order they were kept, so a cursor answers it without a search.
 */
export class AccountPoolEvaluations {
  #pools: Pool[] = [];
  #evaluations: PoolEvaluation[] = [];
  /** Kept pool i's positions are #positions[#starts[i], #starts[i + 1]). */
  #starts: number[] = [0];
  #positions: PositionEvaluation[] = [];
  #count = 0;
  #positionCount = 0;
  /** Where the next isolated pool asked for is expected among the kept ones. */
  #isolatedCursor = 0;
  /** The kept isolated pools by object, once more than SCAN_LIMIT pools are kept. */
  #isolatedIndex: Map<Pool, number> | null = null;

  /** Forget every pool kept (the arrays stay for the next account). */
  reset(): void {
    for (let i = 0; i < this.#count; i++) {
      this.#pools[i] = null as unknown as Pool;
      this.#evaluations[i] = null as unknown as PoolEvaluation;
    }
    for (let i = 0; i < this.#positionCount; i++) this.#positions[i] = null as unknown as PositionEvaluation;
    this.#count = 0;
    this.#positionCount = 0;
    this.#isolatedCursor = 0;
    this.#isolatedIndex = null;
  }

  /** The index of an earlier pool with the same contents as `pool`, or -1. */
  find(pool: Pool): number {
    if (pool.marginMode !== 'cross') {
      let at = this.#isolatedCursor;
      while (at < this.#count && this.#pools[at]!.marginMode === 'cross') at++;
      if (at < this.#count && this.#pools[at] === pool) {
        this.#isolatedCursor = at + 1;
        return at;
      }
      if (this.#isolatedIndex !== null) return this.#isolatedIndex.get(pool) ?? -1;
      for (let i = 0; i < this.#count; i++) if (this.#pools[i] === pool) return i;
      return -1;
    }
    for (let i = this.#count - 1; i >= 0; i--) {
      const earlier = this.#pools[i]!;
      // The last kept with this id, as a Map by id would hold.
      if (earlier.marginMode === 'cross' && earlier.poolId === pool.poolId) return samePoolContents(earlier, pool) ? i : -1;
    }
    return -1;
  }

  /** The kept pool `index`'s evaluation. */
  evaluation(index: number): PoolEvaluation {
    return this.#evaluations[index]!;
  }

  /** Append the kept pool `index`'s positions' evaluations, in member order, to `into`. */
  pushPositions(index: number, into: PositionEvaluation[]): void {
    const end = this.#starts[index + 1]!;
    for (let i = this.#starts[index]!; i < end; i++) into.push(this.#positions[i]!);
  }

  /** Keep `pool`'s evaluation and its positions' evaluations, `positions[from, positions.length)`. */
  keep(pool: Pool, evaluation: PoolEvaluation, positions: readonly PositionEvaluation[], from: number): void {
    const i = this.#count++;
    this.#pools[i] = pool;
    this.#evaluations[i] = evaluation;
    for (let k = from; k < positions.length; k++) this.#positions[this.#positionCount++] = positions[k]!;
    this.#starts[i + 1] = this.#positionCount;
    if (pool.marginMode === 'cross') return;
    if (this.#isolatedIndex !== null) this.#isolatedIndex.set(pool, i);
    else if (this.#count > SCAN_LIMIT) {
      const index = new Map<Pool, number>();
      for (let k = 0; k < this.#count; k++) if (this.#pools[k]!.marginMode !== 'cross') index.set(this.#pools[k]!, k);
      this.#isolatedIndex = index;
    }
  }
}
