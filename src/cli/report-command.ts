// `marginscope report`: the CLI side of the report flow (src/flows/report.ts): reads the book
// and shock files, opens the output (atomically: nothing is left on a problem), runs the flow
// with per-pass progress on stderr (a line per pass on a terminal), and prints notes and
// problems. The positions file is read twice, so it must be a file, not standard input.

import { packageVersion } from './package-version.js';
import type { Issue } from '../domain/issue.js';
import type { ReportInputs, SimulationInputs } from '../report/report/report-model.js';
import type { ExportReadEcho } from '../report/simulate/simulate-document.js';
import { accountsCheck, positionsRoadInputs, openBookInputs, printWarnings, openSink, printIssues, printRunNotes, type BookInputs } from './book-inputs.js';
import { STDIN_PATH, type CommonOptions } from './command-options.js';
import { NO_EXPORT_INPUT, type ExportInputOptions } from './export-input-options.js';
import type { CliStreams } from './cli-streams.js';
import { EXIT_INPUT_PROBLEMS, EXIT_OK, type ExitCode } from './exit-codes.js';
import { countChunks, midRunFileIssue, openChunks, type StreamCounts } from './input-files.js';
import { SILENT_PROGRESS, terminalProgress, type Progress } from './progress.js';
import type { ReportShocks } from '../flows/report-analyses.js';
import { writeReport, type ReportRequest } from '../flows/report.js';
import type { CascadeOptions } from './cascade-options.js';
import { reportCascade } from './report-cascade.js';
import type { ReportOptions } from './report-command-line.js';
import { loadReplaySettings } from './replay-inputs.js';
import { loadSimulationSettings } from './shock-inputs.js';
import type { ShockOptions } from './shock-options.js';
import { UsageError } from './usage-error.js';

const COMMAND = 'report';

function passProgress(options: CommonOptions, io: CliStreams, inputs: BookInputs, pass: string, counts: StreamCounts): Progress {
  if (options.quiet || io.stderr.isTTY !== true) return SILENT_PROGRESS;
  return terminalProgress(io.stderr, `${inputs.request.positions.label} (${pass})`, counts, { totalBytes: inputs.positionsFile.sizeBytes });
}

/** The shock settings the report runs with; null when a shock input file has problems (in `issues`). */
async function loadShocks(options: CommonOptions, report: ReportOptions, shock: ShockOptions | undefined, io: CliStreams, issues: Issue[]): Promise<ReportShocks | null> {
  if (!report.shocks) return { simulation: null, replay: null };
  if (shock === undefined) {
    if (!options.quiet) io.stderr.write('marginscope: note: no shock options reached the report: Monte Carlo and replay sections left out\n');
    return { simulation: null, replay: null };
  }
  const simulation = await loadSimulationSettings(shock, COMMAND, options.delimiter ?? undefined, issues);
  const replay = simulation === null ? null : await loadReplaySettings(shock, COMMAND, issues);
  if (simulation === null || replay === null) return null;
  return { simulation: simulation.settings, replay };
}

function simulationInputs(shock: ShockOptions | undefined, shocks: ReportShocks): SimulationInputs | undefined {
  if (shock === undefined || shocks.simulation === null) return undefined;
  return { paths: shock.paths, horizon: shock.horizon, steps: shock.steps, seed: String(shock.seed), model: shock.model };
}

function reportInputs(options: CommonOptions, report: ReportOptions, shock: ShockOptions | undefined, shocks: ReportShocks, exportRead: ExportReadEcho | undefined): ReportInputs {
  const simulation = simulationInputs(shock, shocks);
  const events = shocks.replay?.scenarios.map((s) => (s.kind === 'event' ? s.event.entry.name : s.label)) ?? [];
  return {
    ...(exportRead === undefined ? {} : { exportRead }),
    ...(report.title === null ? {} : { title: report.title }),
    ...(report.asOf === null ? {} : { asOf: report.asOf }),
    toolVersion: packageVersion(),
    evaluate: {
      venue: options.venue,
      allocation: options.allocation,
      files: { positions: options.positions, balances: options.balances, tiers: options.tiers },
      wallet: options.wallet,
      skipInvalid: options.skipInvalid,
    },
    ...(simulation === undefined ? {} : { simulation }),
    ...(events.length === 0 ? {} : { replayEvents: events }),
  };
}

/**
 * Runs `report` end to end. Returns the exit code; throws UsageError for a positions file on
 * standard input (it is read twice) or a bad `--out`.
 */
export async function runReport(options: CommonOptions, report: ReportOptions, io: CliStreams, shock?: ShockOptions, cascade: CascadeOptions | null = null, exportInput: ExportInputOptions = NO_EXPORT_INPUT): Promise<ExitCode> {
  if (options.positions === STDIN_PATH) throw new UsageError("report reads the positions file twice (ranking, then writing), so it needs a file, not '-'", COMMAND);
  const issues: Issue[] = [];
  const sink = await openSink(options, io, [...(shock === undefined ? [] : [shock.corr?.kind === 'file' ? shock.corr.path : null, ...shock.history, shock.prices]), ...exportInput.withFiles], COMMAND);
  let progress: Progress = SILENT_PROGRESS;
  const warnings: Issue[] = [];
  const notes: string[] = [];
  let walletReported = false;
  try {
    const shockFiles = report.shocks && shock !== undefined ? [shock.corr?.kind === 'file' ? shock.corr.path : null, ...shock.history, shock.prices] : [];
    const opened = await openBookInputs(options, [...shockFiles, ...exportInput.withFiles], io, issues, () => progress.tick());
    const inputs = opened === null ? null : await positionsRoadInputs(opened, exportInput, options, io, issues, COMMAND);
    walletReported = inputs?.walletReported === true;
    const shocks = inputs === null ? null : await loadShocks(options, report, shock, io, issues);
    // `--crowd/--depth`: the liquidation cascade section (run before anything is written).
    const cascadeResult = inputs === null || shocks === null ? null : await reportCascade(options, shock, cascade, io, issues);
    if (inputs === null || shocks === null || cascadeResult === false) {
      await sink.abort();
      printIssues(issues, io);
      return EXIT_INPUT_PROBLEMS;
    }
    const request: ReportRequest = {
      ...inputs.request,
      format: report.reportFormat,
      detailed: report.detailed,
      accounts: report.accounts,
      shocks,
      cascade: cascadeResult,
      inputs: reportInputs(options, report, shock, shocks, inputs.formatIn === undefined ? undefined : { formatIn: inputs.formatIn, withFiles: exportInput.withFiles }),
      reopenPositions: () => countChunks(openChunks(inputs.positionsFile, io.stdin), secondPassCounts, () => progress.tick()),
    };
    const secondPassCounts: StreamCounts = { bytes: 0, lines: 0 };
    let accountProblems: Issue[] | null = null;
    const outcome = await writeReport(request, (text) => sink.write(text), issues, {
      onPass: (pass) => {
        const label = pass === 'summary' ? 'summary' : pass === 'ranking' ? 'pass 1 of 2: ranking' : 'pass 2 of 2: writing';
        progress = passProgress(options, io, inputs, label, pass === 'writing' ? secondPassCounts : inputs.counts);
      },
      onPassEnd: () => progress.finish(),
      onAccount: () => progress.accountDone(),
      skip: (account) => inputs.accountsWithCollateralProblems.has(account),
      // Checked once, after the first pass has read every account.
      stopped: () => {
        if (accountProblems === null) {
          const check = accountsCheck(inputs, report.accounts, issues, 'evaluated');
          accountProblems = check.problems;
          issues.push(...check.problems);
          warnings.push(...check.warnings);
        }
        return inputs.stopped() || accountProblems.length > 0;
      },
    });
    if (!outcome.written) {
      await sink.abort();
      printIssues(issues, io);
      return EXIT_INPUT_PROBLEMS;
    }
    notes.push(...outcome.notes);
  } catch (error) {
    progress.finish();
    await sink.abort();
    // A file that vanished or became unreadable mid-run: never a partial result.
    const failure = midRunFileIssue(error, options.positions);
    if (failure === null) throw error;
    printIssues([...issues, failure], io);
    return EXIT_INPUT_PROBLEMS;
  }
  await sink.commit();
  if (!options.quiet) for (const note of notes) io.stderr.write(`marginscope: note: ${note}\n`);
  printWarnings(options, warnings, io);
  printRunNotes(options, issues, io, walletReported);
  return EXIT_OK;
}
