// Simulate's own analyses of one account in plain words, shared by the table and Markdown
// outputs: the margin-mode recommendation (a heading and its sentences) with `--recommend`, and
// the joint liquidation boundary line unless `--no-boundary` (none for a one-asset cross pool).

import { boundaryLine } from './boundary-text.js';
import { recommendationHeading, recommendationSentences } from './recommendation-text.js';
import type { SimulatedAccount } from '../../results/shock-results.js';

/** Read once under the tables when any account has a recommendation. */
export const RECOMMENDATION_LEGEND =
  'Recommendation: every set-up on the same capital and the same paths; ± one standard error, differences paired (path by path), "not significant" within two standard errors. The best of many set-ups is slightly optimistic on the paths it was picked on.';

interface SimulationAnalysisText {
  readonly recommendation: { readonly heading: string; readonly sentences: readonly string[] } | null;
  readonly boundary: string | null;
}

export function simulationAnalysisText(simulation: SimulatedAccount): SimulationAnalysisText {
  const rec = simulation.recommendation;
  return {
    recommendation: rec === undefined ? null : { heading: recommendationHeading(rec), sentences: recommendationSentences(rec, simulation.positions) },
    boundary: simulation.jointBoundary === undefined || simulation.jointBoundary === null ? null : boundaryLine(simulation.jointBoundary),
  };
}
