// The few numbers of one account the batch summary shows and ranks by: equity, each mode's margin
// ratio, uniform move to liquidation and liquidatable flag. Small enough that a batch of 100,000
// accounts can keep one per account while the full evaluations stream past.

import { MODE_NAMES, type AccountEvaluation, type ModeName } from '../../margin/evaluation.js';
import { assertAllFinite } from '../format/find-non-finite.js';
import type { PerMode } from './report-model.js';

/** Risk of one mode of an account. */
export interface ModeRisk {
  /** Maintenance margin / equity; null when equity <= 0. */
  readonly marginRatio: number | null;
  readonly maintenanceMargin: number;
  readonly liquidatable: boolean;
  /** Smallest uniform fall of all marks (fraction) that liquidates any pool; null if none. */
  readonly moveDown: number | null;
  /** Smallest uniform rise of all marks (fraction) that liquidates any pool; null if none. */
  readonly moveUp: number | null;
}

export interface AccountRiskSummary {
  readonly account: string;
  /** Distinct positions of the account. */
  readonly positionCount: number;
  /** Asset of `equity` (the exported mode's totals asset). */
  readonly asset: string;
  /** Equity of the book as held (exported mode). */
  readonly equity: number;
  readonly modes: PerMode<ModeRisk>;
  readonly warningCount: number;
}

/** The compact summary of one evaluation. */
export function summarizeAccount(evaluation: AccountEvaluation): AccountRiskSummary {
  const risk = (name: ModeName): ModeRisk => {
    const mode = evaluation.modes[name];
    return {
      marginRatio: mode.marginRatio,
      maintenanceMargin: mode.maintenanceMargin,
      liquidatable: mode.liquidatable,
      moveDown: mode.uniformMoveToLiquidation.down,
      moveUp: mode.uniformMoveToLiquidation.up,
    };
  };
  const modes: PerMode<ModeRisk> = { exported: risk('exported'), isolated: risk('isolated'), cross: risk('cross') };
  const ids = new Set<string>();
  for (const name of MODE_NAMES) for (const p of evaluation.modes[name].positions) ids.add(p.positionId);
  const summary: AccountRiskSummary = {
    account: evaluation.account,
    positionCount: ids.size,
    asset: evaluation.modes.exported.asset,
    equity: evaluation.modes.exported.equity,
    modes,
    warningCount: evaluation.warnings.length,
  };
  assertAllFinite(summary, `account ${JSON.stringify(evaluation.account)}`);
  return summary;
}

/** Smallest uniform move either way; Infinity when no uniform move liquidates. */
function smallestMove(risk: ModeRisk): number {
  return Math.min(risk.moveDown ?? Infinity, risk.moveUp ?? Infinity);
}

/** Margin ratio for ordering: a pool with no equity left but maintenance due counts as infinite. */
function ratioForOrder(risk: ModeRisk): number {
  if (risk.marginRatio !== null) return risk.marginRatio;
  return risk.maintenanceMargin > 0 ? Infinity : 0;
}

/**
 * Order riskiest first by one mode: liquidatable now first, then the smallest uniform move of all
 * marks that liquidates, then the highest margin ratio, then the account name.
 */
export function compareRisk(rankBy: ModeName): (a: AccountRiskSummary, b: AccountRiskSummary) => number {
  return (a, b) => {
    const ra = a.modes[rankBy];
    const rb = b.modes[rankBy];
    if (ra.liquidatable !== rb.liquidatable) return ra.liquidatable ? -1 : 1;
    const move = smallestMove(ra) - smallestMove(rb);
    if (move !== 0 && !Number.isNaN(move)) return move;
    const ratio = ratioForOrder(rb) - ratioForOrder(ra);
    if (ratio !== 0 && !Number.isNaN(ratio)) return ratio;
    return a.account < b.account ? -1 : a.account > b.account ? 1 : 0;
  };
}
