// The replay flow, account by account (streamed): per scenario (a historical event, or the
// user's own price paths), its bars rebased to the account's marks (proxies flagged), replayed
// as one path through the same kernel as simulate, in the three modes on the same capital, with
// the contagion of that path.

import type { AccountBook } from '../domain/account-book.js';
import type { Issue } from '../domain/issue.js';
import { ContagionAccumulator } from '../contagion/contagion-accumulator.js';
import { contagionLayoutOfBook } from '../contagion/contagion-layout.js';
import type { CompiledBook } from '../kernel/compiled-book.js';
import { runReplay, type ReplayPath } from '../kernel/run-replay.js';
import type { MarginContext } from '../margin/evaluate-account.js';
import type { AccountReplay, ReplayScenario, ScenarioReplay } from '../results/shock-results.js';
import { eventReplayPath } from '../scenarios/events/event-replay-path.js';
import type { ReplayPricePath } from '../scenarios/events/replay-path.js';
import { userReplayPath } from '../scenarios/events/user-price-paths.js';
import { marginContext, readRequestBooks, type EvaluateRequest } from './book-request.js';
import { compileAccount, tagged } from './compiled-account.js';
import { derivedTierNotes } from './evaluation-notes.js';

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
 * with Issues when the account cannot be compiled or a symbol has no path and no proxy (named);
 * null with none for a flat account (balances, no positions), as simulateAccount: a price path
 * has nothing of it to move (its replay once reported a minimum equity of 0 in USD against its
 * USDT wallet).
 */
export function replayAccount(book: AccountBook, context: MarginContext, settings: ReplaySettings): { replay: AccountReplay | null; issues: Issue[] } {
  if (book.positions.length === 0) return { replay: null, issues: [] };
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
  return { replay: { account: book.account, positions, replays, notes: [...compiled.warnings, ...derivedTierNotes(book, context.tierBook)] }, issues };
}

/**
 * Replay every account of a positions file, one at a time (streaming). Input problems are
 * appended to `issues`; such an account is skipped.
 */
export async function* replayPortfolio(request: ReplayRequest, issues: Issue[]): AsyncGenerator<AccountReplay> {
  const context = marginContext(request);
  for await (const book of readRequestBooks(request, issues)) {
    const { replay, issues: found } = replayAccount(book, context, request.settings);
    issues.push(...found);
    if (replay !== null) yield replay;
  }
}
