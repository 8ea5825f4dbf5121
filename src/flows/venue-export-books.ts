// The venue-export road of `evaluate`: the positions file and its `--with` companions read as
// text, evaluated by `evaluateVenueExport` (src/flows/evaluate.ts), each evaluation paired with
// the book it was evaluated from (for the stress, what-ifs and the notes beside each account).

import type { AccountBook } from '../domain/account-book.js';
import type { Balance } from '../domain/balance.js';
import type { Issue } from '../domain/issue.js';
import type { Position } from '../domain/position.js';
import { importVenueExport, type ExportFile, type ExportFormatName } from '../import/exports/index.js';
import type { MarginContext } from '../margin/evaluate-account.js';
import type { AllocationPolicy } from '../margin/evaluation.js';
import { evaluateVenueExport, type VenueExportEvaluation } from './evaluate.js';
import { overlayTierBook, type TierBook } from '../venues/tier-book.js';
import type { MaybeBookedAccount } from './evaluated-account.js';

export interface VenueExportInput {
  /** The positions file first, then every `--with` file. */
  readonly files: readonly ExportFile[];
  readonly format: ExportFormatName | 'auto';
  readonly exchange: string | null;
  readonly balances: readonly Balance[];
  readonly defaultTiers: TierBook;
  readonly tierOverrides: TierBook | undefined;
  readonly allocation: AllocationPolicy;
}

interface VenueExportAccounts {
  readonly result: VenueExportEvaluation;
  /** Each evaluated account with its book. */
  readonly accounts: readonly MaybeBookedAccount[];
  /** The context of the books (bundled tiers, the export's, those derived from it, then `--tiers`). */
  readonly context: MarginContext;
}

/** Evaluates a venue export, each evaluation with its book. Problems go to `issues`. */
export function evaluateVenueExportInput(input: VenueExportInput, issues: Issue[]): VenueExportAccounts {
  const result = evaluateVenueExport(
    {
      files: input.files,
      format: input.format,
      ...(input.exchange === null ? {} : { exchange: input.exchange }),
      balances: input.balances,
      defaultTiers: input.defaultTiers,
      ...(input.tierOverrides === undefined ? {} : { tierOverrides: input.tierOverrides }),
      allocation: input.allocation,
    },
    issues,
  );
  const accounts = result.evaluations.map((evaluation): MaybeBookedAccount => ({ evaluation, book: result.books.get(evaluation.account) ?? null }));
  return { result, accounts, context: { tierBook: result.tierBook, allocation: input.allocation } };
}
