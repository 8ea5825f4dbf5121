// The `evaluate` document: the inputs it echoes, what each account shows beside its evaluation
// (stress, what-if, the venue's own liquidation prices), the streaming writer shapes every
// output format implements (text for the start, for one account, for the end: accounts are
// formatted one at a time as the evaluation yields them, so a book with a million positions is
// never held as one string), and the `--format` values (shared by the other commands).

import type { WhatIfComparison } from '../../book-changes/what-if-comparison.js';
import type { AccountStress } from '../../contagion/stress-account.js';
import type { VenueName } from '../../domain/venue-name.js';
import type { ReportedLiquidationPrice } from '../../import/exports/index.js';
import type { AccountEvaluation, AllocationPolicy } from '../../margin/evaluation.js';
import type { AccountShock } from '../../results/scenario-shock-result.js';
import type { LeftOutAccount } from '../left-out-accounts.js';
import type { ShockScenario } from '../../scenarios/shocks/shock-scenario.js';
import type { Utf8TextBuffer } from '../format/utf8-text-buffer.js';

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
/** What the end of a document says beyond the accounts written. */
export interface EvaluateEnd {
  /** Accounts left out under `--skip-invalid` (empty otherwise). */
  readonly leftOut: readonly LeftOutAccount[];
}


export interface EvaluateReportWriter {
  begin(inputs: EvaluateReportInputs): string;
  /** `stress`: the account's `--stress` result, when given, for the verdict's stress lens. */
  account(evaluation: AccountEvaluation, stress?: AccountStress): string;
  end(summary?: EvaluateEnd): string;
}

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
  /** The account after each scenario shock (`--shock`, `--shock-file`), in scenario order. */
  readonly shocks?: readonly AccountShock[];
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
  /** The scenario shocks applied (`--shock`, `--shock-file`); absent or empty for none. */
  readonly shocks?: readonly ShockScenario[];
}

/**
 * An evaluate writer that also shows the extras, in the same streaming shape as
 * EvaluateReportWriter; without extras it writes exactly what the plain writer of its format writes.
 */
export interface EvaluateExtrasWriter {
  begin(inputs: EvaluateReportInputs, extras: ExtrasInputs): string;
  account(evaluation: AccountEvaluation, extras: AccountExtras): string;
  /** The same text as `account`, in pieces to write one after another (a large account is never held whole); absent: write `account`. */
  accountChunks?(evaluation: AccountEvaluation, extras: AccountExtras): Iterable<string>;
  /** The same pieces as `accountChunks`, each a string or its UTF-8 bytes (for an output that takes bytes: the large pieces make no string); absent: write `accountChunks`. */
  accountPieces?(evaluation: AccountEvaluation, extras: AccountExtras): Iterable<string | Uint8Array>;
  /** Appends the UTF-8 bytes of `account` to `out` (the CSV writer's road for large books); absent: encode `account`. */
  accountInto?(out: Utf8TextBuffer, evaluation: AccountEvaluation, extras: AccountExtras): void;
  end(summary?: EvaluateEnd): string;
}

/** What every writer factory is given. */
export interface WriterOptions {
  /** ANSI colour in the terminal table; ignored by the other formats. */
  readonly color: boolean;
}

/** The `--format` values of `evaluate` (simulate, replay and events take the same). */
export const EVALUATE_FORMATS = ['table', 'json', 'csv', 'markdown'] as const;
export type EvaluateFormat = (typeof EVALUATE_FORMATS)[number];

export function isEvaluateFormat(value: string): value is EvaluateFormat {
  return (EVALUATE_FORMATS as readonly string[]).includes(value);
}
