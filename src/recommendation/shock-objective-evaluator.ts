// The reference `ObjectiveEvaluator`: a candidate evaluated by the margin engine on a small set
// of shock vectors (each asset's marks multiplied by a factor, at once). Per shock and pool:
//   prices    p_m = mark_m · factor(base asset of m); collateral scaled likewise
//   survives  when equity > maintenance at those prices: equity_after = equity there
//   liquidated otherwise: closed at those prices with the liquidation fee, the user keeping
//             equity_after = max(equity − fee, 0) (the rest is the venue's bad debt)
//   loss      Σ_pools rate · (equity_now − equity_after) + the change in value of free collateral
// with `rate` the quote value of one unit of the pool's settlement asset at today's marks (1 for
// a quote-settled pool), so losses of every candidate are in the same unit. A shock is a jump: no
// path in between, no partial liquidation. Enough to test a recommendation and to rank set-ups
// on named stress scenarios; the path kernel backs the same interface for Monte Carlo.

import type { AccountBook } from '../domain/account-book.js';
import { markOfAsset } from '../margin/account-collateral.js';
import type { MarginContext } from '../margin/evaluate-account.js';
import type { ModeName } from '../margin/evaluation.js';
import type { PathSamples } from './mode-objective.js';
import { poolValuationAtFactors, UNMOVED } from '../margin/pool-valuation.js';
import { modePoolsOf, prepareAccountOrThrow } from '../margin/prepared-account.js';

/** Factor on each base asset's marks (1 when an asset is not named). */
export type ShockVector = Readonly<Record<string, number>>;

/** A candidate to evaluate: an account book in one of its modes. */
export interface CandidateBook {
  readonly book: AccountBook;
  readonly mode: ModeName;
}

/** Given a candidate, its outcome on each of the common scenarios (same order for every call). */
export type ObjectiveEvaluator = (candidate: CandidateBook) => PathSamples;

/** The reference evaluator on `shocks` (throws on a candidate that cannot be evaluated). */
export function shockObjectiveEvaluator(context: MarginContext, shocks: readonly ShockVector[]): ObjectiveEvaluator {
  if (shocks.length === 0) throw new Error('shockObjectiveEvaluator: no shocks');
  for (const shock of shocks) {
    for (const [asset, factor] of Object.entries(shock)) {
      if (!(factor > 0) || !Number.isFinite(factor)) throw new Error(`shockObjectiveEvaluator: factor of ${asset} must be finite and > 0, got ${factor}`);
    }
  }
  return ({ book, mode }) => {
    const account = prepareAccountOrThrow(book, context, 'shockObjectiveEvaluator');
    const built = modePoolsOf(account, mode);
    const rate = (asset: string): number => markOfAsset(book.positions, asset) ?? 1;
    const pools = built.pools.map((pool) => ({ pool, rate: rate(pool.asset), equityNow: poolValuationAtFactors(pool, UNMOVED).equity }));
    const liquidated = new Uint8Array(shocks.length);
    const loss = new Float64Array(shocks.length);
    shocks.forEach((shock, s) => {
      const factor = (asset: string): number => shock[asset] ?? 1;
      let total = 0;
      for (const { pool, rate: r, equityNow } of pools) {
        const v = poolValuationAtFactors(pool, factor);
        let after = v.equity;
        if (v.liquidatable) {
          liquidated[s] = 1;
          after = Math.max(v.equity - v.liquidationFee, 0);
        }
        total += r * (equityNow - after);
      }
      for (const c of built.freeAssetCollateral) total += c.amount * c.priceSettlement * (1 - c.haircut) * (1 - factor(c.asset));
      loss[s] = total;
    });
    return { liquidated, loss };
  };
}
