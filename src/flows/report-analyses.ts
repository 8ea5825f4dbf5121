// The analyses behind one detailed account of `marginscope report`, mapped onto the report model:
// always the joint liquidation boundary (exact, no simulation) and the stress; with shocks, the
// Monte Carlo summary, its loss distribution and contagion (simulateAccount), and every replay
// with its equity curve (replayAccount); then the verdict by every lens, from those same results.
// Only the detailed accounts get here, so the cost of the
// shocks is bounded by `--detailed`, not by the size of the batch.

import { accountJointBoundary } from '../boundary/joint-boundary.js';
import { prepareAccount } from '../margin/prepared-account.js';
import { stressAccount, type AccountStress } from '../contagion/stress-account.js';
import { formatIssue, type Issue } from '../domain/issue.js';
import { compileBook } from '../kernel/compile-book.js';
import type { CompiledBook } from '../kernel/compiled-book.js';
import type { MarginContext } from '../margin/evaluate-account.js';
import { MODE_NAMES, type ModeName } from '../margin/evaluation.js';
import { contagionSection, jointBoundarySection, replaySeries, simulationSection } from '../report/report/report-assembly.js';
import type { AccountReport, PerMode, ReplaySeries } from '../report/report/report-model.js';
import { lossHistogram } from '../report/report/loss-histogram.js';
import { replayEquityCurve } from './replay-equity-curve.js';
import { eventReplayPath } from '../scenarios/events/event-replay-path.js';
import type { ReplayPricePath } from '../scenarios/events/replay-path.js';
import { userReplayPath } from '../scenarios/events/user-price-paths.js';
import type { AccountSimulation, ReplayScenario, ScenarioReplay } from '../results/shock-results.js';
import { evaluationVerdictInputs } from '../verdict/evaluation-verdict.js';
import { joinedVerdict, replayVerdictInputs } from '../verdict/replay-verdict.js';
import { simulationVerdictInputs } from '../verdict/simulation-verdict.js';
import { kernelReplayPath, replayAccount, type ReplaySettings } from './replay.js';
import { simulateAccount } from './simulate.js';
import type { SimulationSettings } from './simulation-settings.js';
import type { EvaluatedAccount } from './evaluated-account.js';

/** The shock analyses a report runs (each null when left out). */
export interface ReportShocks {
  readonly simulation: SimulationSettings | null;
  readonly replay: ReplaySettings | null;
}

/** One detailed account: its report sections, its stress, the raw simulation (for the CSV), and notes. */
interface AccountAnalyses {
  readonly report: AccountReport;
  readonly stress: AccountStress;
  readonly simulation: AccountSimulation | null;
  /** Why a shock section is missing for this account, one line each. */
  readonly notes: readonly string[];
}

/** Why the account could not be shocked, in one line. */
export function problemNote(what: string, account: string, issues: readonly Issue[]): string {
  const first = issues[0];
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return `account ${JSON.stringify(account)}: no ${what}: ${first === undefined ? 'it could not be run' : formatIssue(first)}${more}`;
}

/** Why a flat account has no shock sections, in one line. */
export function flatNote(account: string): string {
  return `account ${JSON.stringify(account)}: no positions, nothing to simulate or replay: shown on its collateral alone`;
}

/** Monte Carlo of one account with every path's loss kept for the histogram. */
export async function simulateForReport(
  item: EvaluatedAccount,
  context: MarginContext,
  settings: SimulationSettings,
): Promise<{ simulation: AccountSimulation | null; losses: PerMode<Float64Array>; issues: Issue[] }> {
  const losses: PerMode<Float64Array> = { exported: new Float64Array(settings.paths), isolated: new Float64Array(settings.paths), cross: new Float64Array(settings.paths) };
  const { simulation, issues } = await simulateAccount(item.book, context, settings, {
    observer: () => (path) => {
      MODE_NAMES.forEach((mode: ModeName, m) => {
        losses[mode][path.pathIndex] = path.loss(m);
      });
    },
  });
  return { simulation, losses, issues };
}

/** The price every replay path starts at, per asset of `book`: its first position's mark. */
function assetMarks(book: CompiledBook): number[] {
  const first = new Int32Array(book.assetNames.length).fill(-1);
  for (let j = book.positionAsset.length - 1; j >= 0; j--) first[book.positionAsset[j]!] = j;
  return book.assetNames.map((_, a) => book.positionMark[first[a]!]!);
}

/** The scenario's prices for `book`, as replayAccount builds them. */
function scenarioPath(scenario: ReplayScenario, book: CompiledBook, settings: ReplaySettings): ReplayPricePath | null {
  const marks = assetMarks(book);
  if (scenario.kind === 'prices') return userReplayPath(scenario.series, book.assetNames, marks, scenario.label).path;
  return eventReplayPath(scenario.event, book.assetNames, marks, settings.proxyAsset === undefined ? {} : { proxyAsset: settings.proxyAsset }).path;
}

/** Every scenario replayed on one account, each with its equity curve; null with a note when it cannot be. */
function replaysForReport(item: EvaluatedAccount, context: MarginContext, settings: ReplaySettings): { series: ReplaySeries[]; replays: readonly ScenarioReplay[]; note: string | null } {
  const { replay, issues } = replayAccount(item.book, context, settings);
  const prepared = prepareAccount(item.book, context).account;
  if (replay === null || prepared === null) return { series: [], replays: [], note: problemNote('replays', item.book.account, issues) };
  const compiled = compileBook(prepared.resolved, prepared.collateral, prepared.policy);
  const series: ReplaySeries[] = [];
  settings.scenarios.forEach((scenario, i) => {
    const result = replay.replays[i];
    const path = scenarioPath(scenario, compiled, settings);
    if (result === undefined || path === null) return;
    series.push(replaySeries(result, replayEquityCurve(compiled, kernelReplayPath(path), path.startMs, path.stepEndMs, settings.slippageBps)));
  });
  return { series, replays: replay.replays, note: null };
}

/** Everything the detailed section of one account shows beyond its evaluation. */
export async function analyseAccount(item: EvaluatedAccount, context: MarginContext, shocks: ReportShocks): Promise<AccountAnalyses> {
  const notes: string[] = [];
  const boundary = accountJointBoundary(item.book, context);
  const stress = stressAccount(item.book, context);
  let report: AccountReport = { evaluation: item.evaluation, ...(boundary === null ? {} : { jointBoundary: jointBoundarySection(boundary) }) };
  let simulation: AccountSimulation | null = null;
  // A flat account (balance rows, no positions) is evaluated on its collateral; a price path has
  // nothing of it to move, so the shocks are left out and said so once.
  const flat = item.book.positions.length === 0;
  if (flat && (shocks.simulation !== null || (shocks.replay !== null && shocks.replay.scenarios.length > 0))) notes.push(flatNote(item.book.account));
  if (shocks.simulation !== null && !flat) {
    const run = await simulateForReport(item, context, shocks.simulation);
    simulation = run.simulation;
    if (simulation === null) notes.push(problemNote('Monte Carlo', item.book.account, run.issues));
    else report = { ...report, simulation: simulationSection(simulation, lossHistogram(run.losses)), contagion: contagionSection(simulation.contagion) };
  }
  let replays: readonly ScenarioReplay[] = [];
  if (shocks.replay !== null && shocks.replay.scenarios.length > 0 && !flat) {
    const run = replaysForReport(item, context, shocks.replay);
    if (run.note !== null) notes.push(run.note);
    if (run.series.length > 0) report = { ...report, replays: run.series };
    replays = run.replays;
  }
  // Every lens from the same results the sections show (and the CLI's JSON prints).
  const verdict = joinedVerdict(
    evaluationVerdictInputs(item.evaluation, stress),
    simulation === null ? {} : simulationVerdictInputs(simulation.outcome),
    replays.length === 0 ? {} : replayVerdictInputs(replays),
  );
  report = { ...report, verdict };
  return { report, stress, simulation, notes };
}
