// The shape of a kernel context's barrier-event replay (barrier-event-replay.ts): per barrier pool,
// the tree of the liquidation events recorded on earlier paths, and where the pool is in it on the
// current path. Types only, so that the context's shape (kernel-context-types.ts) can name it.

/** One event from its parent's state: its key (`at`, `closeAll`) and the pool's values after it. */
export interface ReplayNode {
  readonly at: number;
  readonly closeAll: boolean;
  readonly survived: boolean;
  /** The event is the pool's first liquidation on the path (sets its first step). */
  readonly setsPoolStep: boolean;
  readonly alive: number;
  readonly cash: number;
  readonly collateralScale: number;
  readonly badDebt: number;
  readonly events: number;
  readonly barrierLow: number;
  readonly barrierHigh: number;
  /** Per member of the pool (from its first): 1 when the event is its first liquidation. */
  readonly memberFirst: Uint8Array;
  readonly memberQuantity: Float64Array;
  readonly memberRealized: Float64Array;
  readonly memberPnlAtLiquidation: Float64Array;
  readonly memberBadDebt: Float64Array;
  readonly children: ReplayNode[];
}

/** Per kernel context: the pools' trees and where each pool is in its tree on the current path. */
export interface BarrierReplay {
  /** Members a pool has at least for its events to be replayed (1 or 2, by the book's pool count). */
  readonly minMembers: number;
  /** Per pool, the events from the path's start (the root's children). */
  readonly roots: ReplayNode[][];
  /** Per pool, the node of its last event on path `stamp[pool]` (null: not recorded). */
  readonly current: (ReplayNode | null)[];
  readonly stamp: Int32Array;
  /** The current path's number (`startBarrierReplayPath`). */
  path: number;
  /** Nodes recorded, and the member values they hold (one per member of each node's pool). */
  nodes: number;
  memberValues: number;
}
