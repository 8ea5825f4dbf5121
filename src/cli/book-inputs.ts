// The book-side inputs every shock command reads before its own work, the way `evaluate` reads
// them: every file checked up front (all missing files reported at once), the collateral
// (`--balances` or `--wallet`) and tier overrides read, the positions file opened as a counted
// stream, and the --skip-invalid rule. Also the small helpers their runs share: printing input
// problems (one sorted, de-duplicated line each), and the output sink and colour (command-output.ts,
// re-exported here).

import { readFile } from 'node:fs/promises';
import type { Balance } from '../domain/balance.js';
import { echoValue, formatIssue, sortIssues, type Issue } from '../domain/issue.js';
import { readBalancesCsv, readTiersCsv, walletBalances } from '../import/index.js';
import { openBundledTierBook } from '../io/bundled-tiers.js';
import type { EvaluateRequest } from '../flows/evaluate.js';
import type { ExportFile } from '../import/exports/index.js';
import type { TierBook } from '../venues/tier-book.js';
import type { CommonOptions } from './command-options.js';
import type { ExportInputOptions } from './export-input-options.js';
import type { CliStreams } from './cli-streams.js';
import { checkInputFile, countChunks, inputLabel, openChunks, type InputFile, type StreamCounts } from './input-files.js';
import { peekPositions, readAllText, type PositionsRoad } from './positions-format.js';
import { UsageError } from './usage-error.js';
export { openSink, useColor } from './command-output.js';

/** What a shock command needs of the book files, ready to run. */
export interface BookInputs {
  readonly positionsFile: InputFile;
  /** The book part of a simulate or replay request (positions streamed and counted). */
  readonly request: EvaluateRequest;
  /** Bytes and lines read from the positions file so far. */
  readonly counts: StreamCounts;
  /**
   * True when the problems found so far stop the run: any problem, or with --skip-invalid only a
   * problem no account can be left out for (in the tiers file, or a balance row of no account).
   */
  stopped(): boolean;
  /** Accounts whose collateral had a problem: left out under --skip-invalid. */
  readonly accountsWithCollateralProblems: ReadonlySet<string>;
  /** Every account the positions file held, as read so far. */
  readonly accountsRead: ReadonlySet<string>;
  /** True when the positions file is a venue export that reports the account's wallet. */
  readonly walletReported?: boolean;
  /** The venue export format the positions file was read as; absent for the canonical CSV. */
  readonly formatIn?: string;
}

function delimiterOption(options: CommonOptions): { delimiter?: ',' | ';' | '\t' } {
  return options.delimiter === null ? {} : { delimiter: options.delimiter };
}

/** Checks `paths` up front, so all missing files are reported in one go. */
async function checkFiles(paths: readonly (string | null)[], issues: Issue[]): Promise<Map<string, InputFile>> {
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
  const accountsRead = new Set<string>();
  return {
    positionsFile,
    counts,
    accountsWithCollateralProblems,
    accountsRead,
    stopped: () => (options.skipInvalid ? unskippable() : issues.length > 0),
    request: {
      positions: { chunks: countChunks(openChunks(positionsFile, io.stdin), counts, onChunk), label: inputLabel(positionsFile), sizeBytes: positionsFile.sizeBytes },
      balances,
      defaultTiers: openBundledTierBook(),
      ...(tierOverrides === undefined ? {} : { tierOverrides }),
      defaultVenue: options.venue,
      allocation: options.allocation,
      ...delimiterOption(options),
      onAccountRead: (account) => accountsRead.add(account),
    },
  };
}

/** Input problems on stderr: sorted by file and line, one line each, repeats printed once. */
export function printIssues(issues: readonly Issue[], io: CliStreams): void {
  if (issues.length === 0) return;
  const lines = [...new Set(sortIssues(issues).map(formatIssue))];
  io.stderr.write(`${lines.join('\n')}\n`);
}

/**
 * The closing lines of a run that left accounts out under --skip-invalid, and the note that no
 * collateral was given (not when the positions file is a venue export that carries its wallet).
 */
export function printRunNotes(options: CommonOptions, issues: readonly Issue[], io: CliStreams, walletReported = false): void {
  if (!options.quiet && !walletReported && options.wallet === null && options.balances === null) {
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

/**
 * `--with` and `--exchange` belong to a venue export: given with a file that reads as the
 * canonical positions CSV, they are a usage error (name the format with --format-in).
 */
export function checkExportOptions(road: PositionsRoad, exportInput: ExportInputOptions, label: string, command: string): void {
  if (road.kind !== 'canonical') return;
  const exportOnly = exportInput.withFiles.length > 0 ? '--with' : exportInput.exchange !== null ? '--exchange' : null;
  if (exportOnly !== null) {
    throw new UsageError(`${exportOnly} applies to a venue export, but ${label} reads as the canonical positions CSV (name its format with --format-in)`, command);
  }
}

/** The files of a venue export: the positions file's text, then every `--with` file read whole. */
export async function readExportFiles(label: string, text: string, withFiles: readonly string[]): Promise<ExportFile[]> {
  const files: ExportFile[] = [{ label, text }];
  for (const path of withFiles) files.push({ label: path, text: await readFile(path, 'utf8') });
  return files;
}

/** The importer's warnings and notes of a venue export on stderr (not with --quiet). */
export function printExportNotes(options: CommonOptions, warnings: readonly Issue[], notes: readonly string[], io: CliStreams): void {
  printWarnings(options, warnings, io);
  if (!options.quiet) for (const note of notes) io.stderr.write(`marginscope: note: ${note}\n`);
}

/**
 * The book inputs of simulate, replay or report with the positions file's road decided: the
 * canonical CSV streams as ever; a venue export (detected from its first bytes, or named by
 * --format-in) is read whole with its --with companions and imported (`venueExportBooks`): its
 * import problems join `issues`, its warnings and notes go to stderr, and the flows take its books.
 */
export async function positionsRoadInputs(inputs: BookInputs, exportInput: ExportInputOptions, options: CommonOptions, io: CliStreams, issues: Issue[], command: string): Promise<BookInputs> {
  const label = inputs.request.positions.label;
  const peeked = await peekPositions(inputs.request.positions.chunks, label, exportInput.formatIn);
  checkExportOptions(peeked.road, exportInput, label, command);
  if (peeked.road.kind === 'canonical') return { ...inputs, request: { ...inputs.request, positions: { ...inputs.request.positions, chunks: peeked.chunks } } };
  const files = await readExportFiles(label, await readAllText(peeked.chunks), exportInput.withFiles);
  // Loaded only for an export: the importers stay out of a canonical run's start-up.
  const { venueExportBooks } = await import('../flows/evaluate.js');
  const imported = venueExportBooks(
    {
      files,
      format: peeked.road.format,
      ...(exportInput.exchange === null ? {} : { exchange: exportInput.exchange }),
      balances: inputs.request.balances,
      defaultTiers: inputs.request.defaultTiers,
      ...(inputs.request.tierOverrides === undefined ? {} : { tierOverrides: inputs.request.tierOverrides }),
      allocation: options.allocation,
    },
    issues,
  );
  printExportNotes(options, imported.warnings, imported.notes, io);
  return {
    ...inputs,
    walletReported: imported.walletReported,
    formatIn: peeked.road.detected ?? imported.formats.find((f) => f.file === label)?.format ?? 'auto',
    request: { ...inputs.request, positions: { chunks: noChunks(), label }, importedBooks: { books: imported.books, tierBook: imported.tierBook } },
  };
}

async function* noChunks(): AsyncGenerator<Uint8Array> {}

/**
 * What a command does with an account that has balance rows and no positions: `evaluate` (and the
 * report's evaluation) shows it on its collateral alone, a flat account; the Monte Carlo and the
 * replays have nothing to move and leave it out.
 */
export type BalanceOnlyAccounts = 'evaluated' | 'unused';

const BALANCE_ONLY_WORDS: Readonly<Record<BalanceOnlyAccounts, string>> = {
  evaluated: 'evaluated on its collateral alone, with nothing at risk',
  unused: 'its collateral is not used',
};

/**
 * What the accounts of the positions file say about the other inputs, once it has been read:
 * an account `--accounts` names that the file does not hold is an input problem (the run would
 * otherwise succeed with nothing in it); a balance row of an account with no positions is a
 * warning (a typo would leave the intended account without collateral), whose words say what the
 * command does with such an account (`balanceOnly`). An account whose rows had problems (`issues`
 * of the positions file naming it) is held by the file, even when it was left out.
 */
export function accountsCheck(inputs: BookInputs, requested: ReadonlySet<string> | null, issues: readonly Issue[], balanceOnly: BalanceOnlyAccounts): { problems: Issue[]; warnings: Issue[] } {
  const problems: Issue[] = [];
  const label = inputs.request.positions.label;
  // An account the positions file holds but whose rows had problems (left out under --skip-invalid,
  // or stopping the run) is in the file all the same: neither unknown nor without positions.
  const withRowProblems = new Set(issues.flatMap((issue) => (issue.account !== undefined && issue.file === label ? [issue.account] : [])));
  const inFile = (account: string): boolean => inputs.accountsRead.has(account) || withRowProblems.has(account);
  for (const account of requested ?? []) {
    if (!inFile(account)) {
      problems.push({ code: 'unknown-account', file: '--accounts', line: 0, column: '', message: `no positions for an account of that name in ${label}`, value: account, account });
    }
  }
  const warnings: Issue[] = [];
  const warned = new Set<string>();
  for (const balance of inputs.request.balances) {
    if (inFile(balance.account) || warned.has(balance.account) || balance.source.line === 0) continue;
    warned.add(balance.account);
    warnings.push({
      code: 'unknown-account',
      file: balance.source.file,
      line: balance.source.line,
      column: 'account',
      message: `no positions in ${label} for this account: ${BALANCE_ONLY_WORDS[balanceOnly]}`,
      value: balance.account,
    });
  }
  return { problems, warnings };
}

/** Warnings of one kind (file, column and message) printed in full; the rest of that kind are summed up in one line. */
export const WARNINGS_SHOWN_PER_KIND = 10;

/**
 * Warnings on stderr, unless --quiet: one line each, in the order given, except that past
 * WARNINGS_SHOWN_PER_KIND warnings of one kind (same file, column and message: say a balances
 * file of 200 accounts against a positions file of 50) the rest are one line that counts them
 * and names the first and the last, so the few warnings of other kinds are not buried.
 */
export function printWarnings(options: Pick<CommonOptions, 'quiet'>, warnings: readonly Issue[], io: CliStreams): void {
  if (options.quiet) return;
  const kinds = new Map<string, Issue[]>();
  for (const warning of warnings) {
    const kind = `${warning.file}\u0000${warning.column}\u0000${warning.message}`;
    const members = kinds.get(kind);
    if (members === undefined) kinds.set(kind, [warning]);
    else members.push(warning);
  }
  const lines: string[] = [];
  for (const members of kinds.values()) {
    for (const warning of members.slice(0, WARNINGS_SHOWN_PER_KIND)) lines.push(`marginscope: warning: ${formatIssue(warning)}`);
    if (members.length > WARNINGS_SHOWN_PER_KIND) lines.push(`marginscope: warning: ${moreOfKind(members.slice(WARNINGS_SHOWN_PER_KIND))}`);
  }
  if (lines.length > 0) io.stderr.write(`${lines.join('\n')}\n`);
}

/** "FILE: N more like the above, lines A–B (first "X", last "Y")": the tail of one kind of warning. */
function moreOfKind(rest: readonly Issue[]): string {
  const first = rest[0]!;
  const last = rest[rest.length - 1]!;
  const lines = first.line > 0 ? (rest.length === 1 ? `, line ${first.line}` : `, lines ${first.line}–${last.line}`) : '';
  const column = first.column !== '' ? ` column ${first.column}:` : '';
  const got = first.value === undefined ? '' : rest.length === 1 ? ` (got "${echoValue(first.value)}")` : ` (first "${echoValue(first.value)}", last "${echoValue(last.value ?? '')}")`;
  return `${first.file}:${column} ${rest.length} more like the above${lines}: ${first.message}${got}`;
}
