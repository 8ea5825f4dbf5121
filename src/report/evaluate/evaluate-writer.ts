// The streaming shape every `evaluate` output format implements: text for the start of the
// document, text for one account, text for the end. Accounts are formatted one at a time as the
// evaluation yields them, so a book with a million positions never has to be held as one string.

import type { AllocationPolicy } from '../../margin/evaluation.js';
import type { AccountEvaluation } from '../../margin/evaluation.js';
import type { VenueName } from '../../domain/venue-name.js';

/** The inputs that shaped an evaluation, echoed in the output so a result explains itself. */
export interface EvaluateReportInputs {
  /** Profile for rows without a `venue` column (`--venue`). */
  readonly venue: VenueName;
  /** Policy that sizes isolated margins in the `isolated` mode (`--allocation`). */
  readonly allocation: AllocationPolicy;
  /** Input files as the user named them; null when not given. */
  readonly files: {
    readonly positions: string;
    readonly balances: string | null;
    readonly tiers: string | null;
  };
  /** `--wallet` amount, when collateral came from it instead of a balances file. */
  readonly wallet: number | null;
  /** Whether rows with input problems were skipped (`--skip-invalid`). */
  readonly skipInvalid: boolean;
}

/** An account left out of the result for input problems (`--skip-invalid`), and why. */
export interface LeftOutAccount {
  readonly account: string;
  /** How many problems it had. */
  readonly problems: number;
  /** The first of them, as printed on stderr. */
  readonly firstProblem: string;
}

/** What the end of a document says beyond the accounts written. */
export interface EvaluateEnd {
  /** Accounts left out under `--skip-invalid` (empty otherwise). */
  readonly leftOut: readonly LeftOutAccount[];
}

/** `main (2 problems; first: FILE:LINE: …)`, for the table and Markdown. */
export function leftOutText(leftOut: readonly LeftOutAccount[]): string {
  const plural = leftOut.length === 1 ? '' : 's';
  const each = leftOut.map((a) => `${a.account} (${a.problems} problem${a.problems === 1 ? '' : 's'}; first: ${a.firstProblem})`);
  return `${leftOut.length} account${plural} left out for input problems (--skip-invalid): ${each.join('; ')}`;
}

/**
 * A stateful writer for one document: call `begin` once, `account` once per account in order,
 * then `end` once, and concatenate what they return. Writers are pure apart from their own
 * position in the document; they never touch the console or files.
 */
export interface EvaluateReportWriter {
  begin(inputs: EvaluateReportInputs): string;
  account(evaluation: AccountEvaluation): string;
  end(summary?: EvaluateEnd): string;
}

/** The `--format` values of `evaluate`. */
export const EVALUATE_FORMATS = ['table', 'json', 'csv', 'markdown'] as const;
export type EvaluateFormat = (typeof EVALUATE_FORMATS)[number];

export function isEvaluateFormat(value: string): value is EvaluateFormat {
  return (EVALUATE_FORMATS as readonly string[]).includes(value);
}
