// The optional analyses of `simulate` (never dependent on the thread count): the mode
// recommendation, run in process after the paths, every candidate set-up evaluated on the same
// first paths of the run's seed; and the joint liquidation boundary of the largest cross pool,
// found before the paths, with the probability of reaching it counted by the kernel on them.

import type { AccountBook } from '../domain/account-book.js';
import { boundaryHitFromCount } from '../boundary/boundary-hit-probability.js';
import type { AccountJointBoundary } from '../boundary/account-joint-boundary.js';
import { accountJointBoundary, type JointBoundary } from '../boundary/joint-boundary.js';
import type { TwoFactorProbe } from '../kernel/two-factor-probe.js';
import type { MarginContext } from '../margin/evaluate-account.js';
import { MODE_NAMES, type ModeName } from '../margin/evaluation.js';
import { poolValuationAtFactors, UNMOVED } from '../margin/pool-valuation.js';
import { modePoolsOf, prepareAccountOrThrow } from '../margin/prepared-account.js';
import { kernelObjectiveEvaluator } from '../recommendation/kernel-objective-evaluator.js';
import { SPLIT_POLICIES } from '../recommendation/mode-assignment.js';
import type { PathSamples } from '../recommendation/mode-objective.js';
import { recommendationSummary, type AccountRecommendation } from '../recommendation/recommendation-summary.js';
import { recommendModes } from '../recommendation/recommend-modes.js';
import type { CandidateBook, ObjectiveEvaluator } from '../recommendation/shock-objective-evaluator.js';
import { createPathModel, type PathModelSpec } from '../scenarios/models/path-model-spec.js';
import type { CompiledAccount } from './compiled-account.js';
import {
  RECOMMEND_EXHAUSTIVE_LIMIT,
  RECOMMEND_MAX_PATHS,
  RECOMMEND_MIN_PATHS,
  RECOMMEND_PATH_BUDGET,
  type BoundarySettings,
  type RecommendSettings,
  type SimulationSettings,
} from './simulation-settings.js';

/** Candidates a recommendation may evaluate at most for `positions` positions (the search's bound). */
export function recommendCandidateBound(positions: number): number {
  const splits = SPLIT_POLICIES.length;
  if (positions <= RECOMMEND_EXHAUSTIVE_LIMIT) return 3 + splits * (2 ** positions - 1);
  return 3 + splits * (1 + positions * positions);
}

/**
 * Paths each candidate is evaluated on: the simulation's, capped at `maxPaths` and at the budget
 * over the candidate bound, but at least RECOMMEND_MIN_PATHS (or the simulation's, if fewer).
 */
export function recommendPaths(positions: number, simulatedPaths: number, recommend: RecommendSettings): number {
  const byBudget = Math.floor((recommend.pathBudget ?? RECOMMEND_PATH_BUDGET) / recommendCandidateBound(positions));
  const capped = Math.min(recommend.maxPaths ?? RECOMMEND_MAX_PATHS, Math.max(RECOMMEND_MIN_PATHS, byBudget));
  return Math.max(1, Math.min(simulatedPaths, capped));
}

/** What identifies a candidate's outcome: its mode and every margin set-up in its book. */
function candidateKey({ book, mode }: CandidateBook): string {
  const positions = book.positions.map((p) => `${p.positionId}\u0000${p.marginMode}\u0000${p.isolatedMargin ?? ''}`).join('\u0001');
  const balances = book.balances.map((b) => `${b.asset}\u0000${b.amount}`).join('\u0001');
  return `${mode}\u0002${positions}\u0002${balances}`;
}

/** `evaluate` with each distinct candidate run once (the summary reads the best and the modes again). */
function memoized(evaluate: ObjectiveEvaluator): ObjectiveEvaluator {
  const seen = new Map<string, PathSamples>();
  return (candidate) => {
    const key = candidateKey(candidate);
    let samples = seen.get(key);
    if (samples === undefined) {
      samples = evaluate(candidate);
      seen.set(key, samples);
    }
    return samples;
  };
}

/** Loss a ruled-out candidate is scored with on every path: above any real loss. */
const RULED_OUT_LOSS = 1e300;

/** True when some pool of `candidate` is liquidatable at the current marks. */
function liquidatableNow(candidate: CandidateBook, context: MarginContext): boolean {
  const pools = modePoolsOf(prepareAccountOrThrow(candidate.book, context, 'simulate --recommend'), candidate.mode).pools;
  return pools.some((pool) => poolValuationAtFactors(pool, UNMOVED).liquidatable);
}

/** What `feasibleOnly` ruled out. */
interface RuledOut {
  candidates: number;
  readonly modes: Set<ModeName>;
}

/**
 * `evaluate` restricted to set-ups one can switch to, for the search: a set-up other than the
 * book as held with a pool liquidatable at the current marks (an isolated margin below the
 * position's maintenance, a cross wallet drained below it) is ruled out: scored as liquidated
 * with the largest loss on every path, so the search never picks it. Otherwise the objective
 * would reward leaving a pool under water at once, its loss becoming the venue's bad debt. The
 * all-cross and all-isolated modes are ruled out the same way (their true values are still
 * reported beside the recommendation); `ruledOut` counts what was.
 */
function feasibleOnly(evaluate: ObjectiveEvaluator, book: AccountBook, context: MarginContext, paths: number, ruledOut: RuledOut): ObjectiveEvaluator {
  let worst: PathSamples | null = null;
  return (candidate) => {
    const asHeld = candidate.book === book && candidate.mode === 'exported';
    if (asHeld || !liquidatableNow(candidate, context)) return evaluate(candidate);
    ruledOut.candidates++;
    if (candidate.book === book) ruledOut.modes.add(candidate.mode);
    worst ??= { liquidated: new Uint8Array(paths).fill(1), loss: new Float64Array(paths).fill(RULED_OUT_LOSS) };
    return worst;
  };
}

/** What the optional analyses of one account need of its simulation. */
export interface AnalysisInputs {
  readonly spec: PathModelSpec;
  readonly assets: readonly string[];
  readonly correlation: Float64Array | null;
  /** The account's loss asset. */
  readonly asset: string;
}

/** The mode recommendation of one account, on common paths of the run's model and seed. */
export function recommendAccount(compiled: CompiledAccount, context: MarginContext, settings: SimulationSettings, recommend: RecommendSettings, inputs: AnalysisInputs): AccountRecommendation {
  const book = compiled.account.resolved.book;
  const paths = recommendPaths(compiled.positions.length, settings.paths, recommend);
  const kernel = kernelObjectiveEvaluator(context, {
    model: createPathModel(inputs.spec),
    modelAssets: inputs.assets,
    correlation: inputs.correlation,
    seed: settings.seed,
    paths,
    options: { slippageBps: settings.slippageBps, monitoring: 'continuous' },
  });
  const evaluate = memoized(kernel);
  const ruledOut: RuledOut = { candidates: 0, modes: new Set() };
  const result = recommendModes(book, context, feasibleOnly(evaluate, book, context, paths, ruledOut), { objective: recommend.objective, exhaustiveLimit: RECOMMEND_EXHAUSTIVE_LIMIT });
  return recommendationSummary(result, compiled.account, {
    samplesOf: evaluate,
    asset: inputs.asset,
    simulatedPaths: settings.paths,
    candidatesRuledOut: ruledOut.candidates,
    modesRuledOut: MODE_NAMES.filter((mode) => ruledOut.modes.has(mode)),
  });
}

/** The joint boundary of an account, found before its paths, and the kernel probe counting its hits. */
export interface BoundaryPlan {
  readonly boundary: JointBoundary;
  /** Null when a factor has no simulated path (collateral in an asset no position is on). */
  readonly probe: TwoFactorProbe | null;
}

/**
 * The joint boundary of the account's largest cross pool (no paths needed) and the kernel probe
 * that counts, on the simulation's own paths, those reaching it; null when that pool is on fewer
 * than two assets.
 */
export function planAccountBoundary(compiled: CompiledAccount, context: MarginContext, boundarySettings: BoundarySettings): BoundaryPlan | null {
  const boundary = accountJointBoundary(compiled.account.resolved.book, context, { points: boundarySettings.gridPoints });
  if (boundary === null) return null;
  const book = compiled.compiled;
  const cross = MODE_NAMES.indexOf('cross');
  let pool = -1;
  for (let i = book.modePoolStart[cross]!; i < book.modePoolStart[cross + 1]!; i++) if (book.poolIds[i] === boundary.poolId) pool = i;
  const firstAsset = book.assetNames.indexOf(boundary.first.asset);
  const secondAsset = book.assetNames.indexOf(boundary.second.asset);
  return { boundary, probe: pool < 0 || firstAsset < 0 || secondAsset < 0 ? null : { pool, firstAsset, secondAsset } };
}

/** The joint boundary with the probability of reaching it: `twoFactorHits` of the run's paths. */
export function finishAccountBoundary(plan: BoundaryPlan, settings: SimulationSettings, twoFactorHits: number | undefined): AccountJointBoundary {
  const { boundary, probe } = plan;
  const hit = probe === null || twoFactorHits === undefined ? null : boundaryHitFromCount(boundary.first.asset, boundary.second.asset, twoFactorHits, settings.paths);
  return { boundary, hit, horizonHours: settings.horizonHours, steps: settings.steps };
}
