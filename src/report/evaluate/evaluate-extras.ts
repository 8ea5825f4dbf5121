// What `evaluate --stress / --what-if / --transfer` and a venue export add to an account's
// result, and the writer shape that shows it beside the evaluation in every output format.
// The plain evaluate writers stay as they are; these wrap them (see evaluate-extras-formats.ts).

import type { AccountStress } from '../../contagion/stress-account.js';
import type { WhatIfComparison } from '../../book-changes/what-if-comparison.js';
import type { ReportedLiquidationPrice } from '../../import/exports/index.js';
import type { AccountEvaluation } from '../../margin/evaluation.js';
import type { EvaluateEnd, EvaluateReportInputs } from './evaluate-writer.js';

/** One change as the user wrote it, echoed beside its result. */
export interface ChangeText {
  readonly option: '--what-if' | '--transfer';
  readonly text: string;
}

/** Before → after of the changes applied to one account. */
export interface WhatIfResult {
  readonly changes: readonly ChangeText[];
  readonly comparison: WhatIfComparison;
}

/** Everything shown about an account beyond its evaluation; absent parts are not shown. */
export interface AccountExtras {
  readonly stress?: AccountStress;
  readonly whatIf?: WhatIfResult;
  /** The venue's own liquidation price per position id, as its export reports it. */
  readonly venueLiquidationPrices?: ReadonlyMap<string, ReportedLiquidationPrice>;
}

/** The extra inputs a result echoes. */
export interface ExtrasInputs {
  /** What the positions file was read as: `canonical` or an export format name (`auto` if several). */
  readonly formatIn: string;
  /** Further export files (`--with`). */
  readonly withFiles: readonly string[];
  readonly stress: boolean;
  /** Whether `--what-if` or `--transfer` changes are applied. */
  readonly changes: boolean;
  /** Whether the input is a venue export (which may report its own liquidation prices). */
  readonly venueReported: boolean;
  /** Only these accounts (`--accounts`); null for all. */
  readonly accounts: readonly string[] | null;
}

/** An evaluate writer that also shows the extras (same streaming shape as EvaluateReportWriter). */
export interface EvaluateExtrasWriter {
  begin(inputs: EvaluateReportInputs, extras: ExtrasInputs): string;
  account(evaluation: AccountEvaluation, extras: AccountExtras): string;
  end(summary?: EvaluateEnd): string;
}
