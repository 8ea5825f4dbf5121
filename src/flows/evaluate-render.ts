// One account of the plain evaluate flow, from its book to its text in the output format: the
// evaluation (src/margin), the notes every evaluated account carries (evaluation-notes.ts) and the
// format's writer. The same function runs in process and on the worker threads of
// evaluate-parallel.ts, so the text is the same whatever the thread count.

import type { AccountBook } from '../domain/account-book.js';
import type { Issue } from '../domain/issue.js';
import { evaluateAccount } from '../margin/evaluate-account.js';
import type { AllocationPolicy } from '../margin/evaluation.js';
import type { EvaluateFormat, EvaluateReportInputs, ExtrasInputs, WriterOptions } from '../report/evaluate/evaluate-document.js';
import { createEvaluateExtrasWriter } from '../report/evaluate/formats.js';
import type { TierBook } from '../venues/tier-book.js';
import { annotateEvaluation } from './evaluation-notes.js';

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

/** One account's text ('' when it cannot be evaluated) and the problems evaluating it found. */
export interface RenderedAccount {
  readonly text: string;
  readonly issues: readonly Issue[];
  /** Whether it was evaluated (and so written). */
  readonly evaluated: boolean;
}

/** A renderer for `spec`: book in, the account's text out. */
export function createAccountRenderer(spec: EvaluateRenderSpec): (book: AccountBook) => RenderedAccount {
  if (!ORDER_FREE_FORMATS.has(spec.format)) throw new Error(`evaluate-render: ${spec.format} is not written account by account independently`);
  const writer = createEvaluateExtrasWriter(spec.format, spec.writerOptions);
  writer.begin(spec.reportInputs, spec.extrasInputs);
  const context = { tierBook: spec.tierBook, allocation: spec.allocation };
  return (book) => {
    const { evaluation, issues } = evaluateAccount(book, context);
    if (evaluation === null) return { text: '', issues, evaluated: false };
    const annotated = annotateEvaluation(evaluation, book, spec.tierBook, spec.asOf, false);
    return { text: writer.account(annotated, {}), issues, evaluated: true };
  };
}
