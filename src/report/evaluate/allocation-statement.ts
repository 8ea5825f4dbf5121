// The isolated mode's allocation in one sentence, for every text output (table, Markdown, the
// report): which policy split the wallet, that each position first got what keeps it above
// maintenance at the marks (allocation.ts), and which positions the capital could not keep
// standing (liquidatable at once when isolated).

import type { AccountEvaluation, AllocationPolicy } from '../../margin/evaluation.js';

const POLICY_WORDS: Readonly<Record<AllocationPolicy, string>> = {
  leverage: 'entry notional / leverage, the rest free',
  notional: 'pro rata to notional',
  'equal-risk': 'every position at the same distance from liquidation',
};

/** Ids of the positions whose isolated-mode margin does not cover their maintenance floor. */
export function cannotStand(evaluation: AccountEvaluation): string[] {
  return evaluation.allocation.filter((a) => !a.standing).map((a) => a.positionId);
}

/**
 * E.g. "isolated mode: each position kept above maintenance first, the rest by leverage (entry
 * notional / leverage, the rest free)", plus "; cannot stand: ID, …" when the capital fell short.
 */
export function allocationStatement(evaluation: AccountEvaluation): string {
  const policy = evaluation.allocationPolicy;
  const fallen = cannotStand(evaluation);
  const standing = fallen.length === 0 ? '' : `; cannot be kept above maintenance: ${fallen.join(', ')}`;
  return `isolated mode: each position kept above maintenance first, the rest by ${policy} (${POLICY_WORDS[policy]})${standing}`;
}
