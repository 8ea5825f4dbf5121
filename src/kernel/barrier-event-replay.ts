// A barrier pool's liquidation events, computed once and replayed. A barrier pool is liquidated at
// its threshold, not at the step's price, so what one event does to it (the fills, fees, bad
// debt, its new thresholds when it survives smaller) depends only on the pool's state before it
// and on the threshold: never on the path. Every path starts from the same state (step 0 is the
// same on every path, path-start.ts), so the pool's state after a given sequence of events is
// the same on every path that has it. Per pool, a tree of those sequences: its root is the state
// at the path's start, and a child is one more event (at threshold `at`, closing everything or
// not), holding the pool's and its members' values after it. The first path to take an edge runs
// the event (`barrierEvent`, the readable form) and records it; the next ones copy its values.
// What is the path's own is set here: the step of the first liquidation of the pool and of each
// member it liquidates for the first time (its PnL at the trigger is the recorded one: the
// trigger is the threshold), and the liquidation count.
//
// Written by an event, and so recorded: per pool liveness, cash, collateral scale, bad debt, and
// when it survives its event count, thresholds, survival factors and uniform thresholds (renewed:
// 1 and NaN); per member quantity, realised PnL, PnL at liquidation and bad debt. Caches the
// event may move (the members' bracket hints, the solver's scratch, the pool's exp of its last
// threshold) decide nothing. Events at step 0 (path-start.ts) start from the book, not from the
// path's start, so they always run; so do those of a pool of one position in a book of many
// pools (MIN_REPLAYED_MEMBERS, FEW_POOLS).

import type { BarrierReplay, ReplayNode } from './barrier-replay-types.js';
import type { KernelContext } from './kernel-context-types.js';
import { liquidatePool } from './liquidate-pool.js';
import { renewThresholds } from './monitor-thresholds.js';
import { singleAssetBarriers } from './single-asset-barriers.js';

/**
 * Members a pool has at least for its events to be replayed in a book of more than
 * FEW_POOLS pools: there a pool of one position (an isolated one) runs its event in about the time
 * a replay takes, and the records cost memory (measured: one account of 2,000 positions, most of
 * them isolated, 4,000 paths: 7 % more CPU replaying them).
 */
const MIN_REPLAYED_MEMBERS = 2;

/**
 * Pools a book has at most for the events of its one-position pools to be replayed too: their
 * trees stay small, and a replay (a few copies) spares the liquidation's code, which a short run
 * otherwise executes cold for its first thousand paths (one asset, four positions, 50,000 paths:
 * the first three blocks 0.90 of the time, paired in process; the output the same).
 */
const FEW_POOLS = 64;

/**
 * Recorded at most per kernel context: nodes, and member values (a node keeps four per member of
 * its pool, so 2^18 of them hold 8 MiB); past either, events run unrecorded.
 */
const MAX_REPLAY_NODES = 4096;
const MAX_REPLAY_MEMBER_VALUES = 1 << 18;

/** An empty replay for `poolCount` pools. */
export function createBarrierReplay(poolCount: number): BarrierReplay {
  return {
    minMembers: poolCount <= FEW_POOLS ? 1 : MIN_REPLAYED_MEMBERS,
    roots: Array.from({ length: poolCount }, () => []),
    current: new Array<ReplayNode | null>(poolCount).fill(null),
    stamp: new Int32Array(poolCount).fill(-1),
    path: 0,
    nodes: 0,
    memberValues: 0,
  };
}

/** A path starts (or starts again): every pool is at its path-start state. */
export function startBarrierReplayPath(replay: BarrierReplay): void {
  replay.path = replay.path === 0x7fffffff ? 0 : replay.path + 1;
  if (replay.path === 0) replay.stamp.fill(-1);
}

/**
 * One liquidation event of barrier pool `pool` (asset `asset`) at threshold `at` (the trigger
 * factor already in `state.triggerFactor`), in step `step`: liquidatePool, then, when the pool
 * survives smaller, its new thresholds from there. Returns whether it survives.
 */
export function barrierEvent(ctx: KernelContext, pool: number, asset: number, at: number, step: number, closeAll: boolean): boolean {
  const st = ctx.state;
  if (!liquidatePool(ctx, pool, st.triggerFactor, step, closeAll)) return false;
  singleAssetBarriers(ctx, pool, asset, at);
  st.poolBarrierLow[pool] = st.barrierOut[0]!;
  st.poolBarrierHigh[pool] = st.barrierOut[1]!;
  renewThresholds(ctx, pool);
  return true;
}

/** `barrierEvent`, copied from the pool's tree when this edge was recorded, else run and recorded. */
export function replayBarrierEvent(ctx: KernelContext, pool: number, asset: number, at: number, step: number, closeAll: boolean): boolean {
  const replay = ctx.barrierReplay;
  if (step === 0 || ctx.book.poolMemberStart[pool + 1]! - ctx.book.poolMemberStart[pool]! < replay.minMembers) return barrierEvent(ctx, pool, asset, at, step, closeAll);
  let siblings: ReplayNode[];
  if (replay.stamp[pool] !== replay.path) {
    siblings = replay.roots[pool]!;
    replay.stamp[pool] = replay.path;
  } else {
    const parent = replay.current[pool]!;
    if (parent === null) return barrierEvent(ctx, pool, asset, at, step, closeAll);
    siblings = parent.children;
  }
  for (let c = 0; c < siblings.length; c++) {
    const node = siblings[c]!;
    if (node.at === at && node.closeAll === closeAll) {
      replay.current[pool] = node;
      return applyNode(ctx, pool, node, step);
    }
  }
  const members = ctx.book.poolMemberStart[pool + 1]! - ctx.book.poolMemberStart[pool]!;
  if (replay.nodes >= MAX_REPLAY_NODES || replay.memberValues + members > MAX_REPLAY_MEMBER_VALUES) {
    replay.current[pool] = null;
    return barrierEvent(ctx, pool, asset, at, step, closeAll);
  }
  const node = recordNode(ctx, pool, asset, at, step, closeAll);
  siblings.push(node);
  replay.nodes++;
  replay.memberValues += members;
  replay.current[pool] = node;
  return node.survived;
}

/** Run the event and keep what it left (see the file header). */
function recordNode(ctx: KernelContext, pool: number, asset: number, at: number, step: number, closeAll: boolean): ReplayNode {
  const book = ctx.book;
  const st = ctx.state;
  const kStart = book.poolMemberStart[pool]!;
  const n = book.poolMemberStart[pool + 1]! - kStart;
  const setsPoolStep = st.poolLiquidationStep[pool]! < 0;
  const memberFirst = new Uint8Array(n);
  for (let m = 0; m < n; m++) memberFirst[m] = st.memberLiquidationStep[kStart + m]! < 0 && st.memberQuantity[kStart + m] !== 0 ? 1 : 0;
  const survived = barrierEvent(ctx, pool, asset, at, step, closeAll);
  return {
    at,
    closeAll,
    survived,
    setsPoolStep,
    alive: st.poolAlive[pool]!,
    cash: st.poolCash[pool]!,
    collateralScale: st.poolCollateralScale[pool]!,
    badDebt: st.poolBadDebt[pool]!,
    events: st.poolEvents[pool]!,
    barrierLow: st.poolBarrierLow[pool]!,
    barrierHigh: st.poolBarrierHigh[pool]!,
    memberFirst,
    memberQuantity: st.memberQuantity.slice(kStart, kStart + n),
    memberRealized: st.memberRealized.slice(kStart, kStart + n),
    memberPnlAtLiquidation: st.memberPnlAtLiquidation.slice(kStart, kStart + n),
    memberBadDebt: st.memberBadDebt.slice(kStart, kStart + n),
    children: [],
  };
}

/** The recorded event on this path: its values, this path's steps and the liquidation count. */
function applyNode(ctx: KernelContext, pool: number, node: ReplayNode, step: number): boolean {
  const book = ctx.book;
  const st = ctx.state;
  const kStart = book.poolMemberStart[pool]!;
  const n = node.memberFirst.length;
  st.counters[2]! += 1;
  if (node.setsPoolStep) st.poolLiquidationStep[pool] = step;
  st.poolAlive[pool] = node.alive;
  st.poolCash[pool] = node.cash;
  st.poolCollateralScale[pool] = node.collateralScale;
  st.poolBadDebt[pool] = node.badDebt;
  for (let m = 0; m < n; m++) {
    const k = kStart + m;
    if (node.memberFirst[m] === 1) {
      st.memberLiquidationStep[k] = step;
      st.memberPnlAtLiquidation[k] = node.memberPnlAtLiquidation[m]!;
    }
    st.memberQuantity[k] = node.memberQuantity[m]!;
    st.memberRealized[k] = node.memberRealized[m]!;
    st.memberBadDebt[k] = node.memberBadDebt[m]!;
  }
  if (!node.survived) return false;
  st.poolEvents[pool] = node.events;
  st.poolBarrierLow[pool] = node.barrierLow;
  st.poolBarrierHigh[pool] = node.barrierHigh;
  st.poolSurvivalLow[pool] = 1;
  st.poolSurvivalHigh[pool] = 1;
  st.poolThresholdLow[pool] = NaN;
  st.poolThresholdHigh[pool] = NaN;
  return true;
}
