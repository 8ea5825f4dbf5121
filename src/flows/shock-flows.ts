// The simulate and replay flows in one place, like src/pipeline.ts for evaluate.
//
//   positions CSV ──readAccountBooks──▶ AccountBook per account (streamed, one at a time)
//        ▼ prepareAccount: venue schedules + collateral (bad symbols become Issues, as in evaluate)
//        ▼ compileBook: the exported / isolated / cross pools on the same capital, as typed arrays
//   simulate: buildPathModel for the account's assets (calibration, --vol, --corr, tails)
//             ─▶ runBlocks: seeded blocks of paths on worker threads, merged in block order
//             ─▶ every path also folded into a ContagionAccumulator ─▶ AccountSimulation
//             ─▶ optionally (in process, so never dependent on the thread count):
//                recommendModes on the first paths of the same seed, every candidate on the same
//                paths (kernelObjectiveEvaluator), and the joint liquidation boundary of the
//                largest cross pool with the probability of reaching it on the simulation's paths
//   replay:   per event, its bars rebased to the account's marks (proxies flagged)
//             ─▶ runReplay: the one path through the same kernel ─▶ contagion of that path
//
// The flows are pure apart from worker threads; the CLI reads files and passes their content.

import type { Position, Side } from '../domain/position.js';
import type { AccountBook } from '../domain/account-book.js';
import type { Issue } from '../domain/issue.js';
import { ContagionAccumulator } from '../contagion/contagion-accumulator.js';
import { contagionLayoutOfBook } from '../contagion/contagion-layout.js';
import type { AccountContagion } from '../contagion/contagion-summary.js';
import { boundaryHitProbability, modelFactorPaths } from '../boundary/boundary-hit-probability.js';
import { accountJointBoundary } from '../boundary/joint-boundary.js';
import { kernelObjectiveEvaluator } from '../recommendation/kernel-objective-evaluator.js';
import { SPLIT_POLICIES } from '../recommendation/mode-assignment.js';
import type { ModeObjective, PathSamples } from '../recommendation/mode-objective.js';
import { poolValuationAtFactors, UNMOVED } from '../margin/pool-valuation.js';
import { modePoolsOf, prepareAccount, prepareAccountOrThrow, type PreparedAccount } from '../margin/prepared-account.js';
import { recommendModes } from '../recommendation/recommend-modes.js';
import type { CandidateBook, ObjectiveEvaluator } from '../recommendation/shock-objective-evaluator.js';
import { readAccountBooks } from '../import/index.js';
import { compileBook } from '../kernel/compile-book.js';
import type { CompiledBook } from '../kernel/compiled-book.js';
import type { AccountShockOutcome } from '../kernel/outcomes.js';
import type { PathObserver } from '../kernel/path-record.js';
import { runBlocks, type PathModelRecipe } from '../kernel/run-blocks.js';
import { runReplay, type ReplayModeOutcome, type ReplayPath } from '../kernel/run-replay.js';
import type { MarginContext } from '../margin/evaluate-account.js';
import { MODE_NAMES, type ModeName } from '../margin/evaluation.js';
import { buildPathModel, type PathModelInputs } from '../scenarios/build-path-model.js';
import type { Calibration } from '../scenarios/calibration/calibration.js';
import { findSymbolKey, type CorrelationSource } from '../scenarios/calibration/resolve-model-inputs.js';
import { choleskyLower } from '../scenarios/correlation/cholesky.js';
import { eventReplayPath } from '../scenarios/events/event-replay-path.js';
import type { HistoricalEvent } from '../scenarios/events/historical-event.js';
import type { ReplayAssetSource, ReplayPricePath } from '../scenarios/events/replay-path.js';
import { userReplayPath, type UserPriceSeries } from '../scenarios/events/user-price-paths.js';
import { createBootstrapModel, type BootstrapModelSpec } from '../scenarios/models/bootstrap-model.js';
import { createGbmModel, type GbmModelSpec } from '../scenarios/models/gbm-model.js';
import type { PathModel, PathModelKind } from '../scenarios/models/path-model.js';
import type { ReturnHistory } from '../scenarios/models/return-history.js';
import { createStudentTModel, type StudentTModelSpec } from '../scenarios/models/student-t-model.js';
import { positionReadOptions, tierBookOf, type EvaluateRequest } from './evaluate.js';
import type { AccountReplay, AccountSimulation, PositionLabel, ReplayScenario, ScenarioReplay, SimulatedAccount } from '../results/shock-results.js';
import type { AccountJointBoundary } from '../boundary/account-joint-boundary.js';
import { recommendationSummary, type AccountRecommendation } from '../recommendation/recommendation-summary.js';

export type { AccountReplay, AccountSimulation, PositionLabel, ReplayScenario, ScenarioReplay } from '../results/shock-results.js';

/** Hours in the contract's 365-day year. */
export const HOURS_PER_YEAR = 365 * 24;

/** Everything that shapes a Monte Carlo run, apart from the book. */
export interface SimulationSettings {
  readonly model: PathModelKind;
  readonly paths: number;
  readonly horizonHours: number;
  /** Monitoring steps over the horizon. */
  readonly steps: number;
  /** Integer in [0, 2^53). Same seed and inputs, same numbers, whatever `threads`. */
  readonly seed: number;
  /** Worker threads (default: all cores); never changes the result. */
  readonly threads?: number;
  /** Liquidations fill this many basis points beyond the trigger price. */
  readonly slippageBps: number;
  /** From `--history`, else the built-in one (src/io/bundled-calibration.ts). */
  readonly calibration: Calibration | null;
  /** `--vol SYMBOL=ANNUAL_VOL`, keyed by symbol as given (upper case). */
  readonly volOverrides: ReadonlyMap<string, number>;
  /** `--corr`; default: the calibration's correlation. */
  readonly correlation?: CorrelationSource;
  /** `--df` for student-t; default from the calibration. */
  readonly df?: number;
  /** Return history the bootstrap resamples. */
  readonly bootstrapHistory: ReturnHistory | null;
  /** Recommend margin modes per account (`--recommend`); absent: no recommendation. */
  readonly recommend?: RecommendSettings;
  /** The joint liquidation boundary per account; absent: none (`--no-boundary`). */
  readonly boundary?: BoundarySettings;
}

/** Most paths a recommendation evaluates each candidate on. */
export const RECOMMEND_MAX_PATHS = 5_000;
/** Candidate × path evaluations a recommendation may spend per account (about 5 s at 6 positions). */
export const RECOMMEND_PATH_BUDGET = 500_000;
/** Fewest paths per candidate whatever the candidate count (unless the simulation has fewer). */
export const RECOMMEND_MIN_PATHS = 500;
/** Positions searched exhaustively; beyond, the local search of `recommendModes`. */
const RECOMMEND_EXHAUSTIVE_LIMIT = 10;

/**
 * How `simulate --recommend` searches: every candidate (the three modes, and each "isolate these
 * positions, split the same capital by policy P") on the same first paths of the run's seed.
 */
interface RecommendSettings {
  readonly objective: ModeObjective;
  /** Most paths per candidate (default RECOMMEND_MAX_PATHS). */
  readonly maxPaths?: number;
  /** Candidate × path evaluations per account (default RECOMMEND_PATH_BUDGET). */
  readonly pathBudget?: number;
}

/** The joint liquidation boundary's grid. */
interface BoundarySettings {
  /** Grid points per axis, >= 2 (moves from −60 % to +60 %). */
  readonly gridPoints: number;
}

/** Hooks into a run: progress, and every path's record (e.g. for a loss histogram). */
export interface SimulationHooks {
  readonly onProgress?: (account: string, pathsDone: number, pathsTotal: number) => void;
  readonly observer?: (account: string) => PathObserver | undefined;
  /**
   * True to check the account (its problems are still reported) without simulating it, e.g. once
   * a problem elsewhere has stopped the run.
   */
  readonly skip?: (account: string) => boolean;
}

export interface SimulateRequest extends EvaluateRequest {
  readonly settings: SimulationSettings;
  readonly hooks?: SimulationHooks;
}

/** A model's kind and the spec its factory takes: what a worker thread rebuilds it from. */
type ModelSpec =
  | { readonly kind: 'gbm'; readonly spec: GbmModelSpec }
  | { readonly kind: 'student-t'; readonly spec: StudentTModelSpec }
  | { readonly kind: 'bootstrap'; readonly spec: BootstrapModelSpec };

/** The compiled module and export each model kind is rebuilt with in a worker thread. */
const MODEL_FACTORIES: Readonly<Record<PathModelKind, { readonly url: URL; readonly exportName: string }>> = {
  gbm: { url: new URL('../scenarios/models/gbm-model.js', import.meta.url), exportName: 'createGbmModel' },
  'student-t': { url: new URL('../scenarios/models/student-t-model.js', import.meta.url), exportName: 'createStudentTModel' },
  bootstrap: { url: new URL('../scenarios/models/bootstrap-model.js', import.meta.url), exportName: 'createBootstrapModel' },
};

/** The spec of the model buildPathModel resolved, so workers and this thread build the same one. */
function modelSpec(settings: SimulationSettings, assets: readonly string[], inputs: PathModelInputs): ModelSpec {
  const grid = { nSteps: settings.steps, dtYears: settings.horizonHours / HOURS_PER_YEAR / settings.steps };
  if (settings.model === 'bootstrap') {
    const history = settings.bootstrapHistory!;
    const columns = assets.map((asset) => history.symbols.indexOf(findSymbolKey(asset, history.symbols)!));
    return { kind: 'bootstrap', spec: { history, columns, ...grid } };
  }
  const choleskyFactor = choleskyLower(inputs.correlation);
  if (settings.model === 'gbm') return { kind: 'gbm', spec: { volAnnual: inputs.volAnnual, choleskyFactor, ...grid } };
  return { kind: 'student-t', spec: { volAnnual: inputs.volAnnual, choleskyFactor, df: inputs.df!, ...grid } };
}

function createModel(model: ModelSpec): PathModel {
  switch (model.kind) {
    case 'gbm':
      return createGbmModel(model.spec);
    case 'student-t':
      return createStudentTModel(model.spec);
    case 'bootstrap':
      return createBootstrapModel(model.spec);
  }
}

function positionLabels(positions: readonly Position[]): PositionLabel[] {
  return positions.map((p) => ({ positionId: p.positionId, symbol: p.symbol, side: p.side }));
}

interface CompiledAccount {
  readonly account: PreparedAccount;
  readonly compiled: CompiledBook;
  readonly positions: PositionLabel[];
}

/** Resolve and compile one account; Issues (tagged with the account) when it cannot be. */
function compileAccount(book: AccountBook, context: MarginContext): { compiled: CompiledAccount | null; issues: Issue[] } {
  const { account, issues } = prepareAccount(book, context);
  if (account === null) return { compiled: null, issues };
  const compiled = compileBook(account.resolved, account.collateral, account.policy);
  return { compiled: { account, compiled, positions: positionLabels(account.resolved.positions.map((r) => r.position)) }, issues: [] };
}

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
interface AnalysisInputs {
  readonly spec: ModelSpec;
  readonly assets: readonly string[];
  readonly correlation: Float64Array | null;
  /** The account's loss asset. */
  readonly asset: string;
}

/** The mode recommendation of one account, on common paths of the run's model and seed. */
function recommendAccount(compiled: CompiledAccount, context: MarginContext, settings: SimulationSettings, recommend: RecommendSettings, inputs: AnalysisInputs): AccountRecommendation {
  const book = compiled.account.resolved.book;
  const paths = recommendPaths(compiled.positions.length, settings.paths, recommend);
  const kernel = kernelObjectiveEvaluator(context, {
    model: createModel(inputs.spec),
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

/**
 * The joint boundary of the account's largest cross pool and the probability of reaching it on
 * the simulation's paths of its two factors; null when that pool is on fewer than two assets.
 */
function accountBoundary(compiled: CompiledAccount, context: MarginContext, settings: SimulationSettings, boundarySettings: BoundarySettings, inputs: AnalysisInputs): AccountJointBoundary | null {
  const boundary = accountJointBoundary(compiled.account.resolved.book, context, { points: boundarySettings.gridPoints });
  if (boundary === null) return null;
  const pool = modePoolsOf(compiled.account, 'cross').pools.find((p) => p.poolId === boundary.poolId);
  const first = inputs.assets.indexOf(boundary.first.asset);
  const second = inputs.assets.indexOf(boundary.second.asset);
  const hit =
    pool === undefined || first < 0 || second < 0
      ? null
      : boundaryHitProbability(pool, boundary.first.asset, boundary.second.asset, modelFactorPaths(createModel(inputs.spec), first, second, settings.seed, settings.paths));
  return { boundary, hit, horizonHours: settings.horizonHours, steps: settings.steps };
}

function tagged(issues: readonly Issue[], account: string): Issue[] {
  return issues.map((issue) => (issue.account === undefined ? { ...issue, account } : issue));
}

/**
 * Monte Carlo of one account: the model for its assets, `settings.paths` paths in all three
 * modes, and the contagion between its positions; with `settings.recommend` the mode
 * recommendation, with `settings.boundary` the joint liquidation boundary (both in process, after
 * the paths). Null with Issues when a symbol has no tier table or no volatility (named), or the
 * model cannot be built.
 */
export async function simulateAccount(
  book: AccountBook,
  context: MarginContext,
  settings: SimulationSettings,
  hooks: SimulationHooks = {},
): Promise<{ simulation: SimulatedAccount | null; issues: Issue[] }> {
  const { compiled: prepared, issues } = compileAccount(book, context);
  if (prepared === null) return { simulation: null, issues };
  const { compiled, positions } = prepared;
  const assets = compiled.assetNames;
  const built = buildPathModel({
    model: settings.model,
    assets,
    horizonYears: settings.horizonHours / HOURS_PER_YEAR,
    nSteps: settings.steps,
    calibration: settings.calibration,
    volOverrides: settings.volOverrides,
    ...(settings.correlation === undefined ? {} : { correlation: settings.correlation }),
    ...(settings.df === undefined ? {} : { df: settings.df }),
    bootstrapHistory: settings.bootstrapHistory,
  });
  if (built.model === null || built.inputs === null) return { simulation: null, issues: tagged(built.issues, book.account) };
  if (hooks.skip?.(book.account) === true) return { simulation: null, issues: [] };
  const spec = modelSpec(settings, assets, built.inputs);
  const factory = MODEL_FACTORIES[spec.kind];
  const recipe: PathModelRecipe = { moduleUrl: factory.url.href, exportName: factory.exportName, spec: spec.spec };
  const contagion = new ContagionAccumulator(contagionLayoutOfBook(compiled));
  const extra = hooks.observer?.(book.account);
  const correlation = built.inputs.correlation.length === 0 ? null : Float64Array.from(built.inputs.correlation.flat());
  const outcome = await runBlocks({
    book: compiled,
    model: createModel(spec),
    recipe,
    modelAssets: assets,
    correlation,
    seed: settings.seed,
    paths: settings.paths,
    ...(settings.threads === undefined ? {} : { threads: settings.threads }),
    options: { slippageBps: settings.slippageBps, monitoring: 'continuous' },
    observer: (path) => {
      contagion.add(path);
      extra?.(path);
    },
    onProgress: (done, total) => hooks.onProgress?.(book.account, done, total),
  });
  const inputs: AnalysisInputs = { spec, assets, correlation, asset: outcome.asset };
  return {
    simulation: {
      account: book.account,
      outcome,
      contagion: contagion.finish(),
      modelAssets: assets,
      modelInputs: built.inputs,
      positions,
      notes: [...compiled.warnings, ...built.notes],
      ...(settings.recommend === undefined ? {} : { recommendation: recommendAccount(prepared, context, settings, settings.recommend, inputs) }),
      ...(settings.boundary === undefined ? {} : { jointBoundary: accountBoundary(prepared, context, settings, settings.boundary, inputs) }),
    },
    issues: [],
  };
}

/** The margin context of a request: bundled tiers overlaid with the user's. */
function marginContext(request: EvaluateRequest): MarginContext {
  return { tierBook: tierBookOf(request), allocation: request.allocation };
}

/** Account books of a request's positions file, streamed. */
function booksOf(request: EvaluateRequest, issues: Issue[]): AsyncGenerator<AccountBook> {
  return readAccountBooks(request.positions.chunks, request.positions.label, request.balances, positionReadOptions(request, tierBookOf(request)), issues);
}

/**
 * Simulate every account of a positions file, one account at a time (streaming): each is yielded
 * when its paths are done. Input problems are appended to `issues`; such an account is skipped.
 */
export async function* simulatePortfolio(request: SimulateRequest, issues: Issue[]): AsyncGenerator<SimulatedAccount> {
  const context = marginContext(request);
  for await (const book of booksOf(request, issues)) {
    const { simulation, issues: found } = await simulateAccount(book, context, request.settings, request.hooks);
    issues.push(...found);
    if (simulation !== null) yield simulation;
  }
}

// ---- replay ----

export interface ReplaySettings {
  readonly scenarios: readonly ReplayScenario[];
  /** Asset that drives symbols an event has no path for (default ETH); null: no proxies. */
  readonly proxyAsset?: string | null;
  readonly slippageBps: number;
}

export interface ReplayRequest extends EvaluateRequest {
  readonly settings: ReplaySettings;
}

/**
 * Prices → what the kernel reads: per step, the log return of the close and of the bar's low and
 * high, each against the previous close (the mark before the first step).
 */
export function kernelReplayPath(path: ReplayPricePath): ReplayPath {
  const n = path.assets.length;
  const cells = path.nSteps * n;
  const logReturns = new Float64Array(cells);
  const barLow = new Float64Array(cells);
  const barHigh = new Float64Array(cells);
  for (let k = 0; k < cells; k++) {
    const previous = k < n ? path.marks[k]! : path.close[k - n]!;
    logReturns[k] = Math.log(path.close[k]! / previous);
    barLow[k] = Math.log(path.low[k]! / previous);
    barHigh[k] = Math.log(path.high[k]! / previous);
  }
  return { assets: path.assets, nSteps: path.nSteps, logReturns, barLow, barHigh };
}

/** Mark of each asset of the book (its first position's): the price every replay path starts at. */
function assetMarks(book: CompiledBook): number[] {
  return book.assetNames.map((_, a) => book.positionMark[book.positionAsset.indexOf(a)]!);
}

function pricePath(scenario: ReplayScenario, book: CompiledBook, proxyAsset: string | null | undefined): { path: ReplayPricePath | null; issues: Issue[] } {
  const marks = assetMarks(book);
  if (scenario.kind === 'prices') return userReplayPath(scenario.series, book.assetNames, marks, scenario.label);
  return eventReplayPath(scenario.event, book.assetNames, marks, proxyAsset === undefined ? {} : { proxyAsset });
}

/** A symbol missing from several events is one problem: the first event's, counting the others. */
function oncePerSymbol(issues: readonly Issue[]): Issue[] {
  const first = new Map<string, { issue: Issue; more: number }>();
  const out: Issue[] = [];
  for (const issue of issues) {
    const key = issue.code === 'unknown-symbol' && issue.value !== undefined ? `${issue.file}|${issue.value}` : null;
    const seen = key === null ? undefined : first.get(key);
    if (seen !== undefined) seen.more++;
    else if (key !== null) first.set(key, { issue, more: 0 });
    else out.push(issue);
  }
  for (const { issue, more } of first.values()) {
    out.push(more === 0 ? issue : { ...issue, message: `${issue.message} (and in ${more} other event${more === 1 ? '' : 's'})` });
  }
  return out;
}

/**
 * Replay every scenario on one account: all three modes on the same capital, liquidation times,
 * losses, the minimum equity, and who cross margin drags down or holds up on that path. Null
 * with Issues when the account cannot be compiled or a symbol has no path and no proxy (named).
 */
export function replayAccount(book: AccountBook, context: MarginContext, settings: ReplaySettings): { replay: AccountReplay | null; issues: Issue[] } {
  const { compiled: prepared, issues } = compileAccount(book, context);
  if (prepared === null) return { replay: null, issues };
  const { compiled, positions } = prepared;
  const layout = contagionLayoutOfBook(compiled);
  const replays: ScenarioReplay[] = [];
  for (const scenario of settings.scenarios) {
    const { path, issues: found } = pricePath(scenario, compiled, settings.proxyAsset);
    issues.push(...tagged(found, book.account));
    if (path === null || issues.length > 0) continue;
    const outcome = runReplay(compiled, kernelReplayPath(path), { slippageBps: settings.slippageBps });
    const contagion = new ContagionAccumulator(layout);
    contagion.add(outcome.record);
    replays.push({
      scenario: path.name,
      startMs: path.startMs,
      endMs: path.endMs,
      assets: path.assets,
      sources: path.sources,
      stepEndMs: path.stepEndMs,
      modes: outcome.modes,
      contagion: contagion.finish(),
    });
  }
  if (issues.length > 0) return { replay: null, issues: oncePerSymbol(issues) };
  return { replay: { account: book.account, positions, replays, notes: [...compiled.warnings] }, issues };
}

/**
 * Replay every account of a positions file, one at a time (streaming). Input problems are
 * appended to `issues`; such an account is skipped.
 */
export async function* replayPortfolio(request: ReplayRequest, issues: Issue[]): AsyncGenerator<AccountReplay> {
  const context = marginContext(request);
  for await (const book of booksOf(request, issues)) {
    const { replay, issues: found } = replayAccount(book, context, request.settings);
    issues.push(...found);
    if (replay !== null) yield replay;
  }
}
