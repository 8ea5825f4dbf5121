// The verdict of a Monte Carlo run: P(any liquidation) and the expected loss, isolated vs cross,
// each with its standard error (account-verdict.ts decides ties within two errors).

import type { AccountShockOutcome, ModeShockOutcome } from '../kernel/outcomes.js';
import { accountVerdict, type AccountVerdict, type MonteCarloFigures, type VerdictInputs } from './account-verdict.js';

function figures(mode: ModeShockOutcome): MonteCarloFigures {
  return {
    liquidationProbability: mode.liquidationProbability,
    liquidationProbabilityStandardError: mode.standardErrors.liquidationProbability,
    expectedLoss: mode.expectedLoss,
    expectedLossStandardError: mode.standardErrors.expectedLoss,
  };
}

/** The Monte Carlo lenses' figures of one account's outcome. */
export function simulationVerdictInputs(outcome: AccountShockOutcome): VerdictInputs {
  return { monteCarlo: { asset: outcome.asset, isolated: figures(outcome.modes.isolated), cross: figures(outcome.modes.cross) } };
}

export function simulationVerdict(outcome: AccountShockOutcome): AccountVerdict {
  return accountVerdict(simulationVerdictInputs(outcome));
}
