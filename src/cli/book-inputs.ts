// The book-side inputs every shock command reads before its own work, the way `evaluate` reads
// them: every file checked up front (all missing files reported at once), the collateral
// (`--balances` or `--wallet`) and tier overrides read, the positions file opened as a counted
// stream, and the --skip-invalid rule. Also the small helpers their runs share: the output sink,
// colour, and printing input problems (one sorted, de-duplicated line each).

import type { Balance } from '../domain/balance.js';
import { formatIssue, sortIssues, type Issue } from '../domain/issue.js';
import { readBalancesCsv, readTiersCsv, walletBalances } from '../import/index.js';
import { loadBundledTierBook } from '../io/bundled-tiers.js';
import type { EvaluateRequest } from '../flows/evaluate.js';
import type { TierBook } from '../venues/tier-book.js';
import type { CommonOptions } from './command-options.js';
import type { CliStreams } from './evaluate-command.js';
import { checkInputFile, countChunks, inputLabel, openChunks, type InputFile, type StreamCounts } from './input-files.js';
import { AtomicFileSink, StdoutSink, checkOutputPath, type OutputSink } from './output-sink.js';

/** What a shock command needs of the book files, ready to run. */
export interface BookInputs {
  readonly positionsFile: InputFile;
  /** The book part of a simulate or replay request (positions streamed and counted). */
  readonly request: EvaluateRequest;
  /** Bytes and lines read from the positions file so far. */
  readonly counts: StreamCounts;
  /** True when the problems found so far stop the run (see `skipRule`). */
  stopped(): boolean;
  /** Accounts whose collateral had a problem: left out under --skip-invalid. */
  readonly accountsWithCollateralProblems: ReadonlySet<string>;
}

function delimiterOption(options: CommonOptions): { delimiter?: ',' | ';' | '\t' } {
  return options.delimiter === null ? {} : { delimiter: options.delimiter };
}

/** Checks `paths` up front, so all missing files are reported in one go. */
export async function checkFiles(paths: readonly (string | null)[], issues: Issue[]): Promise<Map<string, InputFile>> {
  const found = new Map<string, InputFile>();
  for (const path of paths) {
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
  const { book, issues: found } = await readTiersCsv(openChunks(file, io.stdin), inputLabel(file), { ...delimiterOption(options), defaultVenue: options.venue });
  issues.push(...found);
  return book;
}

/**
 * Reads the collateral and tier files and opens the positions file. `extraFiles` (the shock
 * commands' own inputs) are checked with the others. Null when a file is missing (the Issues say
 * which). Under --skip-invalid, only problems pinned on one account are skipped, exactly as in
 * `evaluate`: a tiers problem or a collateral problem of no known account still stops the run.
 */
export async function openBookInputs(
  options: CommonOptions,
  extraFiles: readonly (string | null)[],
  io: CliStreams,
  issues: Issue[],
  onChunk: () => void,
): Promise<BookInputs | null> {
  const files = await checkFiles([options.positions, options.balances, options.tiers, ...extraFiles], issues);
  const positionsFile = files.get(options.positions);
  if (positionsFile === undefined || issues.length > 0) return null;
  const balanceIssues: Issue[] = [];
  const tierIssues: Issue[] = [];
  const balances = await readCollateral(options, files, io, balanceIssues);
  const tierOverrides = await readTierOverrides(options, files, io, tierIssues);
  issues.push(...balanceIssues, ...tierIssues);
  const accountsWithCollateralProblems = new Set(balanceIssues.flatMap((issue) => (issue.account === undefined ? [] : [issue.account])));
  const unskippable = () => tierIssues.length > 0 || balanceIssues.some((issue) => issue.account === undefined);
  const counts: StreamCounts = { bytes: 0, lines: 0 };
  return {
    positionsFile,
    counts,
    accountsWithCollateralProblems,
    stopped: () => (options.skipInvalid ? unskippable() : issues.length > 0),
    request: {
      positions: { chunks: countChunks(openChunks(positionsFile, io.stdin), counts, onChunk), label: inputLabel(positionsFile) },
      balances,
      defaultTiers: loadBundledTierBook(),
      ...(tierOverrides === undefined ? {} : { tierOverrides }),
      defaultVenue: options.venue,
      allocation: options.allocation,
      ...delimiterOption(options),
    },
  };
}

/** stdout (held until the end) or an atomically written `--out` file. */
export async function openSink(options: Pick<CommonOptions, 'out'>, io: CliStreams): Promise<OutputSink> {
  if (options.out === null) return new StdoutSink(io.stdout);
  await checkOutputPath(options.out);
  const sink = await AtomicFileSink.create(options.out);
  io.onInterrupt(() => sink.discardSync());
  return sink;
}

/** Colour in the terminal table: stdout is a terminal, not --out, and NO_COLOR is not set. */
export function useColor(options: Pick<CommonOptions, 'out' | 'format'>, io: CliStreams): boolean {
  if (options.out !== null || options.format !== 'table') return false;
  if (io.env['NO_COLOR'] !== undefined && io.env['NO_COLOR'] !== '') return false;
  if (io.env['FORCE_COLOR'] !== undefined && io.env['FORCE_COLOR'] !== '0') return true;
  return io.stdout.isTTY === true;
}

/** Input problems on stderr: sorted by file and line, one line each, repeats printed once. */
export function printIssues(issues: readonly Issue[], io: CliStreams): void {
  if (issues.length === 0) return;
  const lines = [...new Set(sortIssues(issues).map(formatIssue))];
  io.stderr.write(`${lines.join('\n')}\n`);
}

/** The closing lines of a run that left accounts out under --skip-invalid, and the collateral note. */
export function printRunNotes(options: CommonOptions, issues: readonly Issue[], io: CliStreams): void {
  if (!options.quiet && options.wallet === null && options.balances === null) {
    io.stderr.write('marginscope: note: no --balances or --wallet given; cross wallets hold no collateral\n');
  }
  if (issues.length > 0) {
    printIssues(issues, io);
    const plural = issues.length === 1 ? '' : 's';
    const accounts = [...new Set(issues.flatMap((issue) => (issue.account === undefined ? [] : [issue.account])))];
    const named = accounts.length === 0 ? 'accounts with problems were left out' : `left out: account${accounts.length === 1 ? '' : 's'} ${accounts.join(', ')}`;
    io.stderr.write(`marginscope: ${issues.length} input problem${plural} above; ${named} (--skip-invalid)\n`);
  }
}
