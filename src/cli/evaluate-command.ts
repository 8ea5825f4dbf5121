// `marginscope evaluate`: the CLI side of the evaluate flows (flows/evaluate-extras.ts). Reads the
// collateral and tier files, then the positions file — the
// canonical CSV streamed account by account, or a venue export (detected from its first bytes,
// or named by --format-in) read whole with its --with companions — and writes each account as
// soon as it is evaluated, in the chosen format, with what the extra options ask for beside it:
// the stress (--stress), before → after of --what-if / --transfer, and the venue's own
// liquidation prices. Input problems are collected and printed on stderr, one sorted line each
// (exit 1); with --skip-invalid the accounts without problems are still written (exit 0).

import type { Issue } from '../domain/issue.js';
import type { EvaluateExtrasWriter, EvaluateReportInputs, ExtrasInputs } from '../report/evaluate/evaluate-document.js';
import { leftOutAccounts } from '../report/left-out-accounts.js';
import { createEvaluateExtrasWriter } from '../report/evaluate/formats.js';
import { BookChangeError } from '../book-changes/book-change-error.js';
import { canonicalAccountSource, evaluateWithExtras, venueExportAccountSource, type AccountSource, type EvaluateExtrasHooks } from '../flows/evaluate-extras.js';
import { renderAccountsInParallel } from '../flows/evaluate-parallel.js';
import { ORDER_FREE_FORMATS } from '../flows/evaluate-render.js';
import { TextRecycling } from '../flows/text-recycling.js';
import { marginContext } from '../flows/book-request.js';
import { ScenarioShocks } from '../flows/scenario-shock.js';
import { readShockScenarios, unknownShockAssetProblems } from './shock-scenario-inputs.js';
import { accountsCheck, checkExportOptions, openBookInputs, openSink, printExportNotes, printWarnings, printIssues, printRunNotes, readExportFiles, useColor, type BookInputs } from './book-inputs.js';
import type { CommonOptions } from './command-options.js';
import { NO_EVALUATE_EXTRAS, type EvaluateExtras } from './evaluate-extra-options.js';
import { EXIT_INPUT_PROBLEMS, EXIT_OK, type ExitCode } from './exit-codes.js';
import { midRunFileIssue } from './input-files.js';
import { peekPositions, readAllText, type PositionsRoad } from './positions-format.js';
import { turnPretenuringOff } from './pretenuring.js';
import { scavengeSeriallyWhenBusy } from './serial-scavenges.js';
import { SILENT_PROGRESS, terminalProgress, type Progress } from './progress.js';
import type { CliStreams } from './cli-streams.js';
import { UsageError } from './usage-error.js';

const COMMAND = 'evaluate';

function reportInputs(options: CommonOptions): EvaluateReportInputs {
  return {
    venue: options.venue,
    allocation: options.allocation,
    files: { positions: options.positions, balances: options.balances, tiers: options.tiers },
    wallet: options.wallet,
    skipInvalid: options.skipInvalid,
  };
}

/** What the evaluation loop reads: the accounts and what the road adds, and what the file was read as. */
interface ReadSource {
  readonly source: AccountSource;
  /** What the positions file was read as, echoed in the output. */
  readonly formatIn: string;
}

/** The venue export road: read whole with its --with companions, evaluated by the flow; its notes on stderr. */
async function exportSource(inputs: BookInputs, text: string, road: Extract<PositionsRoad, { kind: 'export' }>, extras: EvaluateExtras, options: CommonOptions, io: CliStreams, issues: Issue[]): Promise<ReadSource> {
  const label = inputs.request.positions.label;
  const files = await readExportFiles(label, text, extras.withFiles);
  const { source, result } = venueExportAccountSource(
    {
      files,
      format: road.format,
      exchange: extras.exchange,
      balances: inputs.request.balances,
      defaultTiers: inputs.request.defaultTiers,
      tierOverrides: inputs.request.tierOverrides,
      allocation: options.allocation,
    },
    extras.accounts,
    issues,
  );
  printExportNotes(options, result.warnings, result.notes, io);
  // The format the import found for the positions file (JSON is only told apart by reading it).
  return { source, formatIn: road.detected ?? result.formats.find((f) => f.file === label)?.format ?? 'auto' };
}

/** No extra beside the evaluation: no stress, no what-if or transfer, no shock. */
function plainRun(extras: EvaluateExtras, shockScenarios: number): boolean {
  return !extras.stress && extras.changes.whatIfs.length + extras.changes.transfers.length === 0 && shockScenarios === 0;
}

/** Every account of `source` with its extras, evaluated and written in order on this thread. */
async function writeAccounts(source: AccountSource, extras: EvaluateExtras, asOf: string, shocks: ScenarioShocks, options: CommonOptions, hooks: EvaluateExtrasHooks, sink: Awaited<ReturnType<typeof openSink>>, writer: EvaluateExtrasWriter): Promise<void> {
  const accounts = evaluateWithExtras(source, { stress: extras.stress, changes: extras.changes, defaultVenue: options.venue, asOf, shocks }, hooks);
  for await (const { evaluation, extras: shown } of accounts) {
    if (writer.accountPieces !== undefined) for (const piece of writer.accountPieces(evaluation, shown)) await sink.write(piece);
    else if (writer.accountChunks === undefined) await sink.write(writer.account(evaluation, shown));
    else for (const chunk of writer.accountChunks(evaluation, shown)) await sink.write(chunk);
  }
}

/**
 * Runs `evaluate` end to end. Returns the exit code; throws UsageError for a bad `--out` or an
 * extra option that does not fit the input (a what-if on an account the file does not hold),
 * and lets unexpected errors (bugs) through to the entry point.
 */
export async function runEvaluate(options: CommonOptions, io: CliStreams, extras: EvaluateExtras = NO_EVALUATE_EXTRAS): Promise<ExitCode> {
  turnPretenuringOff();
  scavengeSeriallyWhenBusy(extras.threads);
  const issues: Issue[] = [];
  const sink = await openSink(options, io, extras.withFiles, COMMAND);
  let progress: Progress = SILENT_PROGRESS;
  let read: ReadSource | null = null;
  const warnings: Issue[] = [];
  const writer = createEvaluateExtrasWriter(options.format, { color: useColor(options, io) });
  try {
    const inputs = await openBookInputs(options, extras.withFiles, io, issues, () => progress.tick());
    if (inputs === null) {
      await sink.abort();
      printIssues(issues, io);
      return EXIT_INPUT_PROBLEMS;
    }
    const scenarios = await readShockScenarios(extras, issues);
    if (scenarios === null) {
      await sink.abort();
      printIssues(issues, io);
      return EXIT_INPUT_PROBLEMS;
    }
    const shocks = new ScenarioShocks(scenarios);
    const label = inputs.request.positions.label;
    if (!options.quiet && io.stderr.isTTY === true) progress = terminalProgress(io.stderr, label, inputs.counts, { totalBytes: inputs.positionsFile.sizeBytes });
    const peeked = await peekPositions(inputs.request.positions.chunks, label, extras.formatIn);
    checkExportOptions(peeked.road, extras, label, COMMAND);
    read =
      peeked.road.kind === 'canonical'
        ? { source: canonicalAccountSource({ ...inputs.request, positions: { chunks: peeked.chunks, label, sizeBytes: inputs.positionsFile.sizeBytes } }, extras.accounts, issues), formatIn: 'canonical' }
        : await exportSource(inputs, await readAllText(peeked.chunks), peeked.road, extras, options, io, issues);
    const extrasInputs: ExtrasInputs = {
      formatIn: read.formatIn,
      withFiles: extras.withFiles,
      stress: extras.stress,
      changes: extras.changes.whatIfs.length + extras.changes.transfers.length > 0,
      venueReported: read.source.venueLiquidationPrices !== null,
      accounts: extras.accounts === null ? null : [...extras.accounts],
      shocks: scenarios,
    };
    await sink.write(writer.begin(reportInputs(options), extrasInputs));
    // The day a bundled tier snapshot's age is measured to.
    const asOf = new Date().toISOString().slice(0, 10);
    const hooks = {
      onAccount: () => progress.accountDone(),
      skip: (account: string) => inputs.accountsWithCollateralProblems.has(account),
      stopped: () => inputs.stopped(),
    };
    if (read.formatIn === 'canonical' && plainRun(extras, scenarios.length) && ORDER_FREE_FORMATS.has(options.format)) {
      // The plain evaluation of the canonical CSV, each account's book straight to its text
      // (flows/evaluate-parallel.ts: this thread and --threads − 1 workers).
      const request = { ...inputs.request, positions: { chunks: peeked.chunks, label, sizeBytes: inputs.positionsFile.sizeBytes }, accounts: extras.accounts };
      const spec = { tierBook: marginContext(request).tierBook, allocation: options.allocation, asOf, format: options.format, writerOptions: { color: useColor(options, io) }, reportInputs: reportInputs(options), extrasInputs };
      // Each text's buffer is rendered into again once the sink has written it (flows/text-recycling.ts).
      const recycling = new TextRecycling();
      for await (const text of renderAccountsInParallel(request, spec, issues, hooks, extras.threads, recycling)) await sink.write(text, () => recycling.written(text));
    } else {
      await writeAccounts(read.source, extras, asOf, shocks, options, hooks, sink, writer);
    }
    progress.finish();
    if (read.formatIn === 'canonical') {
      const check = accountsCheck(inputs, extras.accounts, issues, 'evaluated');
      issues.push(...check.problems);
      warnings.push(...check.warnings);
      if (check.problems.length > 0) {
        await sink.abort();
        printIssues(issues, io);
        return EXIT_INPUT_PROBLEMS;
      }
    }
    const unknownAssets = inputs.stopped() ? [] : unknownShockAssetProblems(shocks);
    if (unknownAssets.length > 0) {
      await sink.abort();
      printIssues([...issues, ...unknownAssets], io);
      return EXIT_INPUT_PROBLEMS;
    }
    if (inputs.stopped()) {
      await sink.abort();
      printIssues(issues, io);
      return EXIT_INPUT_PROBLEMS;
    }
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
  printWarnings(options, warnings, io);
  // A venue export carries its own wallets: the "no collateral given" note would mislead.
  printRunNotes(read?.formatIn === 'canonical' ? options : { ...options, quiet: true }, issues, io);
  return EXIT_OK;
}
