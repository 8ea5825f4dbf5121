// The kernel context's shape: everything the path kernel touches, allocated once per run (or per
// worker) by `createKernelContext` (kernel-context.ts). Types only: the pool evaluators, the
// monitors and the path kernel name the context here rather than next to its factory (which
// imports the path scan), so the kernel's imports form no cycle.

import type { BarrierReplay } from './barrier-replay-types.js';
import type { CompiledBook } from './compiled-book.js';
import type { KernelOptions } from './kernel-options.js';
import type { KernelState, PathResetValues, PathStart } from './kernel-state.js';
import type { MemberTable } from './member-table.js';
import type { GradientScan } from './gradient-scan.js';
import type { PathScan } from './path-scan.js';

/**
 * The start values of most per-path arrays, as block copies (`resetPath`): the arrays the
 * kernel keeps in JavaScript are views of one f64 and one i32 block, which lie one after the
 * other on one buffer (`bytes`, both blocks), and the path scan's pool arrays one block of its
 * memory (`PathScan.poolBlock`).
 */
export interface PathReset {
  /** The f64 block then the i32 block, as bytes: what `resetPath` copies. */
  readonly bytes: Uint8Array;
  readonly f64: Float64Array;
  readonly i32: Int32Array;
  readonly scanPools: Uint8Array;
  /** The book's start (before step 0). */
  readonly start: PathResetValues;
}

/** What one run of the path kernel works on (see the file header); `state` changes per path. */
export interface KernelContext {
  readonly book: CompiledBook;
  readonly options: KernelOptions;
  /** slippageBps / 10 000. */
  readonly slippageFraction: number;
  /** Bridge correction on (continuous monitoring and no bars). */
  readonly bridge: boolean;
  readonly nSteps: number;
  /** Column of each book asset in the path buffer. */
  readonly assetColumn: Int32Array;
  readonly columnCount: number;
  /** Baseline per-step variance of each book asset, its square root, and the covariance (nA × nA). */
  readonly assetVariance: Float64Array;
  readonly assetSd: Float64Array;
  readonly assetCovariance: Float64Array;
  /** 1 for modes computed, 0 for modes copied from an identical earlier mode. */
  readonly computeMode: Uint8Array;
  /** Path buffers in the source's layout: `[step * columnCount + column]`. */
  readonly logReturns: Float64Array;
  readonly stepVarianceScale: Float64Array;
  /** Bars: ln(low / previous close) and ln(high / previous close), same layout; empty if none. */
  readonly barLow: Float64Array;
  readonly barHigh: Float64Array;
  readonly hasBars: boolean;
  /** Track each mode's account equity at every step end (replays: `minEquity`). */
  readonly trackEquity: boolean;
  /** Skip exact evaluation of gradient pools while a crossing is provably negligible. */
  readonly lazy: boolean;
  readonly members: MemberTable;
  /** Bound on the jumps of a pool's maintenance at bracket floors (0 for continuous tables). */
  readonly poolJump: Float64Array;
  /** The amounts a pool's health sums at the marks (|equity|, cash, q (mark + entry), collateral): the scale of its rounding. */
  readonly poolRoundingScale: Float64Array;
  /** Live-mode barrier pools by asset: barrierPools[barrierPoolStart[a] .. barrierPoolStart[a+1]). */
  readonly barrierPoolStart: Int32Array;
  readonly barrierPools: Int32Array;
  /** Live-mode gradient pools. */
  readonly gradientPools: Int32Array;
  readonly state: KernelState;
  /** The path buffers' WebAssembly memory and the step loops that run on it (path-scan.ts). */
  readonly scan: PathScan;
  /** The gradient pools' step loop on the same memory (gradient-scan.ts). */
  readonly gradientScan: GradientScan;
  /** What `resetPath` restores: each member's quantity and each pool's liveness at the start. */
  readonly initialMemberQuantity: Float64Array;
  readonly initialPoolAlive: Uint8Array;
  readonly pathReset: PathReset;
  /** The state after step 0, the same on every path, kept by the path kernel (path-kernel.ts). */
  readonly pathStart: PathStart;
  /** Barrier pools' liquidation events recorded on earlier paths (barrier-event-replay.ts). */
  readonly barrierReplay: BarrierReplay;
}
