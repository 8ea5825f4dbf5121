// The cascade flow (cascade.md): a market of accounts moving its own price. Reads the user's
// books (own accounts) and the crowd's, checks them (one settlement asset, linear contracts, a
// depth for every symbol), builds the market (every account in its exported mode) and the
// price-taker markets of the own accounts in the three modes, then per path:
//   1. the market runs on the exogenous path (rounds, impact, fund, ADL) → the realised path;
//   2. own accounts in isolated and cross run as price takers on the realised path (exported:
//      read from the market itself, ADL included);
//   3. own accounts in all three modes run as price takers on the exogenous path, so a
//      liquidation the cascade caused (realised yes, exogenous no) is named.
// A replay is one path per event; Monte Carlo draws paths from the simulate models (same seeded
// streams: path p uses streamForBlock(seed, p)).

import type { AccountBook } from '../domain/account-book.js';
import type { Balance } from '../domain/balance.js';
import type { Issue } from '../domain/issue.js';
import type { MarketDepth } from '../cascade/cascade-market.js';
import { CascadeEngine, type ExogenousPath } from '../cascade/cascade-path.js';
import type { CascadeEventResult, CascadeMarketResult, CascadeResult, OwnAccountResult } from '../cascade/cascade-result.js';
import { assembleMarket, prepareMarket, type MarketBook, type PreparedMarket } from '../cascade/market-assembly.js';
import { AccountPools, type AccountPathOutcome } from '../cascade/own-outcome.js';
import { PathsAccumulator, replayMarketResult, replayOwnResults, type OwnPathOutcomes } from '../cascade/path-summary.js';
import { MODE_NAMES, type ModeName } from '../margin/evaluation.js';
import type { ReplayScenario } from '../results/shock-results.js';
import { buildPathModel } from '../scenarios/build-path-model.js';
import { eventReplayPath } from '../scenarios/events/event-replay-path.js';
import type { ReplayPricePath } from '../scenarios/events/replay-path.js';
import { userReplayPath } from '../scenarios/events/user-price-paths.js';
import { streamForBlock } from '../scenarios/random/stream-for-block.js';
import { marginContext, readRequestBooks, type EvaluateRequest } from './book-request.js';
import { HOURS_PER_YEAR, type SimulationSettings } from './simulation-settings.js';

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
}


/** The market and the own accounts' price-taker markets, ready to run paths on. */
interface Engines {
  readonly prepared: PreparedMarket;
  readonly market: CascadeEngine;
  readonly marketPools: AccountPools;
  readonly shadows: Readonly<Record<ModeName, { engine: CascadeEngine; pools: AccountPools }>>;
  readonly fund: number;
  readonly accountCount: number;
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

function buildEngines(request: CascadeRequest, prepared: PreparedMarket): Engines {
  const everyone = [...prepared.own.map((o) => o.account), ...prepared.crowd];
  const market = new CascadeEngine(assembleMarket(prepared, everyone, 'exported', request.market.depth));
  const ownAccounts = prepared.own.map((o) => o.account);
  const shadows = Object.fromEntries(
    MODE_NAMES.map((mode) => {
      const engine = new CascadeEngine(assembleMarket(prepared, ownAccounts, mode, null));
      return [mode, { engine, pools: new AccountPools(engine.market) }];
    }),
  ) as Engines['shadows'];
  return { prepared, market, marketPools: new AccountPools(market.market), shadows, fund: request.market.insuranceFund.get(prepared.asset) ?? 0, accountCount: everyone.length };
}

/** Decay of the impact over one step of `stepHours`: 2^(−Δt / halfLife), 1 when permanent. */
function impactDecay(settings: CascadeMarketSettings, stepHours: number): number {
  return settings.resilienceHalfLifeHours === null ? 1 : Math.pow(2, -stepHours / settings.resilienceHalfLifeHours);
}

const PRICE_TAKER = { fund: Infinity, impactDecayPerStep: 1, recordAdl: false } as const;

/** Runs one exogenous path through the market and the own accounts' price-taker markets. */
function runPath(engines: Engines, path: ExogenousPath, decay: number, recordAdl: boolean): OwnPathOutcomes {
  const state = engines.market.run(path, { fund: engines.fund, impactDecayPerStep: decay, recordAdl });
  const nS = engines.prepared.symbols.length;
  const realisedReturns = new Float64Array(path.nSteps * nS);
  for (let k = 1; k <= path.nSteps; k++) {
    for (let s = 0; s < nS; s++) {
      const before = k === 1 ? Math.log(engines.prepared.startPrice[s]!) : state.realisedLogPath[(k - 1) * nS + s]!;
      realisedReturns[(k - 1) * nS + s] = state.realisedLogPath[k * nS + s]! - before;
    }
  }
  const realisedPath: ExogenousPath = { nSteps: path.nSteps, logReturns: realisedReturns };
  const exported = new Map(engines.prepared.own.map((o) => [o.name, engines.marketPools.outcome(state, o.name)]));
  const realised = new Map<ModeName, Map<string, AccountPathOutcome>>();
  const exogenous = new Map<ModeName, Map<string, AccountPathOutcome>>();
  for (const mode of MODE_NAMES) {
    const { engine, pools } = engines.shadows[mode];
    if (mode !== 'exported') {
      const st = engine.run(realisedPath, PRICE_TAKER);
      realised.set(mode, new Map(engines.prepared.own.map((o) => [o.name, pools.outcome(st, o.name)])));
    }
    const st = engine.run(path, PRICE_TAKER);
    exogenous.set(mode, new Map(engines.prepared.own.map((o) => [o.name, pools.outcome(st, o.name)])));
  }
  // The market's own state was left as it is: the shadows have their own engines.
  const out = new Map<string, Record<ModeName, { realised: AccountPathOutcome; exogenous: AccountPathOutcome }>>();
  for (const { name } of engines.prepared.own) {
    out.set(name, {
      exported: { realised: exported.get(name)!, exogenous: exogenous.get('exported')!.get(name)! },
      isolated: { realised: realised.get('isolated')!.get(name)!, exogenous: exogenous.get('isolated')!.get(name)! },
      cross: { realised: realised.get('cross')!.get(name)!, exogenous: exogenous.get('cross')!.get(name)! },
    });
  }
  return out;
}

/** Closes of a replay path → the log returns the engine reads. */
function replayReturns(path: ReplayPricePath): ExogenousPath {
  const n = path.assets.length;
  const logReturns = new Float64Array(path.nSteps * n);
  for (let k = 0; k < path.nSteps * n; k++) logReturns[k] = Math.log(path.close[k]! / (k < n ? path.marks[k]! : path.close[k - n]!));
  return { nSteps: path.nSteps, logReturns };
}

function displayAccount(name: string): string {
  return name;
}

function runReplays(request: CascadeRequest, engines: Engines, scenarios: readonly ReplayScenario[], proxyAsset: string | null | undefined, issues: Issue[]): CascadeEventResult[] {
  const { symbols, startPrice } = engines.prepared;
  const events: CascadeEventResult[] = [];
  for (const scenario of scenarios) {
    const { path, issues: found } =
      scenario.kind === 'prices' ? userReplayPath(scenario.series, symbols, startPrice, scenario.label) : eventReplayPath(scenario.event, symbols, startPrice, proxyAsset === undefined ? {} : { proxyAsset });
    issues.push(...found);
    if (path === null) continue;
    const exo = replayReturns(path);
    const stepHours = (path.endMs - path.startMs) / path.nSteps / 3_600_000;
    const own = runPath(engines, exo, impactDecay(request.market, stepHours), true);
    const market = replayMarketResult(engines.market.market, engines.market.state, exo, { accountCount: engines.accountCount, displayAccount });
    events.push({ event: path.name, startMs: path.startMs, endMs: path.endMs, steps: path.nSteps, stepEndMs: [...path.stepEndMs], market, accounts: replayOwnResults(own) });
  }
  return events;
}

function runMonteCarlo(request: CascadeRequest, engines: Engines, settings: SimulationSettings, issues: Issue[], notes: string[]): { market: CascadeMarketResult; accounts: OwnAccountResult[] } | null {
  const built = buildPathModel({
    model: settings.model,
    assets: engines.prepared.symbols,
    horizonYears: settings.horizonHours / HOURS_PER_YEAR,
    nSteps: settings.steps,
    calibration: settings.calibration,
    volOverrides: settings.volOverrides,
    ...(settings.correlation === undefined ? {} : { correlation: settings.correlation }),
    ...(settings.df === undefined ? {} : { df: settings.df }),
    bootstrapHistory: settings.bootstrapHistory,
  });
  issues.push(...built.issues);
  notes.push(...built.notes);
  if (built.model === null) return null;
  const model = built.model;
  const logReturns = new Float64Array(model.nSteps * model.nAssets);
  const scale = new Float64Array(model.nSteps);
  const decay = impactDecay(request.market, settings.horizonHours / settings.steps);
  const accumulator = new PathsAccumulator(engines.market.market);
  for (let p = 0; p < settings.paths; p++) {
    model.fillPath(streamForBlock(settings.seed, p), logReturns, scale);
    const path: ExogenousPath = { nSteps: model.nSteps, logReturns };
    const own = runPath(engines, path, decay, false);
    accumulator.add(engines.market.state, path, own, p < 64);
  }
  return accumulator.finish({ accountCount: engines.accountCount, displayAccount });
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
  const engines = buildEngines(request, prepared);
  const notes: string[] = [];
  const base = {
    asset: prepared.asset,
    symbols: prepared.symbols,
    accounts: engines.accountCount,
    positions: engines.market.market.positionCount,
    fund: engines.fund,
  };
  if (request.scenarios.kind === 'replay') {
    const events = runReplays(request, engines, request.scenarios.scenarios, request.scenarios.proxyAsset, issues);
    if (issues.length > before) return null;
    for (const e of events) if (e.market.roundCapHits > 0) notes.push(`${e.event}: the 50-round cap stopped a cascade that was still going in ${e.market.roundCapHits} step(s)`);
    return { ...base, events, market: null, ownAccounts: null, notes };
  }
  const mc = runMonteCarlo(request, engines, request.scenarios.settings, issues, notes);
  if (mc === null || issues.length > before) return null;
  if (mc.market.roundCapHits > 0) notes.push(`the 50-round cap stopped a cascade that was still going in ${mc.market.roundCapHits} step(s) over all paths`);
  return { ...base, events: null, market: mc.market, ownAccounts: mc.accounts, notes };
}
