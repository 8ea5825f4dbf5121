// The `contagion` object of an account in simulate's and replay's JSON: victims and rescues with
// their probability, standard error and causes (rescues also the share held up by the shared
// collateral; beyond the top causes, `othersShare` and `otherCauses`), with the cause × victim
// matrix beside them. Keys in a fixed order.

import type { AccountContagion, ContagionEntry } from '../../contagion/contagion-summary.js';
import type { JsonValue } from '../format/json-text.js';

type JsonObject = { readonly [key: string]: JsonValue };

function entryJson(entry: ContagionEntry, rescue: boolean): JsonObject {
  return {
    positionId: entry.positionId,
    probability: entry.probability,
    standardError: entry.standardError,
    causes: entry.causes.map((c) => ({ positionId: c.positionId, share: c.share })),
    ...(rescue ? { collateralShare: entry.collateralShare } : {}),
    // Only the top causes are named; the rest as one share and a count, when there are more.
    ...(entry.othersShare === undefined ? {} : { othersShare: entry.othersShare, otherCauses: entry.otherCauses ?? 0 }),
  };
}

/** The contract's `contagion` object (victims, rescues) with the cause × victim matrix beside it. */
export function contagionJson(contagion: AccountContagion): JsonObject {
  return {
    paths: contagion.paths,
    victims: contagion.victims.map((e) => entryJson(e, false)),
    rescues: contagion.rescues.map((e) => entryJson(e, true)),
    matrix: {
      causeIds: [...contagion.matrix.causeIds],
      victimIds: [...contagion.matrix.victimIds],
      probability: contagion.matrix.probability.map((row) => [...row]),
    },
  };
}
