// The path's outcome at the horizon, per computed mode: its loss, bad debt and first liquidation
// step, and each member's loss, from the state the path's steps left (path-kernel.ts `runPath`).
//
//   loss_m   = Σ_pools (equity0_i − equity_i) × rate_i + Σ_free value0_e (1 − factor_a(e))
//   equity_i = cash_i + collateral_i(factor) + Σ_members PnL_k(factor)
//   loss_k   = pnl0_k − realised_k − PnL_k(factor) − badDebt_k
//   badDebt_m = Σ_pools badDebt_i × rate_i;   first_m = min over pools of the first liquidation step
//
// with factor_a = exp(cumulative log return of asset a) and PnL_k at the member's current
// quantity (0 once closed). The same operations, in the same order, as `memberPnlAt` and
// `poolCollateralAt` (pool-health-kernel.ts), over the member table's columns (member-table.ts:
// the position's fields by member, one load instead of two) held in locals.

import { NO_ASSET } from './compiled-book.js';
import type { KernelContext } from './kernel-context-types.js';
import { poolCollateralAt } from './pool-health-kernel.js';

/** Per computed mode `pathLoss`, `pathBadDebt`, `pathFirstStep`, per member `memberLoss` (see the file header). */
export function horizonOutcomes(ctx: KernelContext): void {
  const book = ctx.book;
  const st = ctx.state;
  const nA = book.assetCount;
  const modeCount = book.modeNames.length;
  const factor = st.factor;
  for (let a = 0; a < nA; a++) factor[a] = Math.exp(st.cumulative[a]!);
  const quantity = st.memberQuantity;
  const realized = st.memberRealized;
  const memberBadDebt = st.memberBadDebt;
  const memberLoss = st.memberLoss;
  const poolCash = st.poolCash;
  const collateralScale = st.poolCollateralScale;
  const poolBadDebt = st.poolBadDebt;
  const poolStep = st.poolLiquidationStep;
  const memberStart = book.poolMemberStart;
  const { asset, pnl0, mark, entry: entryPrice, sign, inverse } = ctx.members;
  const poolEquity0 = book.poolEquity0;
  const poolRate = book.poolRate;
  for (let m = 0; m < modeCount; m++) {
    if (ctx.computeMode[m] === 0) continue;
    let loss = 0;
    let badDebt = 0;
    let first = -1;
    for (let i = book.modePoolStart[m]!, iEnd = book.modePoolStart[m + 1]!; i < iEnd; i++) {
      let equity = poolCash[i]! + (collateralScale[i] === 0 ? 0 : poolCollateralAt(ctx, i, factor));
      for (let k = memberStart[i]!, kEnd = memberStart[i + 1]!; k < kEnd; k++) {
        const q = quantity[k]!;
        let pnl = 0;
        if (q !== 0) {
          const price = mark[k]! * factor[asset[k]!]!;
          const entry = entryPrice[k]!;
          pnl = inverse[k] === 1 ? sign[k]! * q * (1 / entry - 1 / price) : sign[k]! * q * (price - entry);
        }
        equity += pnl;
        memberLoss[k] = pnl0[k]! - realized[k]! - pnl - memberBadDebt[k]!;
      }
      loss += (poolEquity0[i]! - equity) * poolRate[i]!;
      badDebt += poolBadDebt[i]! * poolRate[i]!;
      const s = poolStep[i]!;
      if (s >= 0 && (first < 0 || s < first)) first = s;
    }
    for (let e = book.modeFreeStart[m]!; e < book.modeFreeStart[m + 1]!; e++) {
      const a = book.freeAsset[e]!;
      if (a !== NO_ASSET) loss += book.freeValue0[e]! * (1 - factor[a]!);
    }
    st.pathLoss[m] = loss;
    st.pathBadDebt[m] = badDebt;
    st.pathFirstStep[m] = first;
  }
}
