// The simulate and replay flows in one place, like src/pipeline.ts for evaluate.
//
//   positions CSV ──readAccountBooks──▶ AccountBook per account (streamed, one at a time)
//        ▼ prepareAccount: venue schedules + collateral (bad symbols become Issues, as in evaluate)
//        ▼ compileBook: the exported / isolated / cross pools on the same capital, as typed arrays
//   simulate: buildPathModel for the account's assets (calibration, --vol, --corr, tails)
//             ─▶ runBlocks: seeded blocks of paths on worker threads, merged in block order
//             ─▶ every path also folded into a ContagionAccumulator ─▶ AccountSimulation
//   replay:   per event, its bars rebased to the account's marks (proxies flagged)
//             ─▶ runReplay: the one path through the same kernel ─▶ contagion of that path
//
// The flows are pure apart from worker threads; the CLI reads files and passes their content.

import type { Position, Side } from './domain/position.js';
import type { AccountBook } from './domain/account-book.js';
import type { Issue } from './domain/issue.js';
import { ContagionAccumulator } from './contagion/contagion-accumulator.js';
import { contagionLayoutOfBook } from './contagion/contagion-layout.js';
import type { AccountContagion } from './contagion/contagion-summary.js';
import { prepareAccount } from './contagion/prepared-account.js';
import { readAccountBooks } from './import/index.js';
import { compileBook } from './kernel/compile-book.js';
import type { CompiledBook } from './kernel/compiled-book.js';
import type { AccountShockOutcome } from './kernel/outcomes.js';
import type { PathObserver } from './kernel/path-record.js';
import { runBlocks, type PathModelRecipe } from './kernel/run-blocks.js';
import { runReplay, type ReplayModeOutcome, type ReplayPath as KernelReplayPath } from './kernel/run-replay.js';
import type { MarginContext } from './margin/evaluate-account.js';
import type { ModeName } from './margin/evaluation.js';
import { buildPathModel, type PathModelInputs } from './scenarios/build-path-model.js';
import type { Calibration } from './scenarios/calibration/calibration.js';
import { findSymbolKey, type CorrelationSource } from './scenarios/calibration/resolve-model-inputs.js';
import { choleskyLower } from './scenarios/correlation/cholesky.js';
import { eventReplayPath } from './scenarios/events/event-replay-path.js';
import type { HistoricalEvent } from './scenarios/events/historical-event.js';
import type { ReplayAssetSource, ReplayPath as PricePath } from './scenarios/events/replay-path.js';
import { userReplayPath, type UserPriceSeries } from './scenarios/events/user-price-paths.js';
import { createBootstrapModel, type BootstrapModelSpec } from './scenarios/models/bootstrap-model.js';
import { createGbmModel, type GbmModelSpec } from './scenarios/models/gbm-model.js';
import type { PathModel, PathModelKind } from './scenarios/models/path-model.js';
import type { ReturnHistory } from './scenarios/models/return-history.js';
import { createStudentTModel, type StudentTModelSpec } from './scenarios/models/student-t-model.js';
import type { EvaluateRequest } from './pipeline.js';
import type { AccountReplay, AccountSimulation, PositionLabel, ReplayScenario, ScenarioReplay } from './contagion/shock-results.js';
import { overlayTierBook } from './venues/tier-book.js';

export type { AccountReplay, AccountSimulation, PositionLabel, ReplayScenario, ScenarioReplay } from './contagion/shock-results.js';

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
  gbm: { url: new URL('./scenarios/models/gbm-model.js', import.meta.url), exportName: 'createGbmModel' },
  'student-t': { url: new URL('./scenarios/models/student-t-model.js', import.meta.url), exportName: 'createStudentTModel' },
  bootstrap: { url: new URL('./scenarios/models/bootstrap-model.js', import.meta.url), exportName: 'createBootstrapModel' },
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

/** Resolve and compile one account; Issues (tagged with the account) when it cannot be. */
function compileAccount(book: AccountBook, context: MarginContext): { compiled: CompiledBook | null; positions: PositionLabel[]; issues: Issue[] } {
  const { account, issues } = prepareAccount(book, context);
  if (account === null) return { compiled: null, positions: [], issues };
  const compiled = compileBook(account.resolved, account.collateral, account.policy);
  return { compiled, positions: positionLabels(account.resolved.positions.map((r) => r.position)), issues: [] };
}

function tagged(issues: readonly Issue[], account: string): Issue[] {
  return issues.map((issue) => (issue.account === undefined ? { ...issue, account } : issue));
}

/**
 * Monte Carlo of one account: the model for its assets, `settings.paths` paths in all three
 * modes, and the contagion between its positions. Null with Issues when a symbol has no tier
 * table or no volatility (named), or the model cannot be built.
 */
export async function simulateAccount(
  book: AccountBook,
  context: MarginContext,
  settings: SimulationSettings,
  hooks: SimulationHooks = {},
): Promise<{ simulation: AccountSimulation | null; issues: Issue[] }> {
  const { compiled, positions, issues } = compileAccount(book, context);
  if (compiled === null) return { simulation: null, issues };
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
  const outcome = await runBlocks({
    book: compiled,
    model: createModel(spec),
    recipe,
    modelAssets: assets,
    correlation: built.inputs.correlation.length === 0 ? null : Float64Array.from(built.inputs.correlation.flat()),
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
  return {
    simulation: {
      account: book.account,
      outcome,
      contagion: contagion.finish(),
      modelAssets: assets,
      modelInputs: built.inputs,
      positions,
      notes: [...compiled.warnings, ...built.notes],
    },
    issues: [],
  };
}

/** The margin context of a request: bundled tiers overlaid with the user's. */
function marginContext(request: EvaluateRequest): MarginContext {
  const tierBook = request.tierOverrides === undefined ? request.defaultTiers : overlayTierBook(request.defaultTiers, request.tierOverrides);
  return { tierBook, allocation: request.allocation };
}

/** Account books of a request's positions file, streamed. */
function booksOf(request: EvaluateRequest, issues: Issue[]): AsyncGenerator<AccountBook> {
  const readOptions = { defaultVenue: request.defaultVenue, ...(request.delimiter === undefined ? {} : { delimiter: request.delimiter }) };
  return readAccountBooks(request.positions.chunks, request.positions.label, request.balances, readOptions, issues);
}

/**
 * Simulate every account of a positions file, one account at a time (streaming): each is yielded
 * when its paths are done. Input problems are appended to `issues`; such an account is skipped.
 */
export async function* simulatePortfolio(request: SimulateRequest, issues: Issue[]): AsyncGenerator<AccountSimulation> {
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
export function kernelReplayPath(path: PricePath): KernelReplayPath {
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

function pricePath(scenario: ReplayScenario, book: CompiledBook, proxyAsset: string | null | undefined): { path: PricePath | null; issues: Issue[] } {
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
  const { compiled, positions, issues } = compileAccount(book, context);
  if (compiled === null) return { replay: null, issues };
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
