// The `recommendation` object of an account in simulate's JSON: the objective and how the search
// ran (common paths, candidates), the recommended assignment position by position, how the same
// capital is split, the objective with its standard error, and the paired comparison with each
// of the three modes. Keys in a fixed order, so the same inputs give the same bytes.

import { MODE_NAMES } from '../../margin/evaluation.js';
import type { JsonValue } from '../format/json-text.js';
import type { AccountRecommendation } from '../../recommendation/recommendation-summary.js';

type JsonObject = { readonly [key: string]: JsonValue };

/** One account's recommendation as JSON (see the README, `simulate --recommend`). */
export function recommendationJson(recommendation: AccountRecommendation): JsonObject {
  const comparisons: Record<string, JsonValue> = {};
  for (const mode of MODE_NAMES) {
    const c = recommendation.comparisons[mode];
    comparisons[mode] = { objectiveValue: c.objectiveValue, standardError: c.standardError, difference: c.difference, differenceStandardError: c.differenceStandardError };
  }
  return {
    objective: recommendation.objective,
    asset: recommendation.asset,
    paths: recommendation.paths,
    simulatedPaths: recommendation.simulatedPaths,
    search: recommendation.search,
    candidatesEvaluated: recommendation.candidatesEvaluated,
    candidatesRuledOut: recommendation.candidatesRuledOut,
    modesRuledOut: [...recommendation.modesRuledOut],
    candidate: recommendation.candidate,
    mode: recommendation.mode,
    split: recommendation.split,
    assignment: recommendation.assignment.map((a) => ({ positionId: a.positionId, marginMode: a.marginMode, margin: a.margin, asset: a.asset })),
    capital: recommendation.capital.map((c) => ({ asset: c.asset, capital: c.capital, isolatedMargin: c.isolatedMargin, crossWallet: c.crossWallet, crossPositions: c.crossPositions })),
    objectiveValue: recommendation.objectiveValue,
    standardError: recommendation.standardError,
    comparisons,
  };
}
