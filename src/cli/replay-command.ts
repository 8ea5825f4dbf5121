// `marginscope replay`: reads the book files, the chosen events (all of the library by default)
// and `--prices`, replays every event on one account at a time, and writes the document grouped
// by event. A symbol with no path in an event and no proxy is an input problem naming it (exit 1).

import type { Issue } from '../domain/issue.js';
import { replayPortfolio, type ReplayRequest } from '../flows/replay.js';
import type { AccountReplay, ReplayScenario } from '../results/shock-results.js';
import { writeReplayReport } from '../report/replay/formats.js';
import type { ReplayDocument, ReplayEventInfo, ReplayReportInputs } from '../report/replay/replay-document.js';
import type { ExportReadEcho } from '../report/simulate/simulate-document.js';
import { accountsCheck, positionsRoadInputs, openBookInputs, printWarnings, openSink, printIssues, printRunNotes, useColor } from './book-inputs.js';
import type { CommonOptions } from './command-options.js';
import { NO_EXPORT_INPUT, type ExportInputOptions } from './export-input-options.js';
import type { CliStreams } from './cli-streams.js';
import { EXIT_INPUT_PROBLEMS, EXIT_OK, type ExitCode } from './exit-codes.js';
import { midRunFileIssue } from './input-files.js';
import { loadReplaySettings } from './replay-inputs.js';
import type { ShockOptions } from './shock-options.js';
import { SILENT_PROGRESS, terminalProgress, type Progress } from './progress.js';
import { leftOutAccounts, type LeftOutAccount } from '../report/left-out-accounts.js';

const COMMAND = 'replay';

function reportInputs(options: CommonOptions, shock: ShockOptions, exportRead: ExportReadEcho | undefined): ReplayReportInputs {
  return {
    ...(exportRead === undefined ? {} : { exportRead }),
    venue: options.venue,
    allocation: options.allocation,
    slippageBps: shock.slippageBps,
    proxy: shock.proxy,
    files: { positions: options.positions, balances: options.balances, tiers: options.tiers, prices: shock.prices },
    wallet: options.wallet,
    skipInvalid: options.skipInvalid,
  };
}

/** How a scenario is named in the output; `--prices` spans its file's first to last timestamp. */
function eventInfo(scenario: ReplayScenario): ReplayEventInfo {
  if (scenario.kind === 'event') {
    const { entry } = scenario.event;
    return { event: entry.name, title: entry.title, startMs: entry.startMs, endMs: entry.endMs };
  }
  let startMs = Infinity;
  let endMs = -Infinity;
  for (const series of scenario.series.values()) {
    startMs = Math.min(startMs, series.timesMs[0]!);
    endMs = Math.max(endMs, series.timesMs[series.timesMs.length - 1]!);
  }
  return { event: 'prices', title: `price paths from ${scenario.label}`, startMs, endMs };
}

/** The accounts' results regrouped by event, as the contract nests them. */
function replayDocument(inputs: ReplayReportInputs, scenarios: readonly ReplayScenario[], accounts: readonly AccountReplay[], leftOut: readonly LeftOutAccount[]): ReplayDocument {
  return {
    inputs,
    leftOut,
    events: scenarios.map((scenario, k) => ({
      info: eventInfo(scenario),
      accounts: accounts.map((a) => ({ account: a.account, positions: a.positions, replay: a.replays[k]!, notes: a.notes })),
    })),
  };
}

/**
 * Runs `replay` end to end. Returns the exit code; throws UsageError for a bad `--out` or an
 * unknown `--event`, and lets unexpected errors (bugs) through to the entry point.
 */
export async function runReplayCommand(options: CommonOptions, shock: ShockOptions, io: CliStreams, accountFilter: ReadonlySet<string> | null = null, exportInput: ExportInputOptions = NO_EXPORT_INPUT): Promise<ExitCode> {
  const issues: Issue[] = [];
  const warnings: Issue[] = [];
  const sink = await openSink(options, io, [shock.prices, ...exportInput.withFiles], 'replay');
  let progress: Progress = SILENT_PROGRESS;
  let document: ReplayDocument;
  let walletReported = false;
  try {
    const opened = await openBookInputs(options, [shock.prices, ...exportInput.withFiles], io, issues, () => progress.tick());
    const inputs = opened === null ? null : await positionsRoadInputs(opened, exportInput, options, io, issues, COMMAND);
    const settings = inputs === null ? null : await loadReplaySettings(shock, COMMAND, issues);
    if (inputs === null || settings === null) {
      await sink.abort();
      printIssues(issues, io);
      return EXIT_INPUT_PROBLEMS;
    }
    walletReported = inputs.walletReported === true;
    if (!options.quiet && io.stderr.isTTY === true) progress = terminalProgress(io.stderr, inputs.request.positions.label, inputs.counts, { verb: 'replayed' });
    const request: ReplayRequest = { ...inputs.request, accounts: accountFilter, settings };
    const accounts: AccountReplay[] = [];
    for await (const replay of replayPortfolio(request, issues)) {
      progress.accountDone();
      if (inputs.stopped() || inputs.accountsWithCollateralProblems.has(replay.account)) continue;
      accounts.push(replay);
    }
    progress.finish();
    // An account --accounts names that the file does not hold is an input problem, as in evaluate.
    const check = accountsCheck(inputs, accountFilter, issues, 'unused');
    issues.push(...check.problems);
    warnings.push(...check.warnings);
    if (check.problems.length > 0 || inputs.stopped()) {
      await sink.abort();
      printIssues(issues, io);
      return EXIT_INPUT_PROBLEMS;
    }
    const exportRead = inputs.formatIn === undefined ? undefined : { formatIn: inputs.formatIn, withFiles: exportInput.withFiles };
    document = replayDocument(reportInputs(options, shock, exportRead), settings.scenarios, accounts, options.skipInvalid ? leftOutAccounts(issues) : []);
  } catch (error) {
    progress.finish();
    await sink.abort();
    // A file that vanished or became unreadable mid-run: never a partial result.
    const failure = midRunFileIssue(error, options.positions);
    if (failure === null) throw error;
    printIssues([...issues, failure], io);
    return EXIT_INPUT_PROBLEMS;
  }
  await sink.write(writeReplayReport(options.format, document, { color: useColor(options, io) }));
  await sink.commit();
  printWarnings(options, warnings, io);
  printRunNotes(options, issues, io, walletReported);
  return EXIT_OK;
}
