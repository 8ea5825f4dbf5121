// The simulate flow, account by account (streamed):
//
//   AccountBook ─▶ compileAccount: venue schedules + collateral, the three modes as typed arrays
//     ─▶ buildPathModel for the account's assets (calibration, --vol, --corr, tails)
//     ─▶ optionally (simulate-analyses.ts) the joint boundary, whose hits the kernel counts
//     ─▶ runBlocks: seeded blocks of paths on this thread and worker threads, merged in block order
//     ─▶ every path also folded into a ContagionAccumulator ─▶ SimulatedAccount
//     ─▶ optionally (simulate-analyses.ts) the mode recommendation.
//
// Pure apart from worker threads: the caller reads files and passes their content.

import type { AccountBook } from '../domain/account-book.js';
import type { Issue } from '../domain/issue.js';
import { ContagionAccumulator } from '../contagion/contagion-accumulator.js';
import { contagionLayoutOfBook } from '../contagion/contagion-layout.js';
import { prestartSimulationWorkers, runBlocks, type PathModelRecipe } from '../kernel/run-blocks.js';
import type { MarginContext } from '../margin/evaluate-account.js';
import type { SimulatedAccount } from '../results/shock-results.js';
import { buildPathModel } from '../scenarios/build-path-model.js';
import { createPathModel, pathModelFactory } from '../scenarios/models/path-model-spec.js';
import { marginContext, readRequestBooks, type EvaluateRequest } from './book-request.js';
import { compileAccount, tagged } from './compiled-account.js';
import { derivedTierNotes } from './evaluation-notes.js';
import { finishAccountBoundary, planAccountBoundary, recommendAccount, type AnalysisInputs } from './simulate-analyses.js';
import { pathModelRequest, type SimulationHooks, type SimulationSettings } from './simulation-settings.js';

export interface SimulateRequest extends EvaluateRequest {
  readonly settings: SimulationSettings;
  readonly hooks?: SimulationHooks;
}

/**
 * Monte Carlo of one account: the model for its assets, `settings.paths` paths in all three
 * modes, and the contagion between its positions; with `settings.recommend` the mode
 * recommendation, with `settings.boundary` the joint liquidation boundary (both in process, after
 * the paths). Null with Issues when a symbol has no tier table or no volatility (named), or the
 * model cannot be built; null with none for a flat account (balances, no positions): no path
 * moves it.
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
  const built = buildPathModel(pathModelRequest(settings, assets));
  if (built.model === null || built.inputs === null) return { simulation: null, issues: tagged(built.issues, book.account) };
  if (hooks.skip?.(book.account) === true) return { simulation: null, issues: [] };
  const spec = built.spec!;
  const recipe: PathModelRecipe = { ...pathModelFactory(spec.kind), spec: spec.spec };
  const contagion = new ContagionAccumulator(contagionLayoutOfBook(compiled));
  const extra = hooks.observer?.(book.account);
  const correlation = built.inputs.correlation.length === 0 ? null : Float64Array.from(built.inputs.correlation.flat());
  const boundary = settings.boundary === undefined ? undefined : planAccountBoundary(prepared, context, settings.boundary);
  const outcome = await runBlocks({
    book: compiled,
    model: createPathModel(spec),
    recipe,
    modelAssets: assets,
    correlation,
    seed: settings.seed,
    paths: settings.paths,
    ...(settings.threads === undefined ? {} : { threads: settings.threads }),
    options: { slippageBps: settings.slippageBps, monitoring: 'continuous' },
    ...(boundary?.probe == null ? {} : { twoFactorProbe: boundary.probe }),
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
      notes: [...compiled.warnings, ...built.notes, ...derivedTierNotes(book, context.tierBook)],
      ...(settings.recommend === undefined ? {} : { recommendation: recommendAccount(prepared, context, settings, settings.recommend, inputs) }),
      ...(boundary === undefined ? {} : { jointBoundary: boundary === null ? null : finishAccountBoundary(boundary, settings, outcome.twoFactorHits) }),
    },
    issues: [],
  };
}

/** Accounts simulated at once: the next one's blocks keep the worker threads busy while this thread finishes the one before. */
const ACCOUNTS_IN_FLIGHT = 2;

/**
 * Simulate every account of a positions file, streaming, in file order: each is yielded when its
 * paths are done. The next account is read and started while one runs (its blocks queue behind
 * the running account's, see block-scheduler.ts), so the threads do not wait between accounts;
 * results are those of one account at a time. Input problems are appended to `issues` (an
 * account's own, in file order); such an account is skipped.
 */
export async function* simulatePortfolio(request: SimulateRequest, issues: Issue[]): AsyncGenerator<SimulatedAccount> {
  const context = marginContext(request);
  const running: Promise<{ simulation: SimulatedAccount | null; issues: Issue[] }>[] = [];
  let accountsStarted = 0;
  /** The oldest running account, once done: its problems recorded, its simulation (if any). */
  const oldest = async (): Promise<SimulatedAccount | null> => {
    const { simulation, issues: found } = await running.shift()!;
    issues.push(...found);
    return simulation;
  };
  try {
    for await (const book of readRequestBooks(request, issues)) {
      const started = simulateAccount(book, context, request.settings, request.hooks);
      // A failure is taken when the account's turn comes; never left unhandled meanwhile.
      started.catch(() => undefined);
      running.push(started);
      // A second account: a batch, worth the worker threads even when each account is small.
      if (++accountsStarted === 2) prestartSimulationWorkers(request.settings.paths, request.settings.threads);
      if (running.length < ACCOUNTS_IN_FLIGHT) continue;
      const simulation = await oldest();
      if (simulation !== null) yield simulation;
    }
    while (running.length > 0) {
      const simulation = await oldest();
      if (simulation !== null) yield simulation;
    }
  } finally {
    // Stopped early (the consumer broke off, or an account failed): the accounts still running
    // finish on their own; their results are dropped.
    running.length = 0;
  }
}
