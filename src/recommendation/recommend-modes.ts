// Which positions of an account to isolate, and how to split the same capital, to minimise an
// objective on common scenarios.
//   candidates  the account as exported, all cross and all isolated (the `evaluate` modes), and
//               every assignment "isolate the positions in S, split by policy P" (`mode-assignment.ts`;
//               S empty is all cross, already a baseline)
//   search      exhaustive over the 2^n − 1 non-empty subsets × policies for n <= `exhaustiveLimit`
//               (default 10); beyond, a local search per policy: start at the best baseline's
//               subset (the exported isolated rows, none, or all), evaluate every single-position
//               flip, move to the best strictly improving one, stop when none improves or after
//               `maxRounds` moves (default n) — at most policies × (1 + rounds × n) candidates,
//               a local optimum, not a proven one
//   result      the best candidate (ties go to the earliest: the exported book first, then all
//               cross, all isolated, then fewer isolated positions), its objective against the
//               three baselines, and the paired standard error of each difference
// The baselines are candidates, so the best is never worse than any of them on these scenarios.

import type { AccountBook } from '../domain/account-book.js';
import type { MarginContext } from '../margin/evaluate-account.js';
import type { ModeName } from '../margin/evaluation.js';
import { assignmentBook, SPLIT_POLICIES, type SplitPolicy } from './mode-assignment.js';
import { estimateObjective, pairedDifference, type ModeObjective, type ObjectiveEstimate, type PairedDifference } from './mode-objective.js';
import { prepareAccountOrThrow } from '../margin/prepared-account.js';
import type { CandidateBook, ObjectiveEvaluator } from './shock-objective-evaluator.js';

export type Baseline = 'as-exported' | 'all-cross' | 'all-isolated';

export interface RecommendOptions {
  readonly objective: ModeObjective;
  /** Split policies tried for the isolated positions (default all four). */
  readonly splits?: readonly SplitPolicy[];
  /** Largest position count searched exhaustively (default 10, at most MAX_EXHAUSTIVE). */
  readonly exhaustiveLimit?: number;
  /** Moves of the local search (default: the position count). */
  readonly maxRounds?: number;
}

export interface CandidateSummary {
  /** `as-exported`, `all-cross`, `all-isolated`, or `isolate:ID,ID/policy`. */
  readonly label: string;
  /** Positions held isolated in this candidate. */
  readonly isolatedPositionIds: readonly string[];
  /** How isolated positions are margined; null for a baseline (its own rule). */
  readonly split: SplitPolicy | null;
  readonly objective: number;
}

export interface BaselineComparison extends PairedDifference {
  readonly baseline: Baseline;
  readonly objective: number;
}

export interface ModeRecommendation {
  readonly account: string;
  readonly objective: ModeObjective;
  /** Common scenarios every candidate was evaluated on. */
  readonly paths: number;
  readonly search: 'exhaustive' | 'local';
  readonly candidatesEvaluated: number;
  readonly best: CandidateSummary;
  readonly baselines: readonly CandidateSummary[];
  /** best − baseline for each baseline (negative = the recommendation is better). */
  readonly comparisons: readonly BaselineComparison[];
}

interface Scored {
  readonly summary: CandidateSummary;
  readonly estimate: ObjectiveEstimate;
}

const BASELINE_MODES: readonly [Baseline, ModeName][] = [
  ['as-exported', 'exported'],
  ['all-cross', 'cross'],
  ['all-isolated', 'isolated'],
];

/** Largest allowed `exhaustiveLimit`: 2^20 subsets × policies is already hours of evaluation. */
export const MAX_EXHAUSTIVE = 20;

function popcount(mask: number): number {
  let c = 0;
  for (let m = mask; m !== 0; m >>>= 1) c += m & 1;
  return c;
}

/**
 * Recommend margin modes for `book` (see the file header). Throws when the account cannot be
 * evaluated, or when the evaluator's scenarios are not common (different path counts).
 */
export function recommendModes(book: AccountBook, context: MarginContext, evaluate: ObjectiveEvaluator, options: RecommendOptions): ModeRecommendation {
  const account = prepareAccountOrThrow(book, context, 'recommendModes');
  const ids = account.resolved.positions.map((r) => r.position.positionId);
  const n = ids.length;
  const splits = options.splits ?? SPLIT_POLICIES;
  if (splits.length === 0) throw new Error('recommendModes: no split policy to try');
  const limit = options.exhaustiveLimit ?? 10;
  if (!(Number.isInteger(limit) && limit >= 0 && limit <= MAX_EXHAUSTIVE)) throw new Error(`recommendModes: exhaustiveLimit must be an integer in [0, ${MAX_EXHAUSTIVE}], got ${limit}`);
  let evaluated = 0;
  let paths = -1;
  const score = (candidate: CandidateBook, summary: Omit<CandidateSummary, 'objective'>): Scored => {
    const samples = evaluate(candidate);
    if (paths === -1) paths = samples.loss.length;
    else if (samples.loss.length !== paths) throw new Error(`recommendModes: the evaluator returned ${samples.loss.length} paths for ${summary.label}, ${paths} before; scenarios must be common`);
    evaluated++;
    const estimate = estimateObjective(samples, options.objective);
    return { summary: { ...summary, objective: estimate.value }, estimate };
  };

  const baselines = BASELINE_MODES.map(([label, mode]) => {
    const isolatedIds = account.resolved.positions.filter((r) => mode === 'isolated' || (mode === 'exported' && r.position.marginMode === 'isolated')).map((r) => r.position.positionId);
    return score({ book, mode }, { label, isolatedPositionIds: isolatedIds, split: null });
  });
  let best = baselines[0]!;
  for (const b of baselines) if (b.estimate.value < best.estimate.value) best = b;

  const flags = (isolated: readonly boolean[]): string[] => ids.filter((_, j) => isolated[j]);
  const assignment = (isolated: readonly boolean[], split: SplitPolicy): Scored => {
    const chosen = flags(isolated);
    return score({ book: assignmentBook(account, isolated, split), mode: 'exported' }, { label: `isolate:${chosen.join(',')}/${split}`, isolatedPositionIds: chosen, split });
  };
  const consider = (candidate: Scored): void => {
    if (candidate.estimate.value < best.estimate.value) best = candidate;
  };

  let search: ModeRecommendation['search'];
  if (n === 0) {
    search = 'exhaustive';
  } else if (n <= limit) {
    search = 'exhaustive';
    const masks = Array.from({ length: 2 ** n - 1 }, (_, i) => i + 1).sort((a, b) => popcount(a) - popcount(b) || a - b);
    for (const mask of masks) {
      const isolated = ids.map((_, j) => ((mask >>> j) & 1) === 1);
      for (const split of splits) consider(assignment(isolated, split));
    }
  } else {
    search = 'local';
    const start = new Set(best.summary.isolatedPositionIds);
    const maxRounds = options.maxRounds ?? n;
    for (const split of splits) {
      let current = ids.map((id) => start.has(id));
      // The start: its own assignment when it isolates anything, else all cross (a baseline).
      let value = baselines[1]!.estimate.value;
      if (current.some((f) => f)) {
        const first = assignment(current, split);
        consider(first);
        value = first.estimate.value;
      }
      for (let round = 0; round < maxRounds; round++) {
        let move: { isolated: boolean[]; value: number } | null = null;
        for (let j = 0; j < n; j++) {
          const isolated = current.slice();
          isolated[j] = !isolated[j];
          if (!isolated.some((f) => f)) continue;
          const scored = assignment(isolated, split);
          consider(scored);
          if (scored.estimate.value < (move?.value ?? value)) move = { isolated, value: scored.estimate.value };
        }
        if (move === null) break;
        current = move.isolated;
        value = move.value;
      }
    }
  }

  return {
    account: book.account,
    objective: options.objective,
    paths,
    search,
    candidatesEvaluated: evaluated,
    best: best.summary,
    baselines: baselines.map((b) => b.summary),
    comparisons: baselines.map((b, i) => ({ baseline: BASELINE_MODES[i]![0], objective: b.estimate.value, ...pairedDifference(best.estimate, b.estimate) })),
  };
}
