// Public surface of the margin-mode recommendation: candidate set-ups (which positions to isolate,
// how to split the same capital), the objectives, and the search on common scenarios.

export { assignmentBook, capitalByAsset, SPLIT_POLICIES, type SplitPolicy } from './mode-assignment.js';
export { ES_CONFIDENCE, estimateObjective, MODE_OBJECTIVES, pairedDifference, type ModeObjective, type ObjectiveEstimate, type PairedDifference, type PathSamples } from './mode-objective.js';
export { shockObjectiveEvaluator, type CandidateBook, type ObjectiveEvaluator, type ShockVector } from './shock-objective-evaluator.js';
export { MAX_EXHAUSTIVE, recommendModes, type Baseline, type BaselineComparison, type CandidateSummary, type ModeRecommendation, type RecommendOptions } from './recommend-modes.js';
export { kernelObjectiveEvaluator, type KernelScenarios } from './kernel-objective-evaluator.js';
