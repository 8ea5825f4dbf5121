// The verdict of a point-in-time evaluation: the distance lens (the uniform move of all marks to
// the first liquidation, isolated vs cross) and, with `--stress`, the stress lens.

import type { AccountStress } from '../contagion/stress-account.js';
import type { AccountEvaluation } from '../margin/evaluation.js';
import { accountVerdict, nearestUniformMove, stressCounts, type AccountVerdict, type VerdictInputs } from './account-verdict.js';

/** The figures of the evaluation's lenses (the simulate and report verdicts start from these). */
export function evaluationVerdictInputs(evaluation: AccountEvaluation, stress?: AccountStress): VerdictInputs {
  const { isolated, cross } = evaluation.modes;
  const distance = {
    isolated: nearestUniformMove(isolated.uniformMoveToLiquidation, isolated.liquidatable),
    cross: nearestUniformMove(cross.uniformMoveToLiquidation, cross.liquidatable),
  };
  return stress === undefined ? { distance } : { distance, stress: stressCounts(stress.stress) };
}

export function evaluationVerdict(evaluation: AccountEvaluation, stress?: AccountStress): AccountVerdict {
  return accountVerdict(evaluationVerdictInputs(evaluation, stress));
}
