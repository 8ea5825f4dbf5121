// `marginscope report`: every account as one self-contained HTML file (or Markdown, or a CSV
// summary), for batches of any size. The positions file is read twice and no account is held:
//   pass 1  every account evaluated and only its compact risk summary kept (RiskRanking);
//           the problems of the file are all found here (exit 1 before anything is written)
//   pass 2  the head and the batch summary ranked by risk, then the file read again and, for the
//           riskiest `--detailed` accounts only, the analyses (joint boundary, stress and, unless
//           --no-shocks, Monte Carlo and replays) and the detailed section, riskiest first
// The CSV summary is one row per account in file order (two passes only when simulating: the
// riskiest `--detailed` accounts are simulated, the others' probability cells stay empty).
// Progress on stderr (a line per pass on a terminal); notes on stderr unless --quiet.

import type { Issue } from '../domain/issue.js';
import { readAccountBooks } from '../import/index.js';
import { positionReadOptions } from '../flows/evaluate.js';
import type { MarginContext } from '../margin/evaluate-account.js';
import { accountSummaryCsvHeader, accountSummaryCsvRow } from '../report/report/account-summary-csv.js';
import { createHtmlReportWriter } from '../report/report/render-html.js';
import { createMarkdownReportWriter } from '../report/report/render-markdown-report.js';
import type { ReportInputs, SimulationInputs } from '../report/report/report-model.js';
import { RiskRanking } from '../report/report/risk-ranking.js';
import { stressSectionHtml, stressSectionMarkdown, withinAccountSection } from '../report/report/stress-section.js';
import { overlayTierBook } from '../venues/tier-book.js';
import { openBookInputs, openSink, printIssues, printRunNotes, type BookInputs } from './book-inputs.js';
import { STDIN_PATH, type CommonOptions } from './command-options.js';
import type { CliStreams } from './evaluate-command.js';
import { evaluateBooks, type EvaluatedAccount } from '../flows/evaluated-account.js';
import { EXIT_INPUT_PROBLEMS, EXIT_OK, type ExitCode } from './exit-codes.js';
import { countChunks, midRunFileIssue, openChunks, type StreamCounts } from './input-files.js';
import type { OutputSink } from './output-sink.js';
import { SILENT_PROGRESS, terminalProgress, type Progress } from './progress.js';
import { analyseAccount, problemNote, simulateForReport, type ReportShocks } from '../flows/report-analyses.js';
import type { ReportOptions } from './report-command-line.js';
import { loadReplaySettings, loadSimulationSettings } from './shock-inputs.js';
import type { ShockOptions } from './shock-options.js';
import { UsageError } from './usage-error.js';

const COMMAND = 'report';

/** One pass over the positions file (`chunks`): books streamed, evaluated, filtered by --accounts. */
function evaluatedAccounts(inputs: BookInputs, chunks: AsyncIterable<Uint8Array | string>, context: MarginContext, report: ReportOptions, issues: Issue[]): AsyncGenerator<EvaluatedAccount> {
  const request = inputs.request;
  const books = readAccountBooks(chunks, request.positions.label, request.balances, positionReadOptions(request, context.tierBook), issues);
  return evaluateBooks(books, context, report.accounts, issues);
}

function passProgress(options: CommonOptions, io: CliStreams, inputs: BookInputs, pass: string, counts: StreamCounts): Progress {
  if (options.quiet || io.stderr.isTTY !== true) return SILENT_PROGRESS;
  return terminalProgress(io.stderr, `${inputs.request.positions.label} (${pass})`, counts, inputs.positionsFile.sizeBytes);
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

function reportInputs(options: CommonOptions, report: ReportOptions, shock: ShockOptions | undefined, shocks: ReportShocks): ReportInputs {
  const simulation = simulationInputs(shock, shocks);
  const events = shocks.replay?.scenarios.map((s) => (s.kind === 'event' ? s.event.entry.name : s.label)) ?? [];
  return {
    ...(report.title === null ? {} : { title: report.title }),
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

/** Writes sections given in any order as their ranks 1, 2, 3… come due (at most `--detailed` held). */
class RankOrderedSections {
  readonly #held = new Map<number, string>();
  #next = 1;

  constructor(private readonly sink: OutputSink) {}

  async add(rank: number, text: string): Promise<void> {
    this.#held.set(rank, text);
    while (this.#held.has(this.#next)) {
      await this.sink.write(this.#held.get(this.#next)!);
      this.#held.delete(this.#next++);
    }
  }

  /** Whatever is still held (ranks whose predecessors never came), in rank order. */
  async flush(): Promise<void> {
    for (const rank of [...this.#held.keys()].sort((a, b) => a - b)) await this.sink.write(this.#held.get(rank)!);
    this.#held.clear();
  }
}

/**
 * Runs `report` end to end. Returns the exit code; throws UsageError for a positions file on
 * standard input (it is read twice) or a bad `--out`.
 */
export async function runReport(options: CommonOptions, report: ReportOptions, io: CliStreams, shock?: ShockOptions): Promise<ExitCode> {
  if (options.positions === STDIN_PATH) throw new UsageError("report reads the positions file twice (ranking, then writing), so it needs a file, not '-'", COMMAND);
  const issues: Issue[] = [];
  const sink = await openSink(options, io);
  let progress: Progress = SILENT_PROGRESS;
  const notes: string[] = [];
  try {
    const shockFiles = report.shocks && shock !== undefined ? [shock.corr?.kind === 'file' ? shock.corr.path : null, ...shock.history, shock.prices] : [];
    const inputs = await openBookInputs(options, shockFiles, io, issues, () => progress.tick());
    const shocks = inputs === null ? null : await loadShocks(options, report, shock, io, issues);
    if (inputs === null || shocks === null) {
      await sink.abort();
      printIssues(issues, io);
      return EXIT_INPUT_PROBLEMS;
    }
    const request = inputs.request;
    const context: MarginContext = {
      tierBook: request.tierOverrides === undefined ? request.defaultTiers : overlayTierBook(request.defaultTiers, request.tierOverrides),
      allocation: request.allocation,
    };
    const skipped = (account: string): boolean => inputs.stopped() || inputs.accountsWithCollateralProblems.has(account);
    const simulating = shocks.simulation !== null;

    // Pass 1: rank (and, for an unsimulated CSV summary, write each row at once).
    const csvInOnePass = report.reportFormat === 'csv' && !simulating;
    const ranking = new RiskRanking();
    progress = passProgress(options, io, inputs, csvInOnePass ? 'summary' : 'pass 1 of 2: ranking', inputs.counts);
    if (csvInOnePass) await sink.write(accountSummaryCsvHeader());
    for await (const item of evaluatedAccounts(inputs, request.positions.chunks, context, report, issues)) {
      progress.accountDone();
      if (skipped(item.evaluation.account)) continue;
      if (csvInOnePass) await sink.write(accountSummaryCsvRow(item.evaluation, null));
      else ranking.add(item.evaluation);
    }
    progress.finish();
    if (inputs.stopped()) {
      await sink.abort();
      printIssues(issues, io);
      return EXIT_INPUT_PROBLEMS;
    }

    if (!csvInOnePass) {
      // Pass 2: the document, the riskiest accounts analysed and detailed.
      const inputsEcho = reportInputs(options, report, shock, shocks);
      const html = report.reportFormat === 'html' ? createHtmlReportWriter(inputsEcho, ranking, { detailedAccounts: report.detailed }) : null;
      const markdown = report.reportFormat === 'markdown' ? createMarkdownReportWriter(inputsEcho, ranking, { detailedAccounts: report.detailed }) : null;
      const isDetailed = (account: string): boolean => (html ?? markdown)?.isDetailed(account) ?? (ranking.rankOf(account) ?? Infinity) <= report.detailed;
      if (html !== null) for (const chunk of html.beginChunks()) await sink.write(chunk);
      if (markdown !== null) await sink.write(markdown.begin());
      if (report.reportFormat === 'csv') await sink.write(accountSummaryCsvHeader());
      const sections = new RankOrderedSections(sink);
      const counts: StreamCounts = { bytes: 0, lines: 0 };
      progress = passProgress(options, io, inputs, 'pass 2 of 2: writing', counts);
      const again = countChunks(openChunks(inputs.positionsFile, io.stdin), counts, () => progress.tick());
      // Pass 1 found every problem of the file; the second reading repeats them, unneeded.
      for await (const item of evaluatedAccounts(inputs, again, context, report, [])) {
        progress.accountDone();
        const account = item.evaluation.account;
        if (skipped(account)) continue;
        const rank = ranking.rankOf(account);
        const detailed = rank !== null && isDetailed(account);
        if (report.reportFormat === 'csv') {
          const run = detailed && shocks.simulation !== null ? await simulateForReport(item, context, shocks.simulation) : null;
          if (run !== null && run.simulation === null) notes.push(problemNote('Monte Carlo', account, run.issues));
          await sink.write(accountSummaryCsvRow(item.evaluation, run?.simulation?.outcome.modes ?? null));
        } else if (detailed) {
          const analyses = await analyseAccount(item, context, shocks);
          notes.push(...analyses.notes);
          const section =
            html !== null
              ? withinAccountSection(await html.account(analyses.report), stressSectionHtml(analyses.stress, item.evaluation))
              : `${markdown!.account(analyses.report)}${stressSectionMarkdown(analyses.stress, item.evaluation)}`;
          await sections.add(rank, section);
        }
      }
      progress.finish();
      await sections.flush();
      if (html !== null) await sink.write(html.end());
      if (markdown !== null) await sink.write(markdown.end());
    }
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
  printRunNotes(options, issues, io);
  return EXIT_OK;
}
