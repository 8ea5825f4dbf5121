// The report flow: every account of a positions file as one document (HTML or Markdown, with
// charts) or a CSV summary, for batches of any size. The positions file is read twice and no
// account is held:
//   pass 1  every account evaluated and only its compact risk summary kept (RiskRanking); the
//           problems of the file are all found here (nothing is written when it has any)
//   pass 2  the head and the batch summary ranked by risk, then the file read again and, for the
//           riskiest `detailed` accounts only, the analyses (joint boundary, stress and, when
//           shocks are given, Monte Carlo and replays) and the detailed section, riskiest first
// The CSV summary is one row per account in file order (two passes only when simulating: the
// riskiest `detailed` accounts are simulated, the others' probability cells stay empty).
// The caller opens the files and the output; this flow only reads chunks and writes text.

import type { CascadeResult } from '../cascade/cascade-result.js';
import type { Issue } from '../domain/issue.js';
import { cascadeSectionHtml, cascadeSectionMarkdown } from '../report/cascade/cascade-report-section.js';
import { accountSummaryCsvHeader, accountSummaryCsvRow } from '../report/report/account-summary-csv.js';
import { createHtmlReportWriter } from '../report/report/render-html.js';
import { createMarkdownReportWriter } from '../report/report/render-markdown-report.js';
import type { ReportInputs } from '../report/report/report-model.js';
import { leftOutAccounts } from '../report/left-out-accounts.js';
import { RiskRanking } from '../report/report/risk-ranking.js';
import { stressSectionHtml, stressSectionMarkdown, withinAccountSection } from '../report/report/stress-section.js';
import type { MarginContext } from '../margin/evaluate-account.js';
import { marginContext, readRequestBooks, type EvaluateRequest } from './book-request.js';
import { evaluateBooks, type EvaluatedAccount } from './evaluated-account.js';
import { analyseAccount, problemNote, simulateForReport, type ReportShocks } from './report-analyses.js';

export type ReportFormat = 'html' | 'markdown' | 'csv';

export interface ReportRequest extends EvaluateRequest {
  readonly format: ReportFormat;
  /** How many of the riskiest accounts get a detailed section (and, in the CSV, a simulation). */
  readonly detailed: number;
  /** Only these accounts (null: every account). */
  readonly accounts: ReadonlySet<string> | null;
  readonly shocks: ReportShocks;
  /** What the document echoes as its inputs. */
  readonly inputs: ReportInputs;
  /** A liquidation cascade run on the book (`report --crowd --depth ...`): its section ends the document. */
  readonly cascade?: CascadeResult | null;
  /** The positions file read again from the start, for the second pass. */
  readonly reopenPositions: () => AsyncIterable<string | Uint8Array>;
}

export interface ReportHooks {
  /** A pass begins: `summary` (the one pass of an unsimulated CSV), `ranking` or `writing`. */
  readonly onPass?: (pass: 'summary' | 'ranking' | 'writing') => void;
  /** A pass ends. */
  readonly onPassEnd?: () => void;
  /** One more account read in the current pass. */
  readonly onAccount?: () => void;
  /** True to leave an account out (e.g. its collateral had problems); its problems are still reported. */
  readonly skip?: (account: string) => boolean;
  /** True once the problems found so far stop the run (checked after the first pass). */
  readonly stopped?: () => boolean;
}

export interface ReportOutcome {
  /** False when input problems (appended to `issues`) stopped the run: discard the output. */
  readonly written: boolean;
  /** Why a section is missing for some account, one line each. */
  readonly notes: readonly string[];
}

/** One pass over the positions (`chunks`): books streamed, evaluated, filtered by `accounts`. */
function evaluatedAccounts(request: ReportRequest, chunks: AsyncIterable<Uint8Array | string>, context: MarginContext, issues: Issue[]): AsyncGenerator<EvaluatedAccount> {
  return evaluateBooks(readRequestBooks(request, issues, chunks), context, request.accounts, issues);
}

/** Writes sections given in any order as their ranks 1, 2, 3… come due (at most `detailed` held). */
class RankOrderedSections {
  readonly #held = new Map<number, string>();
  #next = 1;

  constructor(private readonly write: (text: string) => Promise<void>) {}

  async add(rank: number, text: string): Promise<void> {
    this.#held.set(rank, text);
    while (this.#held.has(this.#next)) {
      await this.write(this.#held.get(this.#next)!);
      this.#held.delete(this.#next++);
    }
  }

  /** Whatever is still held (ranks whose predecessors never came), in rank order. */
  async flush(): Promise<void> {
    for (const rank of [...this.#held.keys()].sort((a, b) => a - b)) await this.write(this.#held.get(rank)!);
    this.#held.clear();
  }
}

/**
 * Writes the report of `request` through `write`, in order. Input problems are appended to
 * `issues`; when they stop the run (`hooks.stopped`, default: any problem) after the first pass,
 * `written` is false and what was written (at most the CSV summary's first rows) is to be
 * discarded: the CLI writes to a temporary file it then removes.
 */
export async function writeReport(request: ReportRequest, write: (text: string) => Promise<void>, issues: Issue[], hooks: ReportHooks = {}): Promise<ReportOutcome> {
  const context = marginContext(request);
  const skip = hooks.skip ?? (() => false);
  const stopped = hooks.stopped ?? (() => issues.length > 0);
  const simulating = request.shocks.simulation !== null;
  const notes: string[] = [];

  // Pass 1: rank (and, for an unsimulated CSV summary, write each row at once).
  const csvInOnePass = request.format === 'csv' && !simulating;
  const ranking = new RiskRanking();
  hooks.onPass?.(csvInOnePass ? 'summary' : 'ranking');
  if (csvInOnePass) await write(accountSummaryCsvHeader());
  for await (const item of evaluatedAccounts(request, request.positions.chunks, context, issues)) {
    hooks.onAccount?.();
    if (skip(item.evaluation.account)) continue;
    if (csvInOnePass) await write(accountSummaryCsvRow(item.evaluation, null));
    else ranking.add(item.evaluation);
  }
  hooks.onPassEnd?.();
  if (stopped()) return { written: false, notes };
  if (csvInOnePass) return { written: true, notes };

  // Pass 2: the document, the riskiest accounts analysed and detailed; the accounts pass 1 left
  // out for input problems (--skip-invalid) are named among its inputs.
  const leftOut = request.inputs.evaluate.skipInvalid ? leftOutAccounts(issues) : [];
  const inputs = leftOut.length === 0 ? request.inputs : { ...request.inputs, leftOut };
  const html = request.format === 'html' ? createHtmlReportWriter(inputs, ranking, { detailedAccounts: request.detailed }) : null;
  const markdown = request.format === 'markdown' ? createMarkdownReportWriter(inputs, ranking, { detailedAccounts: request.detailed }) : null;
  const isDetailed = (account: string): boolean => (html ?? markdown)?.isDetailed(account) ?? (ranking.rankOf(account) ?? Infinity) <= request.detailed;
  if (html !== null) for (const chunk of html.beginChunks()) await write(chunk);
  if (markdown !== null) await write(markdown.begin());
  if (request.format === 'csv') await write(accountSummaryCsvHeader());
  const sections = new RankOrderedSections(write);
  hooks.onPass?.('writing');
  // Pass 1 found every problem of the file; the second reading repeats them, unneeded.
  for await (const item of evaluatedAccounts(request, request.reopenPositions(), context, [])) {
    hooks.onAccount?.();
    const account = item.evaluation.account;
    if (skip(account)) continue;
    const rank = ranking.rankOf(account);
    const detailed = rank !== null && isDetailed(account);
    if (request.format === 'csv') {
      const run = detailed && request.shocks.simulation !== null ? await simulateForReport(item, context, request.shocks.simulation) : null;
      if (run !== null && run.simulation === null) notes.push(problemNote('Monte Carlo', account, run.issues));
      await write(accountSummaryCsvRow(item.evaluation, run?.simulation?.outcome.modes ?? null));
    } else if (detailed) {
      const analyses = await analyseAccount(item, context, request.shocks);
      notes.push(...analyses.notes);
      const section =
        html !== null
          ? withinAccountSection(await html.account(analyses.report), stressSectionHtml(analyses.stress, item.evaluation))
          : `${markdown!.account(analyses.report)}${stressSectionMarkdown(analyses.stress, item.evaluation)}`;
      await sections.add(rank, section);
    }
  }
  hooks.onPassEnd?.();
  await sections.flush();
  if (html !== null) await write(await cascadeSectionHtml(request.cascade ?? null));
  if (markdown !== null) await write(cascadeSectionMarkdown(request.cascade ?? null));
  if (html !== null) await write(html.end());
  if (markdown !== null) await write(markdown.end());
  return { written: true, notes };
}
