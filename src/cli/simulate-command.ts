// `marginscope simulate`: reads the book files and the model inputs (built-in calibration unless
// --history, --corr, --vol), then simulates one account at a time and writes each as soon as it
// is done. Input problems are printed on stderr, one line each (exit 1); a symbol with no
// volatility is such a problem, named. Progress (paths of the current account) goes to stderr.
// With --recommend each account also gets a margin-mode recommendation, and unless --no-boundary
// the joint liquidation boundary of its cross pool (both computed in process after its paths).

import type { Issue } from '../domain/issue.js';
import { leftOutAccounts } from '../report/left-out-accounts.js';
import { simulatePortfolio, type SimulateRequest } from '../flows/simulate.js';
import { RECOMMEND_MAX_PATHS, RECOMMEND_PATH_BUDGET, type SimulationSettings } from '../flows/simulation-settings.js';
import type { CalibrationSource, CorrelationEcho, ExportReadEcho, SimulateReportInputs } from '../report/simulate/simulate-document.js';
import { accountsCheck, positionsRoadInputs, openBookInputs, printWarnings, openSink, printIssues, printRunNotes, useColor } from './book-inputs.js';
import type { CommonOptions } from './command-options.js';
import { NO_EXPORT_INPUT, type ExportInputOptions } from './export-input-options.js';
import type { CliStreams } from './cli-streams.js';
import { EXIT_INPUT_PROBLEMS, EXIT_OK, type ExitCode } from './exit-codes.js';
import { midRunFileIssue } from './input-files.js';
import { loadSimulationSettings } from './shock-inputs.js';
import { loadSimulateWriter } from './simulate-writer.js';
import { SILENT_PROGRESS, terminalProgress, type Progress } from './progress.js';
import type { ShockOptions } from './shock-options.js';

const COMMAND = 'simulate';

function correlationEcho(shock: ShockOptions): CorrelationEcho {
  if (shock.corr === null) return { source: 'calibration' };
  return shock.corr.kind === 'constant' ? { source: 'constant', rho: shock.corr.rho } : { source: 'file', file: shock.corr.path };
}

function reportInputs(options: CommonOptions, shock: ShockOptions, calibration: CalibrationSource, exportRead: ExportReadEcho | undefined): SimulateReportInputs {
  return {
    ...(exportRead === undefined ? {} : { exportRead }),
    seed: shock.seed,
    paths: shock.paths,
    steps: shock.steps,
    horizon: shock.horizon,
    horizonHours: shock.horizonHours,
    model: shock.model,
    venue: options.venue,
    allocation: options.allocation,
    slippageBps: shock.slippageBps,
    vols: shock.vols,
    correlation: correlationEcho(shock),
    df: shock.df,
    calibration,
    files: { positions: options.positions, balances: options.balances, tiers: options.tiers },
    wallet: options.wallet,
    skipInvalid: options.skipInvalid,
    recommend: shock.recommend === null ? null : { objective: shock.recommend, maxPaths: RECOMMEND_MAX_PATHS, pathBudget: RECOMMEND_PATH_BUDGET },
    boundaryGrid: shock.boundaryGrid,
  };
}

/** The Monte Carlo settings with simulate's analyses (`--recommend`, the joint boundary) switched on as asked. */
function withAnalyses(settings: SimulationSettings, shock: ShockOptions): SimulationSettings {
  return {
    ...settings,
    ...(shock.recommend === null ? {} : { recommend: { objective: shock.recommend, maxPaths: RECOMMEND_MAX_PATHS, pathBudget: RECOMMEND_PATH_BUDGET } }),
    ...(shock.boundaryGrid === null ? {} : { boundary: { gridPoints: shock.boundaryGrid } }),
  };
}

/**
 * Runs `simulate` end to end. Returns the exit code; throws UsageError for a bad `--out` or an
 * invalid correlation file, and lets unexpected errors (bugs) through to the entry point.
 */
export async function runSimulate(options: CommonOptions, shock: ShockOptions, io: CliStreams, accountFilter: ReadonlySet<string> | null = null, exportInput: ExportInputOptions = NO_EXPORT_INPUT): Promise<ExitCode> {
  const issues: Issue[] = [];
  const warnings: Issue[] = [];
  const sink = await openSink(options, io, [shock.corr?.kind === 'file' ? shock.corr.path : null, ...shock.history, ...exportInput.withFiles], 'simulate');
  let progress: Progress = SILENT_PROGRESS;
  const corrFile = shock.corr?.kind === 'file' ? shock.corr.path : null;
  let walletReported = false;
  try {
    const opened = await openBookInputs(options, [corrFile, ...shock.history, ...exportInput.withFiles], io, issues, () => progress.tick());
    const inputs = opened === null ? null : await positionsRoadInputs(opened, exportInput, options, io, issues, COMMAND);
    const loaded = inputs === null ? null : await loadSimulationSettings(shock, COMMAND, options.delimiter ?? undefined, issues);
    if (inputs === null || loaded === null) {
      await sink.abort();
      printIssues(issues, io);
      return EXIT_INPUT_PROBLEMS;
    }
    walletReported = inputs.walletReported === true;
    if (!options.quiet && io.stderr.isTTY === true) progress = terminalProgress(io.stderr, inputs.request.positions.label, inputs.counts, { verb: 'simulated' });
    const skip = (account: string): boolean => inputs.stopped() || inputs.accountsWithCollateralProblems.has(account);
    const hooks = { onProgress: (account: string, done: number, total: number) => progress.paths(account, done, total), skip };
    const request: SimulateRequest = { ...inputs.request, accounts: accountFilter, settings: withAnalyses(loaded.settings, shock), hooks };
    const writer = await loadSimulateWriter(options.format, { color: useColor(options, io) });
    const exportRead = inputs.formatIn === undefined ? undefined : { formatIn: inputs.formatIn, withFiles: exportInput.withFiles };
    await sink.write(writer.begin(reportInputs(options, shock, loaded.calibrationSource, exportRead)));
    // A stopped run keeps reading (without simulating), so that every problem is listed at once.
    for await (const simulation of simulatePortfolio(request, issues)) {
      progress.accountDone();
      if (skip(simulation.account)) continue;
      await sink.write(writer.account(simulation));
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
    await sink.write(writer.end({ leftOut: options.skipInvalid ? leftOutAccounts(issues) : [] }));
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
  printWarnings(options, warnings, io);
  printRunNotes(options, issues, io, walletReported);
  return EXIT_OK;
}
