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

/**
 * A stateful writer for one document: call `begin` once, `account` once per account in order,
 * then `end` once, and concatenate what they return. Writers are pure apart from their own
 * position in the document; they never touch the console or files.
 */
export interface EvaluateReportWriter {
  begin(inputs: EvaluateReportInputs): string;
  account(evaluation: AccountEvaluation): string;
  end(): string;
}

/** The `--format` values of `evaluate`. */
export const EVALUATE_FORMATS = ['table', 'json', 'csv', 'markdown'] as const;
export type EvaluateFormat = (typeof EVALUATE_FORMATS)[number];

export function isEvaluateFormat(value: string): value is EvaluateFormat {
  return (EVALUATE_FORMATS as readonly string[]).includes(value);
}
