// `marginscope evaluate`: reads the collateral and tier files, then the positions file — the
// canonical CSV streamed account by account, or a venue export (detected from its first bytes,
// or named by --format-in) read whole with its --with companions — and writes each account as
// soon as it is evaluated, in the chosen format, with what the extra options ask for beside it:
// the stress (--stress), before → after of --what-if / --transfer, and the venue's own
// liquidation prices. Input problems are collected and printed on stderr, one sorted line each
// (exit 1); with --skip-invalid the accounts without problems are still written (exit 0).

import { readFile } from 'node:fs/promises';
import { stressAccount } from '../contagion/stress-account.js';
import { compareBooks } from '../book-changes/what-if-comparison.js';
import { formatIssue, sortIssues, type Issue } from '../domain/issue.js';
import { detectExportFormat, type ExportFile, type ReportedLiquidationPrice } from '../import/exports/index.js';
import { readAccountBooks } from '../import/index.js';
import { positionReadOptions, tierBookOf } from '../flows/evaluate.js';
import type { MarginContext } from '../margin/evaluate-account.js';
import type { AccountExtras, ExtrasInputs, WhatIfResult } from '../report/evaluate/evaluate-extras.js';
import { createEvaluateExtrasWriter } from '../report/evaluate/extras-formats.js';
import type { EvaluateReportInputs, LeftOutAccount } from '../report/evaluate/evaluate-writer.js';
import { BookChangeError } from '../book-changes/book-change-error.js';
import { BookChangeRouter, type AppliedChanges } from '../flows/book-change-router.js';
import { openBookInputs, openSink, printIssues, printRunNotes, useColor, type BookInputs } from './book-inputs.js';
import type { CommonOptions } from './command-options.js';
import { NO_EVALUATE_EXTRAS, type EvaluateExtras } from './evaluate-extra-options.js';
import { evaluateBooks, type MaybeBookedAccount } from '../flows/evaluated-account.js';
import { EXIT_INPUT_PROBLEMS, EXIT_OK, type ExitCode } from './exit-codes.js';
import { midRunFileIssue } from './input-files.js';
import { peekPositions, readAllText, type PositionsRoad } from './positions-format.js';
import { SILENT_PROGRESS, terminalProgress, type Progress } from './progress.js';
import { UsageError } from './usage-error.js';
import { evaluateVenueExportInput } from './venue-export-input.js';
import { annotateEvaluation } from '../flows/evaluation-notes.js';

const COMMAND = 'evaluate';

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

/** The accounts to write, from either road, and what the road adds to each. */
interface AccountSource {
  readonly accounts: AsyncIterable<MaybeBookedAccount> | Iterable<MaybeBookedAccount>;
  /** The context the books are evaluated in; null when no book was kept. */
  readonly context: MarginContext | null;
  /** The venue's liquidation prices by position id (venue exports only). */
  readonly venueLiquidationPrices: ReadonlyMap<string, ReportedLiquidationPrice> | null;
  /** What the positions file was read as, echoed in the output. */
  readonly formatIn: string;
  /** Whether the export's files report the wallet (venue exports only). */
  readonly walletReported: boolean;
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

/** Mistakes in combining the input options with what the positions file turned out to be. */
function checkRoad(road: PositionsRoad, options: CommonOptions, extras: EvaluateExtras, label: string): void {
  if (road.kind === 'canonical') {
    const exportOnly = extras.withFiles.length > 0 ? '--with' : extras.exchange !== null ? '--exchange' : null;
    if (exportOnly !== null) {
      throw new UsageError(`${exportOnly} applies to a venue export, but ${label} reads as the canonical positions CSV (name its format with --format-in)`, COMMAND);
    }
  }
}

/** The venue export road: read whole, evaluated by the pipeline; its notes on stderr. */
async function exportSource(inputs: BookInputs, text: string, road: Extract<PositionsRoad, { kind: 'export' }>, extras: EvaluateExtras, options: CommonOptions, io: CliStreams, issues: Issue[]): Promise<AccountSource> {
  const label = inputs.request.positions.label;
  const files: ExportFile[] = [{ label, text }];
  for (const path of extras.withFiles) files.push({ label: path, text: await readFile(path, 'utf8') });
  const { result, accounts, context } = evaluateVenueExportInput(
    {
      files,
      format: road.format,
      exchange: extras.exchange,
      balances: inputs.request.balances,
      defaultTiers: inputs.request.defaultTiers,
      tierOverrides: inputs.request.tierOverrides,
      allocation: options.allocation,
    },
    issues,
  );
  if (!options.quiet) {
    for (const warning of result.warnings) io.stderr.write(`marginscope: warning: ${formatIssue(warning)}\n`);
    for (const note of result.notes) io.stderr.write(`marginscope: note: ${note}\n`);
  }
  const venueLiquidationPrices = new Map<string, ReportedLiquidationPrice>();
  for (const [id, reported] of result.venueReported) venueLiquidationPrices.set(id, reported.liquidationPrice);
  const selected = extras.accounts === null ? accounts : accounts.filter((a) => extras.accounts!.has(a.evaluation.account));
  return { accounts: selected, context, venueLiquidationPrices, formatIn: road.detected ?? detectExportFormat({ label, text }) ?? 'auto', walletReported: result.walletReported };
}

/** The canonical road: the positions CSV streamed through the importer, one account at a time. */
function canonicalSource(inputs: BookInputs, chunks: AsyncIterable<Uint8Array | string>, extras: EvaluateExtras, issues: Issue[]): AccountSource {
  const request = inputs.request;
  const tierBook = tierBookOf(request);
  const context: MarginContext = { tierBook, allocation: request.allocation };
  const books = readAccountBooks(chunks, request.positions.label, request.balances, positionReadOptions(request, tierBook), issues);
  return { accounts: evaluateBooks(books, context, extras.accounts, issues), context, venueLiquidationPrices: null, formatIn: 'canonical', walletReported: false };
}

/** The accounts the problems name, each with its count and first problem (sorted as printed). */
function leftOutAccounts(issues: readonly Issue[]): LeftOutAccount[] {
  const byAccount = new Map<string, Issue[]>();
  for (const issue of sortIssues(issues)) {
    if (issue.account === undefined) continue;
    byAccount.set(issue.account, [...(byAccount.get(issue.account) ?? []), issue]);
  }
  return [...byAccount].map(([account, found]) => ({ account, problems: found.length, firstProblem: formatIssue(found[0]!) }));
}

/** Before → after of the changes applied to one account; a change that cannot be evaluated is a usage error. */
function whatIfResult(applied: AppliedChanges, context: MarginContext): WhatIfResult {
  const comparison = compareBooks(applied.pair.before, applied.pair.after, context);
  const problem = comparison.issues[0];
  if (problem !== undefined) {
    const change = applied.changes.find((c) => c.option === '--what-if') ?? applied.changes[0]!;
    throw new UsageError(`${change.option} ${JSON.stringify(change.text)}: ${problem.message}${problem.value === undefined ? '' : ` (${problem.value})`}`, COMMAND);
  }
  return { changes: applied.changes, comparison };
}

/** What to show beside one account's evaluation. */
/** The account's evaluation with the collateral flag, its tier tables and their notes (see evaluation-notes.ts). */
function annotated(item: MaybeBookedAccount, source: AccountSource, asOf: string): MaybeBookedAccount['evaluation'] {
  if (item.book === null || source.context === null) return item.evaluation;
  return annotateEvaluation(item.evaluation, item.book, source.context.tierBook, asOf, source.walletReported);
}

function accountExtras(item: MaybeBookedAccount, applied: AppliedChanges | null, source: AccountSource, extras: EvaluateExtras): AccountExtras {
  const context = source.context;
  const out: { -readonly [K in keyof AccountExtras]: AccountExtras[K] } = {};
  if (source.venueLiquidationPrices !== null) out.venueLiquidationPrices = source.venueLiquidationPrices;
  if (extras.stress && item.book !== null && context !== null) out.stress = stressAccount(item.book, context);
  if (applied !== null && context !== null) out.whatIf = whatIfResult(applied, context);
  return out;
}

/**
 * Runs `evaluate` end to end. Returns the exit code; throws UsageError for a bad `--out` or an
 * extra option that does not fit the input (a what-if on an account the file does not hold),
 * and lets unexpected errors (bugs) through to the entry point.
 */
export async function runEvaluate(options: CommonOptions, io: CliStreams, extras: EvaluateExtras = NO_EVALUATE_EXTRAS): Promise<ExitCode> {
  const issues: Issue[] = [];
  const sink = await openSink(options, io);
  let progress: Progress = SILENT_PROGRESS;
  let source: AccountSource | null = null;
  const writer = createEvaluateExtrasWriter(options.format, { color: useColor(options, io) });
  // The day a bundled tier snapshot's age is measured to.
  const asOf = new Date().toISOString().slice(0, 10);
  try {
    const inputs = await openBookInputs(options, extras.withFiles, io, issues, () => progress.tick());
    if (inputs === null) {
      await sink.abort();
      printIssues(issues, io);
      return EXIT_INPUT_PROBLEMS;
    }
    const label = inputs.request.positions.label;
    if (!options.quiet && io.stderr.isTTY === true) progress = terminalProgress(io.stderr, label, inputs.counts, inputs.positionsFile.sizeBytes);
    const peeked = await peekPositions(inputs.request.positions.chunks, label, extras.formatIn);
    checkRoad(peeked.road, options, extras, label);
    source =
      peeked.road.kind === 'canonical'
        ? canonicalSource(inputs, peeked.chunks, extras, issues)
        : await exportSource(inputs, await readAllText(peeked.chunks), peeked.road, extras, options, io, issues);
    const extrasInputs: ExtrasInputs = {
      formatIn: source.formatIn,
      withFiles: extras.withFiles,
      stress: extras.stress,
      changes: extras.changes.whatIfs.length + extras.changes.transfers.length > 0,
      venueReported: source.venueLiquidationPrices !== null,
      accounts: extras.accounts === null ? null : [...extras.accounts],
    };
    const router = new BookChangeRouter<MaybeBookedAccount>(extras.changes, options.venue);
    const skipped = (account: string): boolean => inputs.stopped() || inputs.accountsWithCollateralProblems.has(account);
    await sink.write(writer.begin(reportInputs(options), extrasInputs));
    const write = async (routed: readonly { item: MaybeBookedAccount; applied: AppliedChanges | null }[]): Promise<void> => {
      for (const { item, applied } of routed) await sink.write(writer.account(annotated(item, source!, asOf), accountExtras(item, applied, source!, extras)));
    };
    for await (const item of source.accounts) {
      progress.accountDone();
      // A stopped run keeps reading, so that every problem in the file is listed at once.
      if (skipped(item.evaluation.account)) continue;
      await write(router.push(item));
    }
    progress.finish();
    if (inputs.stopped()) {
      await sink.abort();
      printIssues(issues, io);
      return EXIT_INPUT_PROBLEMS;
    }
    await write(router.finish());
  } catch (error) {
    progress.finish();
    await sink.abort();
    if (error instanceof BookChangeError) throw new UsageError(error.message, COMMAND);
    // A file that vanished or became unreadable mid-run: never a partial result.
    const failure = midRunFileIssue(error, options.positions);
    if (failure === null) throw error;
    printIssues([...issues, failure], io);
    return EXIT_INPUT_PROBLEMS;
  }

  await sink.write(writer.end({ leftOut: options.skipInvalid ? leftOutAccounts(issues) : [] }));
  await sink.commit();
  // A venue export carries its own wallets: the "no collateral given" note would mislead.
  printRunNotes(source?.formatIn === 'canonical' ? options : { ...options, quiet: true }, issues, io);
  return EXIT_OK;
}
