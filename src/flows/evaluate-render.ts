// One account of the plain evaluate flow, from its book to its text in the output format, as
// UTF-8 bytes: the evaluation (src/margin), the notes every evaluated account carries
// (evaluation-notes.ts) and the format's writer. The same function runs in process and on the
// worker threads of evaluate-parallel.ts, so the text is the same whatever the thread count.

import type { AccountBook } from '../domain/account-book.js';
import type { Issue } from '../domain/issue.js';
import { evaluateAccount, type MarginContext } from '../margin/evaluate-account.js';
import type { AllocationPolicy } from '../margin/evaluation.js';
import type { EvaluateFormat, EvaluateReportInputs, ExtrasInputs, WriterOptions } from '../report/evaluate/evaluate-document.js';
import { createEvaluateExtrasWriter } from '../report/evaluate/formats.js';
import type { Utf8TextBuffer } from '../report/format/utf8-text-buffer.js';
import type { TierBook } from '../venues/tier-book.js';
import { annotateEvaluation, notedEvaluation } from './evaluation-notes.js';

/** Everything that decides an account's text (structured-cloneable: it is a worker's init). */
export interface EvaluateRenderSpec {
  readonly tierBook: TierBook;
  readonly allocation: AllocationPolicy;
  /** The day (`YYYY-MM-DD`) a bundled tier snapshot's age is measured to. */
  readonly asOf: string;
  /** A format whose writer writes each account independently of the others (see ORDER_FREE_FORMATS). */
  readonly format: EvaluateFormat;
  readonly writerOptions: WriterOptions;
  readonly reportInputs: EvaluateReportInputs;
  readonly extrasInputs: ExtrasInputs;
}

/**
 * Formats whose account text depends on the account alone (CSV rows). JSON, the table and
 * Markdown write a separator or a count that depends on the accounts before, so they stay on the
 * in-order road.
 */
export const ORDER_FREE_FORMATS: ReadonlySet<EvaluateFormat> = new Set<EvaluateFormat>(['csv']);

/** Formats that write no account warnings (the CSV rows): the notes' warnings are not composed for them. */
const FORMATS_WITHOUT_WARNINGS: ReadonlySet<EvaluateFormat> = new Set<EvaluateFormat>(['csv']);

/** The problems evaluating an account found, and whether it was evaluated (and so written). */
export interface RenderedAccount {
  readonly issues: readonly Issue[];
  readonly evaluated: boolean;
}

/** A renderer for `spec`: book in, the account's text appended to `out` (nothing when it cannot be evaluated). */
export function createAccountRenderer(spec: EvaluateRenderSpec): (book: AccountBook, out: Utf8TextBuffer) => RenderedAccount {
  if (!ORDER_FREE_FORMATS.has(spec.format)) throw new Error(`evaluate-render: ${spec.format} is not written account by account independently`);
  const writer = createEvaluateExtrasWriter(spec.format, spec.writerOptions);
  writer.begin(spec.reportInputs, spec.extrasInputs);
  // The CSV shows no uniform move, only the verdict: each pool's is searched as far as that reads it.
  const context: MarginContext = { tierBook: spec.tierBook, allocation: spec.allocation, uniformMoves: 'verdict' };
  const warnings = !FORMATS_WITHOUT_WARNINGS.has(spec.format);
  return (book, out) => {
    const { evaluation, issues } = evaluateAccount(book, context);
    if (evaluation === null) return { issues, evaluated: false };
    const annotated = warnings ? annotateEvaluation(evaluation, book, spec.tierBook, spec.asOf, false) : notedEvaluation(evaluation, book, spec.tierBook, false);
    if (writer.accountInto !== undefined) writer.accountInto(out, annotated, {});
    else out.text(writer.account(annotated, {}));
    return { issues, evaluated: true };
  };
}
