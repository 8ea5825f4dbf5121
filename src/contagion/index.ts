// Public surface of the contagion layer: victims and rescues with their causes (from kernel
// paths, replays or stresses), the deterministic stress, the joint liquidation boundary and its
// hitting probability, what-if positions and transfers, and the margin-mode recommendation.

export { ArrayContagionPath, MODE_CROSS, MODE_ISOLATED, type ContagionPath } from './contagion-path.js';
export { contagionLayout, contagionLayoutOfBook, contagionLayoutOfPools, type ContagionLayout } from './contagion-layout.js';
export { PNL_TOLERANCE, rescueCauseShares, victimCauseShares, type RescueAttribution, type VictimAttribution } from './cause-shares.js';
export { ContagionAccumulator } from './contagion-accumulator.js';
export type { AccountContagion, ContagionCause, ContagionEntry, ContagionMatrix } from './contagion-summary.js';
export { prepareAccount, prepareAccountOrThrow, modePoolsOf, type PreparedAccount } from './prepared-account.js';
export { HEALTH_TOLERANCE, poolValuationAt, poolValuationAtFactors, pricesFromFactors, UNMOVED, type AssetFactor, type PoolValuation } from './pool-valuation.js';
export { stressAccount, type AccountStress, type StressEntry } from './stress-account.js';
export { riskFactors, type RiskFactor } from './risk-factors.js';
export { twoFactorHealth, type TwoFactorHealth } from './two-factor-health.js';
export { accountJointBoundary, gridMoves, jointLiquidationBoundary, type BoundaryAxis, type BoundaryPoint, type JointBoundary, type JointBoundaryOptions } from './joint-boundary.js';
export { boundaryHitProbability, modelFactorPaths, type BoundaryHitEstimate, type FactorPathSource } from './boundary-hit-probability.js';
export { parseWhatIf, positiveNumber, type Parsed, type WhatIfSpec } from './parse-what-if.js';
export { parseTransfer, type TransferSpec } from './parse-transfer.js';
export { applyBookChanges, mainSettlementAsset, whatIfPosition, type BookChanges, type BookPair } from './apply-book-changes.js';
export { compareBooks, type Change, type ModeChange, type PositionChange, type WhatIfComparison } from './what-if-comparison.js';
export { assignmentBook, capitalByAsset, SPLIT_POLICIES, type SplitPolicy } from './mode-assignment.js';
export { ES_CONFIDENCE, estimateObjective, MODE_OBJECTIVES, pairedDifference, type ModeObjective, type ObjectiveEstimate, type PairedDifference, type PathSamples } from './mode-objective.js';
export { shockObjectiveEvaluator, type CandidateBook, type ObjectiveEvaluator, type ShockVector } from './shock-objective-evaluator.js';
export { MAX_EXHAUSTIVE, recommendModes, type Baseline, type BaselineComparison, type CandidateSummary, type ModeRecommendation, type RecommendOptions } from './recommend-modes.js';
export { kernelObjectiveEvaluator, type KernelScenarios } from './kernel-objective-evaluator.js';
