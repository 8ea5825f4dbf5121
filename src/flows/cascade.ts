// The cascade flow (cascade.md): a market of accounts moving its own price. Reads the user's
// books (own accounts) and the crowd's, checks them (one settlement asset, linear contracts, a
// depth for every symbol), builds the market (every account in its exported mode) and the
// price-taker markets of the own accounts in the three modes (src/cascade/cascade-runner.ts runs
// a path through them). A replay is one path per event, each bar walked through its extremes
// (src/cascade/bar-path.ts); Monte Carlo draws paths from the simulate models (path p uses
// streamForBlock(seed, p)) in blocks spread over worker threads (src/cascade/cascade-blocks.ts).

import type { AccountBook } from '../domain/account-book.js';
import type { Balance } from '../domain/balance.js';
import type { Issue } from '../domain/issue.js';
import { barPath, SUB_STEPS_PER_BAR } from '../cascade/bar-path.js';
import { runCascadeBlocks } from '../cascade/cascade-blocks.js';
import type { CascadeMarket, MarketDepth } from '../cascade/cascade-market.js';
import type { CascadeEventResult, CascadeMarketResult, CascadeResult, OwnAccountResult } from '../cascade/cascade-result.js';
import { CascadeRunner, type CascadeMarkets } from '../cascade/cascade-runner.js';
import { assembleMarket, prepareMarket, type MarketBook, type PreparedMarket } from '../cascade/market-assembly.js';
import { replayMarketResult, replayOwnResults } from '../cascade/path-summary.js';
import type { PathModelRecipe } from '../kernel/run-blocks.js';
import { MODE_NAMES, type ModeName } from '../margin/evaluation.js';
import type { ReplayScenario } from '../results/shock-results.js';
import { buildPathModel } from '../scenarios/build-path-model.js';
import { eventReplayPath } from '../scenarios/events/event-replay-path.js';
import { userReplayPath } from '../scenarios/events/user-price-paths.js';
import { pathModelFactory } from '../scenarios/models/path-model-spec.js';
import { marginContext, readRequestBooks, type EvaluateRequest } from './book-request.js';
import { pathModelRequest, type SimulationSettings } from './simulation-settings.js';

export interface CascadeMarketSettings {
  /** Quote notional per 1 % move, by symbol (upper case). */
  readonly depth: ReadonlyMap<string, MarketDepth>;
  /** Where the depths came from, for messages (`--depth` or the file's name). */
  readonly depthLabel: string;
  /** Insurance fund by settlement asset (absent: 0). */
  readonly insuranceFund: ReadonlyMap<string, number>;
  /** Half-life of the price impact, hours; null: permanent within the horizon. */
  readonly resilienceHalfLifeHours: number | null;
}

export type CascadeScenarios =
  | { readonly kind: 'replay'; readonly scenarios: readonly ReplayScenario[]; readonly proxyAsset?: string | null }
  | { readonly kind: 'monte-carlo'; readonly settings: SimulationSettings };

export type { CascadeResult } from '../cascade/cascade-result.js';

export interface CascadeRequest extends EvaluateRequest {
  /** The crowd (`--crowd`): the rest of the market; null when the positions file is the market. */
  readonly crowd: { readonly chunks: AsyncIterable<string | Uint8Array>; readonly label: string; readonly balances: readonly Balance[] } | null;
  readonly market: CascadeMarketSettings;
  readonly scenarios: CascadeScenarios;
  /** Monte Carlo progress: paths merged so far of the total (the CLI's progress line). */
  readonly onProgress?: (pathsDone: number, pathsTotal: number) => void;
}


async function readBooks(request: CascadeRequest, issues: Issue[]): Promise<MarketBook[]> {
  const books: MarketBook[] = [];
  for await (const book of readRequestBooks(request, issues)) books.push({ book, own: true });
  if (request.crowd !== null) {
    const crowdRequest: EvaluateRequest = { ...request, positions: request.crowd, balances: request.crowd.balances };
    for await (const book of readRequestBooks(crowdRequest, issues)) books.push({ book: book as AccountBook, own: false });
  }
  return books;
}

function buildMarkets(request: CascadeRequest, prepared: PreparedMarket): CascadeMarkets {
  const everyone = [...prepared.own.map((o) => o.account), ...prepared.crowd];
  const ownAccounts = prepared.own.map((o) => o.account);
  const shadows = Object.fromEntries(MODE_NAMES.map((mode) => [mode, assembleMarket(prepared, ownAccounts, mode, null)])) as Record<ModeName, CascadeMarket>;
  return {
    market: assembleMarket(prepared, everyone, 'exported', request.market.depth),
    shadows,
    ownNames: prepared.own.map((o) => o.name),
    fund: request.market.insuranceFund.get(prepared.asset) ?? 0,
  };
}

/** Decay of the impact over one step of `stepHours`: 2^(−Δt / halfLife), 1 when permanent. */
function impactDecay(settings: CascadeMarketSettings, stepHours: number): number {
  return settings.resilienceHalfLifeHours === null ? 1 : Math.pow(2, -stepHours / settings.resilienceHalfLifeHours);
}

function displayAccount(name: string): string {
  return name;
}

function runReplays(request: CascadeRequest, runner: CascadeRunner, prepared: PreparedMarket, accountCount: number, scenarios: readonly ReplayScenario[], proxyAsset: string | null | undefined, issues: Issue[]): CascadeEventResult[] {
  const { symbols, startPrice } = prepared;
  const events: CascadeEventResult[] = [];
  for (const scenario of scenarios) {
    const { path, issues: found } =
      scenario.kind === 'prices' ? userReplayPath(scenario.series, symbols, startPrice, scenario.label) : eventReplayPath(scenario.event, symbols, startPrice, proxyAsset === undefined ? {} : { proxyAsset });
    issues.push(...found);
    if (path === null) continue;
    const exo = barPath(path);
    const stepHours = (path.endMs - path.startMs) / path.nSteps / 3_600_000;
    const own = runner.runPath(exo, impactDecay(request.market, stepHours / SUB_STEPS_PER_BAR), true);
    const market = replayMarketResult(runner.markets.market, runner.market.state, exo, { accountCount, displayAccount, subStepsPerStep: SUB_STEPS_PER_BAR });
    events.push({ event: path.name, startMs: path.startMs, endMs: path.endMs, steps: path.nSteps, stepEndMs: [...path.stepEndMs], market, accounts: replayOwnResults(own, SUB_STEPS_PER_BAR) });
  }
  return events;
}

async function runMonteCarlo(request: CascadeRequest, markets: CascadeMarkets, prepared: PreparedMarket, accountCount: number, settings: SimulationSettings, issues: Issue[], notes: string[]): Promise<{ market: CascadeMarketResult; accounts: OwnAccountResult[] } | null> {
  const built = buildPathModel(pathModelRequest(settings, prepared.symbols));
  issues.push(...built.issues);
  notes.push(...built.notes);
  if (built.model === null || built.spec === null) return null;
  const recipe: PathModelRecipe = { ...pathModelFactory(built.spec.kind), spec: built.spec.spec };
  const accumulator = await runCascadeBlocks({
    markets,
    model: built.model,
    recipe,
    seed: settings.seed,
    paths: settings.paths,
    impactDecayPerStep: impactDecay(request.market, settings.horizonHours / settings.steps),
    ...(settings.threads === undefined ? {} : { threads: settings.threads }),
    ...(request.onProgress === undefined ? {} : { onProgress: request.onProgress }),
  });
  return accumulator.finish({ accountCount, displayAccount });
}

/**
 * Runs the cascade of `request`. Input problems (files, a symbol with no depth, another
 * settlement asset, a negative fund) are appended to `issues`; the result is null then.
 */
export async function runCascade(request: CascadeRequest, issues: Issue[]): Promise<CascadeResult | null> {
  const before = issues.length;
  for (const [asset, amount] of request.market.insuranceFund) {
    if (!(amount >= 0) || !Number.isFinite(amount)) issues.push({ code: 'negative', file: '--insurance-fund', line: 0, column: asset, message: 'the insurance fund must be a finite amount >= 0', value: String(amount) });
  }
  const books = await readBooks(request, issues);
  if (issues.length > before) return null;
  const { market: prepared, issues: found } = prepareMarket(books, marginContext(request), request.market.depth, request.market.depthLabel);
  issues.push(...found);
  if (prepared === null || issues.length > before) return null;
  const markets = buildMarkets(request, prepared);
  const accountCount = prepared.own.length + prepared.crowd.length;
  const notes: string[] = [];
  const base = {
    asset: prepared.asset,
    symbols: prepared.symbols,
    accounts: accountCount,
    positions: markets.market.positionCount,
    fund: markets.fund,
  };
  if (request.scenarios.kind === 'replay') {
    const events = runReplays(request, new CascadeRunner(markets), prepared, accountCount, request.scenarios.scenarios, request.scenarios.proxyAsset, issues);
    if (issues.length > before) return null;
    for (const e of events) if (e.market.roundCapHits > 0) notes.push(`${e.event}: the 50-round cap stopped a cascade that was still going in ${e.market.roundCapHits} step(s)`);
    return { ...base, events, market: null, ownAccounts: null, notes };
  }
  const mc = await runMonteCarlo(request, markets, prepared, accountCount, request.scenarios.settings, issues, notes);
  if (mc === null || issues.length > before) return null;
  if (mc.market.roundCapHits > 0) notes.push(`the 50-round cap stopped a cascade that was still going in ${mc.market.roundCapHits} step(s) over all paths`);
  return { ...base, events: null, market: mc.market, ownAccounts: mc.accounts, notes };
}
