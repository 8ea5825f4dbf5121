// The verdict layer: which mode is safer per account, by each lens a command computed.
export { accountVerdict, nearestUniformMove, stressCounts } from './account-verdict.js';
export type { AccountVerdict, LensKind, LensVerdict, MonteCarloFigures, SaferMode, VerdictInputs } from './account-verdict.js';
export { evaluationVerdict, evaluationVerdictInputs } from './evaluation-verdict.js';
export { simulationVerdict, simulationVerdictInputs } from './simulation-verdict.js';
export { joinedVerdict, replayVerdict, replayVerdictInputs } from './replay-verdict.js';
export type { ReplayedEvent } from './replay-verdict.js';
