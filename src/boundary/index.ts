// Public surface of the joint liquidation boundary: a cross pool's two largest risk factors, the
// boundary over their grid of moves, and the probability of reaching it within the horizon.

export { riskFactors, type RiskFactor } from './risk-factors.js';
export { twoFactorHealth, type TwoFactorHealth } from './two-factor-health.js';
export { accountJointBoundary, gridMoves, jointLiquidationBoundary, type BoundaryAxis, type BoundaryPoint, type JointBoundary, type JointBoundaryOptions } from './joint-boundary.js';
export { boundaryHitFromCount, boundaryHitProbability, modelFactorPaths, type BoundaryHitEstimate, type FactorPathSource } from './boundary-hit-probability.js';
export type { AccountJointBoundary } from './account-joint-boundary.js';
