// The joint liquidation boundary as `simulate` reports it: the exact boundary of the account's
// largest cross pool over its two largest risk factors (`joint-boundary.ts`, no simulation) and
// the probability of reaching it within the horizon on the simulation's own paths of those two
// factors, every other mark held: counted by the path kernel on each path it runs
// (kernel/two-factor-probe.ts; `boundary-hit-probability.ts` is the readable estimator it is held
// to). The probability is checked at step ends only, so it is a lower bound of the continuously
// monitored one.

import type { BoundaryHitEstimate } from './boundary-hit-probability.js';
import type { JointBoundary } from './joint-boundary.js';

export interface AccountJointBoundary {
  readonly boundary: JointBoundary;
  /**
   * P(the two factors' path reaches the boundary at a step end within the horizon); null when a
   * factor is not a column of the account's price model (collateral in an asset it holds no
   * position on), so it has no simulated path.
   */
  readonly hit: BoundaryHitEstimate | null;
  readonly horizonHours: number;
  /** Monitoring steps over the horizon: the step ends the hit is checked at. */
  readonly steps: number;
}
