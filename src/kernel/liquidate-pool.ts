// Liquidation execution for one pool of the compiled book, as its venues do it: full, or partial
// in slices until the pool is healthy again; a liquidation fee on the closed notional; fills at
// the trigger price moved against the position by the slippage; and, when the pool's equity
// ends below zero, bad debt borne by the venue (the user never loses more than the pool held).
//
// Rules (per member, from its venue's LiquidationRules and schedule; the slice and backstop rule
// itself is liquidation-slice.ts, shared with the cascade's rounds):
//   slice:     close fraction φ of each open member (φ = 1 for full liquidation) at
//              fill = p* (1 − side · slippage); realised PnL at the fill, fee = liquidationFeeRate ×
//              notional at the fill; then re-check h = equity − maintenance at the trigger prices p*.
//              Repeat until h > 0 (the pool survives, smaller) or every member is closed. After
//              MAX_SLICES slices, or once a member is below DUST_FRACTION of its original size, it is
//              closed in full.
//   backstop:  when equity < backstopFraction × maintenance (Hyperliquid: 2/3), the venue takes
//              every position and the pool's equity: the user keeps nothing, the venue absorbs any
//              deficit; the forfeited equity is booked against the members pro rata to their
//              maintenance margin.
//   bad debt:  once every member is closed, equity = cash + collateral. Below zero, the deficit
//              D = −equity splits into the waived fee W = min(D, F) (F = the fees charged in this
//              liquidation: the venue takes what is left, no more) and the bad debt B = D − W (the
//              fills beyond the bankruptcy price, borne by the venue); the collateral is seized and
//              the pool is left at zero. W is credited back to the members' realised PnL and B
//              attributed to them, each pro rata to their positive losses (so a position's loss net
//              of both never exceeds what its pool held).

import type { KernelContext } from './kernel-context-types.js';
import { backstopTakesPool, MAX_SLICES, sliceRemaining } from './liquidation-slice.js';
import { memberMaintenanceAt, memberPnlAt, poolCollateralAt, poolHealthAt } from './pool-health-kernel.js';

/**
 * Liquidate pool `pool` at the trigger price factors `factor` (where its health reached zero) in
 * step `step` (0 = liquidatable at the start). Records the first liquidation step of the pool and
 * of each member still open, with the member's unrealised PnL at the trigger. Returns true when
 * the pool survives (a partial liquidation restored its health), false when it is closed.
 * `closeAll`: close every member in full whatever the venue's rule (the caller's last resort
 * when a pool keeps being liquidated within one step).
 */
export function liquidatePool(ctx: KernelContext, pool: number, factor: Float64Array, step: number, closeAll = false): boolean {
  const book = ctx.book;
  const st = ctx.state;
  const kStart = book.poolMemberStart[pool]!;
  const kEnd = book.poolMemberStart[pool + 1]!;
  st.counters[2]! += 1;
  if (st.poolLiquidationStep[pool]! < 0) st.poolLiquidationStep[pool] = step;
  let backstop = 0;
  for (let k = kStart; k < kEnd; k++) {
    if (st.memberQuantity[k] === 0) continue;
    const j = book.memberPosition[k]!;
    if (st.memberLiquidationStep[k]! < 0) {
      st.memberLiquidationStep[k] = step;
      st.memberPnlAtLiquidation[k] = memberPnlAt(ctx, k, factor[book.positionAsset[j]!]!);
    }
    if (book.positionBackstopFraction[j]! > backstop) backstop = book.positionBackstopFraction[j]!;
  }
  const slip = ctx.slippageFraction;
  let fees = 0;
  for (let slice = 0; ; slice++) {
    // The health decides nothing at the first slice without a backstop rule: not evaluated then.
    if (slice > 0 || backstop > 0) {
      const health = poolHealthAt(ctx, pool, factor, null);
      if (slice > 0 && health > 0) return true;
      const equity = st.poolValues[0]!;
      const maintenance = st.poolValues[1]!;
      if (backstopTakesPool(equity, maintenance, backstop)) {
        forfeitToBackstop(ctx, pool, factor, equity, maintenance);
        return false;
      }
    }
    const last = closeAll || slice >= MAX_SLICES - 1;
    let open = false;
    for (let k = kStart; k < kEnd; k++) {
      const q = st.memberQuantity[k]!;
      if (q === 0) continue;
      const j = book.memberPosition[k]!;
      const remaining = sliceRemaining(q, book.positionQuantity[j]!, book.positionPartialFraction[j]!, last);
      const closed = q - remaining;
      const sign = book.positionSign[j]!;
      const entry = book.positionEntry[j]!;
      const fill = book.positionMark[j]! * factor[book.positionAsset[j]!]! * (1 - sign * slip);
      let pnl: number;
      let notional: number;
      if (book.positionInverse[j] === 1) {
        pnl = sign * closed * (1 / entry - 1 / fill);
        notional = closed / fill;
      } else {
        pnl = sign * closed * (fill - entry);
        notional = closed * fill;
      }
      const fee = book.scheduleLiquidationFeeRate[book.memberSchedule[k]!]! * notional;
      fees += fee;
      const net = pnl - fee;
      st.memberRealized[k]! += net;
      st.poolCash[pool]! += net;
      st.memberQuantity[k] = remaining;
      if (remaining > 0) open = true;
    }
    if (!open) {
      settleClosedPool(ctx, pool, factor, fees);
      return false;
    }
  }
}

/**
 * Every member closed: keep the equity if it is not negative, else waive the unpaid part of this
 * liquidation's `fees` (W = min(−equity, fees)) and book the rest as bad debt (B = −equity − W).
 */
function settleClosedPool(ctx: KernelContext, pool: number, factor: Float64Array, fees: number): void {
  const st = ctx.state;
  st.poolAlive[pool] = 0;
  const equity = st.poolCash[pool]! + poolCollateralAt(ctx, pool, factor);
  if (equity < 0) {
    st.poolCash[pool] = 0;
    st.poolCollateralScale[pool] = 0;
    const waived = Math.min(-equity, fees);
    const badDebt = -equity - waived;
    if (waived > 0) shareDeficit(ctx, pool, waived, st.memberRealized);
    if (badDebt > 0) {
      st.poolBadDebt[pool]! += badDebt;
      shareDeficit(ctx, pool, badDebt, st.memberBadDebt);
    }
  }
}

/** The backstop takes every position and the pool's equity (see the file header). */
function forfeitToBackstop(ctx: KernelContext, pool: number, factor: Float64Array, equity: number, maintenance: number): void {
  const book = ctx.book;
  const st = ctx.state;
  const kStart = book.poolMemberStart[pool]!;
  const kEnd = book.poolMemberStart[pool + 1]!;
  for (let k = kStart; k < kEnd; k++) {
    if (st.memberQuantity[k] === 0) continue;
    const f = factor[book.positionAsset[book.memberPosition[k]!]!]!;
    const pnl = memberPnlAt(ctx, k, f);
    const forfeited = equity > 0 && maintenance > 0 ? (equity * memberMaintenanceAt(ctx, k, f)) / maintenance : 0;
    st.memberRealized[k]! += pnl - forfeited;
    st.memberQuantity[k] = 0;
  }
  st.poolAlive[pool] = 0;
  st.poolCash[pool] = 0;
  st.poolCollateralScale[pool] = 0;
  if (equity < 0) {
    st.poolBadDebt[pool]! += -equity;
    shareDeficit(ctx, pool, -equity, st.memberBadDebt);
  }
}

/**
 * A deficit (bad debt into `into` = memberBadDebt, or a waived fee into `into` = memberRealized)
 * shared by the members in proportion to their positive losses (pnl0 − realised − bad debt).
 */
function shareDeficit(ctx: KernelContext, pool: number, badDebt: number, into: Float64Array): void {
  const book = ctx.book;
  const st = ctx.state;
  const kStart = book.poolMemberStart[pool]!;
  const kEnd = book.poolMemberStart[pool + 1]!;
  let total = 0;
  for (let k = kStart; k < kEnd; k++) {
    const drop = book.positionPnl0[book.memberPosition[k]!]! - st.memberRealized[k]! - st.memberBadDebt[k]!;
    if (drop > 0) total += drop;
  }
  if (!(total > 0)) return;
  const shared = Math.min(badDebt, total);
  for (let k = kStart; k < kEnd; k++) {
    const drop = book.positionPnl0[book.memberPosition[k]!]! - st.memberRealized[k]! - st.memberBadDebt[k]!;
    if (drop > 0) into[k]! += (shared * drop) / total;
  }
}
