// A margin-mode recommendation as `simulate --recommend` reports it, mapped from the search's
// result (`recommendModes`) and the per-path samples of the candidates it names:
//   assignment   every position of the best candidate: on cross (sharing the wallet) or isolated
//                with its margin, in the account's position order
//   capital      per settlement asset, the same capital as in every mode (cross wallet + every
//                margin posted to isolated rows), split into the isolated margins and what stays
//                in the cross wallet (free balance when no position of that asset is on cross)
//   objective    the best candidate's value with its standard error, sd(ψ) / √n over the paths
//                (ψ the estimator's per-path influence value, `mode-objective.ts`)
//   comparisons  against each mode of `simulate` (as exported, all isolated, all cross): its
//                value and standard error, and recommended − mode with the PAIRED standard error
//                (both on the same paths), negative when the recommendation is better
//   ruled out    set-ups liquidatable at the marks were not candidates (see the search's
//                evaluator in src/shock-pipeline.ts); a mode among them is still compared with
//   ties         a candidate the search preferred to a mode by less than rounding (a relative
//                1e-9: the same outcome summed in another order) is reported as that mode, the
//                earliest of as exported, all cross, all isolated, as the search breaks its ties
//                (so a book whose set-up does not matter on these paths is kept as held)
// Collateral held in other assets than the settlement asset (BTC in a USDT account, say) is not
// split: it backs the cross pool as in every mode.

import { assignmentBook, capitalByAsset, type SplitPolicy } from './mode-assignment.js';
import { estimateObjective, pairedDifference, type ModeObjective, type ObjectiveEstimate, type PathSamples } from './mode-objective.js';
import { modePoolsOf, type PreparedAccount } from '../margin/prepared-account.js';
import type { Baseline, ModeRecommendation } from './recommend-modes.js';
import type { CandidateBook } from './shock-objective-evaluator.js';
import type { MarginMode } from '../domain/position.js';
import { meanWithStandardError } from '../kernel/tail-statistics.js';
import { MODE_NAMES, type ModeName } from '../margin/evaluation.js';

/** One position of the recommended set-up. */
export interface RecommendedPosition {
  readonly positionId: string;
  readonly marginMode: MarginMode;
  /** Isolated margin in `asset`; null on cross (the position shares the cross wallet). */
  readonly margin: number | null;
  /** Settlement asset. */
  readonly asset: string;
}

/** How one settlement asset's capital is split in the recommended set-up. */
interface CapitalSplit {
  readonly asset: string;
  /** Cross wallet + every isolated margin: the same in every mode and candidate. */
  readonly capital: number;
  /** Posted to the isolated positions. */
  readonly isolatedMargin: number;
  /** capital − isolatedMargin: the cross wallet, or free balance when `crossPositions` is 0. */
  readonly crossWallet: number;
  /** Positions of this asset left on cross. */
  readonly crossPositions: number;
}

/** The recommendation against one mode of `simulate`, on the same paths. */
export interface ModeComparison {
  readonly objectiveValue: number;
  readonly standardError: number | null;
  /** Recommended − this mode: negative when the recommendation is better. */
  readonly difference: number;
  /** Paired standard error of the difference; null with one path. */
  readonly differenceStandardError: number | null;
}

export interface AccountRecommendation {
  readonly objective: ModeObjective;
  /** Unit of `expected-loss` and `es99` values: the account's loss asset. */
  readonly asset: string;
  /** Common paths every candidate was evaluated on: the first `paths` of the simulation's. */
  readonly paths: number;
  /** Paths of the simulation itself. */
  readonly simulatedPaths: number;
  readonly search: 'exhaustive' | 'local';
  readonly candidatesEvaluated: number;
  /** Candidates not considered because some pool of theirs would be liquidatable at the marks. */
  readonly candidatesRuledOut: number;
  /** Of them, the modes (all-cross, all-isolated; never the book as held). */
  readonly modesRuledOut: readonly ModeName[];
  /** The search's name of the best candidate: `as-exported`, `all-cross`, `all-isolated` or `isolate:ID,…/SPLIT`. */
  readonly candidate: string;
  /** The mode of `simulate` the best candidate is, or null for another assignment. */
  readonly mode: ModeName | null;
  /** How the isolated positions' margins were sized; null when the best is a mode. */
  readonly split: SplitPolicy | null;
  readonly assignment: readonly RecommendedPosition[];
  readonly capital: readonly CapitalSplit[];
  readonly objectiveValue: number;
  readonly standardError: number | null;
  readonly comparisons: Readonly<Record<ModeName, ModeComparison>>;
}

const MODE_OF_BASELINE: Readonly<Record<Baseline, ModeName>> = { 'as-exported': 'exported', 'all-cross': 'cross', 'all-isolated': 'isolated' };

/** The modes in the order the search breaks ties. */
const TIE_ORDER: readonly Baseline[] = ['as-exported', 'all-cross', 'all-isolated'];

/** Two objective values equal but for rounding. */
const TIE_TOLERANCE = 1e-9;

function tied(a: number, b: number): boolean {
  return Math.abs(a - b) <= TIE_TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
}

function isBaseline(label: string): label is Baseline {
  return label in MODE_OF_BASELINE;
}

/** The candidate the search calls `label`, rebuilt exactly as it was evaluated. */
function candidateOf(result: ModeRecommendation, account: PreparedAccount): CandidateBook {
  const { best } = result;
  if (isBaseline(best.label)) return { book: account.resolved.book, mode: MODE_OF_BASELINE[best.label] };
  if (best.split === null) throw new Error(`recommendationSummary: candidate ${best.label} has no split policy`);
  const chosen = new Set(best.isolatedPositionIds);
  const flags = account.resolved.positions.map((r) => chosen.has(r.position.positionId));
  return { book: assignmentBook(account, flags, best.split), mode: 'exported' };
}

/** Margin mode and margin of every position of `candidate`, in the account's order. */
function assignmentOf(candidate: CandidateBook, account: PreparedAccount): RecommendedPosition[] {
  const resolved = account.resolved.positions;
  if (candidate.mode === 'cross') {
    return resolved.map(({ position: p }) => ({ positionId: p.positionId, marginMode: 'cross', margin: null, asset: p.settlementAsset }));
  }
  if (candidate.mode === 'isolated') {
    const margins = new Map(modePoolsOf(account, 'isolated').allocation.map((a) => [a.positionId, a.margin]));
    return resolved.map(({ position: p }) => ({ positionId: p.positionId, marginMode: 'isolated', margin: margins.get(p.positionId) ?? 0, asset: p.settlementAsset }));
  }
  const byId = new Map(candidate.book.positions.map((p) => [p.positionId, p]));
  return resolved.map(({ position }) => {
    const p = byId.get(position.positionId) ?? position;
    return p.marginMode === 'isolated'
      ? { positionId: p.positionId, marginMode: 'isolated', margin: p.isolatedMargin ?? 0, asset: p.settlementAsset }
      : { positionId: p.positionId, marginMode: 'cross', margin: null, asset: p.settlementAsset };
  });
}

function capitalSplit(assignment: readonly RecommendedPosition[], account: PreparedAccount): CapitalSplit[] {
  const capital = capitalByAsset(account);
  return [...capital.keys()].sort().map((asset) => {
    const members = assignment.filter((a) => a.asset === asset);
    const isolatedMargin = members.reduce((sum, a) => sum + (a.margin ?? 0), 0);
    const total = capital.get(asset)!;
    return { asset, capital: total, isolatedMargin, crossWallet: total - isolatedMargin, crossPositions: members.filter((a) => a.marginMode === 'cross').length };
  });
}

function standardErrorOf(estimate: ObjectiveEstimate): number | null {
  return meanWithStandardError(estimate.influence).standardError;
}

/** What the search ran with, beyond its result. */
interface RecommendationRun {
  /** A candidate's per-path outcome on the search's common paths (a memo of its evaluator). */
  readonly samplesOf: (candidate: CandidateBook) => PathSamples;
  /** Unit of the losses. */
  readonly asset: string;
  readonly simulatedPaths: number;
  readonly candidatesRuledOut: number;
  /** Modes (never the book as held) the search ruled out: liquidatable at the marks. */
  readonly modesRuledOut: readonly ModeName[];
}

/** The recommendation of one account as reported (see the file header). */
export function recommendationSummary(result: ModeRecommendation, account: PreparedAccount, run: RecommendationRun): AccountRecommendation {
  const book = account.resolved.book;
  const estimateOf = (candidate: CandidateBook): ObjectiveEstimate => estimateObjective(run.samplesOf(candidate), result.objective);
  const modes = new Map(MODE_NAMES.map((mode) => [mode, estimateOf({ book, mode })]));
  let label = result.best.label;
  let split = result.best.split;
  let candidate = candidateOf(result, account);
  let best = estimateOf(candidate);
  const eligible = (baseline: Baseline): boolean => !run.modesRuledOut.includes(MODE_OF_BASELINE[baseline]);
  const tie = TIE_ORDER.find((baseline) => eligible(baseline) && tied(modes.get(MODE_OF_BASELINE[baseline])!.value, best.value));
  if (tie !== undefined && tie !== label) {
    label = tie;
    split = null;
    candidate = { book, mode: MODE_OF_BASELINE[tie] };
    best = modes.get(candidate.mode)!;
  }
  const comparisons = {} as Record<ModeName, ModeComparison>;
  for (const mode of MODE_NAMES) {
    const estimate = modes.get(mode)!;
    const paired = pairedDifference(best, estimate);
    comparisons[mode] = { objectiveValue: estimate.value, standardError: standardErrorOf(estimate), difference: paired.difference, differenceStandardError: paired.standardError };
  }
  const assignment = assignmentOf(candidate, account);
  return {
    objective: result.objective,
    asset: run.asset,
    paths: result.paths,
    simulatedPaths: run.simulatedPaths,
    search: result.search,
    candidatesEvaluated: result.candidatesEvaluated,
    candidatesRuledOut: run.candidatesRuledOut,
    modesRuledOut: [...run.modesRuledOut],
    candidate: label,
    mode: isBaseline(label) ? MODE_OF_BASELINE[label] : null,
    split,
    assignment,
    capital: capitalSplit(assignment, account),
    objectiveValue: best.value,
    standardError: standardErrorOf(best),
    comparisons,
  };
}
