// `marginscope evaluate`: reads the collateral and tier files, streams the positions file through
// the evaluation pipeline, and writes each account as soon as it is evaluated in the chosen
// format. Input problems are collected and printed on stderr, one sorted line each (exit 1);
// with --skip-invalid the accounts without problems are still written (exit 0).

import type { Balance } from '../domain/balance.js';
import { formatIssue, sortIssues, type Issue } from '../domain/issue.js';
import { readBalancesCsv, readTiersCsv, walletBalances } from '../import/index.js';
import { loadBundledTierBook } from '../io/bundled-tiers.js';
import { evaluatePortfolio, type EvaluateRequest } from '../pipeline.js';
import { createEvaluateWriter } from '../report/evaluate-formats.js';
import type { EvaluateReportInputs } from '../report/evaluate-report-writer.js';
import type { TierBook } from '../venues/tier-book.js';
import type { CommonOptions } from './command-options.js';
import { EXIT_INPUT_PROBLEMS, EXIT_OK, type ExitCode } from './exit-codes.js';
import { checkInputFile, countChunks, fileErrorCode, fileIssue, inputLabel, openChunks, type InputFile, type StreamCounts } from './input-files.js';
import { AtomicFileSink, StdoutSink, checkOutputPath, type OutputSink } from './output-sink.js';
import { SILENT_PROGRESS, terminalProgress, type Progress } from './progress.js';

/** The process streams and facts about them, passed in so the command never reaches for globals. */
export interface CliStreams {
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  readonly stdin: NodeJS.ReadableStream;
  /** Environment, for NO_COLOR / FORCE_COLOR. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Registers a clean-up to run if the process is interrupted (Ctrl-C). */
  onInterrupt(cleanup: () => void): void;
}

/** Colour in the terminal table: stdout is a terminal, not --out, and NO_COLOR is not set. */
function useColor(options: CommonOptions, io: CliStreams): boolean {
  if (options.out !== null || options.format !== 'table') return false;
  if (io.env['NO_COLOR'] !== undefined && io.env['NO_COLOR'] !== '') return false;
  if (io.env['FORCE_COLOR'] !== undefined && io.env['FORCE_COLOR'] !== '0') return true;
  return io.stdout.isTTY === true;
}

function delimiterOption(options: CommonOptions): { delimiter?: ',' | ';' | '\t' } {
  return options.delimiter === null ? {} : { delimiter: options.delimiter };
}

/** Checks every input file up front, so all missing files are reported in one go. */
async function checkFiles(options: CommonOptions, issues: Issue[]): Promise<Map<string, InputFile>> {
  const found = new Map<string, InputFile>();
  for (const path of [options.positions, options.balances, options.tiers]) {
    if (path === null || found.has(path)) continue;
    const checked = await checkInputFile(path);
    if ('issue' in checked) issues.push(checked.issue);
    else found.set(path, checked.file);
  }
  return found;
}

async function readCollateral(options: CommonOptions, files: Map<string, InputFile>, io: CliStreams, issues: Issue[]): Promise<Balance[]> {
  if (options.wallet !== null) return walletBalances(options.wallet);
  const file = options.balances === null ? undefined : files.get(options.balances);
  if (file === undefined) return [];
  const { balances, issues: found } = await readBalancesCsv(openChunks(file, io.stdin), inputLabel(file), delimiterOption(options));
  issues.push(...found);
  return balances;
}

async function readTierOverrides(options: CommonOptions, files: Map<string, InputFile>, io: CliStreams, issues: Issue[]): Promise<TierBook | undefined> {
  const file = options.tiers === null ? undefined : files.get(options.tiers);
  if (file === undefined) return undefined;
  const { book, issues: found } = await readTiersCsv(openChunks(file, io.stdin), inputLabel(file), {
    ...delimiterOption(options),
    defaultVenue: options.venue,
  });
  issues.push(...found);
  return book;
}

function printIssues(issues: readonly Issue[], io: CliStreams): void {
  if (issues.length === 0) return;
  io.stderr.write(`${sortIssues(issues).map(formatIssue).join('\n')}\n`);
}

function reportInputs(options: CommonOptions): EvaluateReportInputs {
  return {
    venue: options.venue,
    allocation: options.allocation,
    files: { positions: options.positions, balances: options.balances, tiers: options.tiers },
    wallet: options.wallet,
    skipInvalid: options.skipInvalid,
  };
}

async function openSink(options: CommonOptions, io: CliStreams): Promise<OutputSink> {
  if (options.out === null) return new StdoutSink(io.stdout);
  await checkOutputPath(options.out);
  const sink = await AtomicFileSink.create(options.out);
  io.onInterrupt(() => sink.discardSync());
  return sink;
}

/**
 * When input problems stop the run. Without --skip-invalid, any problem does. With it, only the
 * accounts a problem names are left out (the evaluation itself leaves out accounts with bad
 * position rows); a problem that cannot be pinned on one account still stops everything: a
 * tiers file with a bad table (the bundled table would silently stand in for the user's), or a
 * collateral problem of no known account (every account would run on the wrong capital).
 */
function skipRule(
  options: CommonOptions,
  issues: readonly Issue[],
  balanceIssues: readonly Issue[],
  tierIssues: readonly Issue[],
): { stopped: () => boolean; accountsWithCollateralProblems: ReadonlySet<string> } {
  const accountsWithCollateralProblems = new Set(balanceIssues.flatMap((issue) => (issue.account === undefined ? [] : [issue.account])));
  const unskippable = issues.length > balanceIssues.length + tierIssues.length || tierIssues.length > 0 || balanceIssues.some((issue) => issue.account === undefined);
  return {
    stopped: () => (options.skipInvalid ? unskippable : issues.length > 0),
    accountsWithCollateralProblems,
  };
}

/**
 * Runs `evaluate` end to end. Returns the exit code; throws UsageError for a bad `--out` and
 * lets unexpected errors (bugs) through to the entry point.
 */
export async function runEvaluate(options: CommonOptions, io: CliStreams): Promise<ExitCode> {
  const issues: Issue[] = [];
  const sink = await openSink(options, io);
  const files = await checkFiles(options, issues);
  const positionsFile = files.get(options.positions);
  if (positionsFile === undefined) {
    await sink.abort();
    printIssues(issues, io);
    return EXIT_INPUT_PROBLEMS;
  }

  const counts: StreamCounts = { bytes: 0, lines: 0 };
  const showProgress = !options.quiet && io.stderr.isTTY === true;
  const progress: Progress = showProgress ? terminalProgress(io.stderr, inputLabel(positionsFile), counts, positionsFile.sizeBytes) : SILENT_PROGRESS;
  const writer = createEvaluateWriter(options.format, { color: useColor(options, io) });

  try {
    const balanceIssues: Issue[] = [];
    const tierIssues: Issue[] = [];
    const balances = await readCollateral(options, files, io, balanceIssues);
    const tierOverrides = await readTierOverrides(options, files, io, tierIssues);
    issues.push(...balanceIssues, ...tierIssues);
    const skip = skipRule(options, issues, balanceIssues, tierIssues);
    const request: EvaluateRequest = {
      positions: { chunks: countChunks(openChunks(positionsFile, io.stdin), counts, progress.tick), label: inputLabel(positionsFile) },
      balances,
      defaultTiers: loadBundledTierBook(),
      ...(tierOverrides === undefined ? {} : { tierOverrides }),
      defaultVenue: options.venue,
      allocation: options.allocation,
      ...delimiterOption(options),
    };
    await sink.write(writer.begin(reportInputs(options)));
    for await (const evaluation of evaluatePortfolio(request, issues)) {
      progress.accountDone();
      // A stopped run keeps reading, so that every problem in the file is listed at once.
      if (skip.stopped() || skip.accountsWithCollateralProblems.has(evaluation.account)) continue;
      await sink.write(writer.account(evaluation));
    }
    progress.finish();
    if (skip.stopped()) {
      await sink.abort();
      printIssues(issues, io);
      return EXIT_INPUT_PROBLEMS;
    }
  } catch (error) {
    progress.finish();
    const code = fileErrorCode(error);
    if (code === null) {
      await sink.abort();
      throw error;
    }
    // A file that vanished or became unreadable mid-run: never a partial result, even with --skip-invalid.
    const path = typeof (error as { path?: unknown }).path === 'string' ? String((error as { path: string }).path) : options.positions;
    await sink.abort();
    printIssues([...issues, fileIssue(path, code)], io);
    return EXIT_INPUT_PROBLEMS;
  }

  await sink.write(writer.end());
  await sink.commit();
  if (!options.quiet && options.wallet === null && options.balances === null) {
    io.stderr.write('marginscope: note: no --balances or --wallet given; cross wallets hold no collateral\n');
  }
  if (issues.length > 0) {
    printIssues(issues, io);
    const plural = issues.length === 1 ? '' : 's';
    io.stderr.write(`marginscope: ${issues.length} input problem${plural} above; accounts with problems were left out (--skip-invalid)\n`);
  }
  return EXIT_OK;
}
