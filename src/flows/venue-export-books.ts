// The venue-export road of `evaluate`: the positions file and its `--with` companions (as text),
// evaluated by `evaluateVenueExport` (flows/evaluate.ts), and — only when the stress or a
// what-if needs them — the accounts' books, re-imported from the same text (exports are one
// account's positions, so the second parse costs nothing noticeable) and grouped exactly as
// `evaluateVenueExport` groups them.

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
  /** Each evaluated account with its book (null unless the books were asked for). */
  readonly accounts: readonly MaybeBookedAccount[];
  /** The context of the books (bundled tiers, the export's, then `--tiers`); null without books. */
  readonly context: MarginContext | null;
}

const EMPTY_BOOK_POSITIONS: readonly Position[] = [];

/** The export's books by account, as `evaluateVenueExport` builds them, and their context. */
function exportBooks(input: VenueExportInput): { books: Map<string, AccountBook>; context: MarginContext } {
  const imported = importVenueExport(input.files, { format: input.format, ...(input.exchange === null ? {} : { exchange: input.exchange }) });
  let tierBook = overlayTierBook(input.defaultTiers, imported.tierBook);
  if (input.tierOverrides !== undefined) tierBook = overlayTierBook(tierBook, input.tierOverrides);
  const positions = new Map<string, Position[]>();
  const balances = new Map<string, Balance[]>();
  for (const p of imported.positions) positions.set(p.account, [...(positions.get(p.account) ?? []), p]);
  for (const b of [...imported.balances, ...input.balances]) balances.set(b.account, [...(balances.get(b.account) ?? []), b]);
  const books = new Map<string, AccountBook>();
  for (const account of new Set([...positions.keys(), ...balances.keys()])) {
    books.set(account, { account, positions: positions.get(account) ?? EMPTY_BOOK_POSITIONS, balances: balances.get(account) ?? [] });
  }
  return { books, context: { tierBook, allocation: input.allocation } };
}

/**
 * Evaluates a venue export. `withBooks`: also pair each evaluation with its book (for the
 * stress and what-ifs). Problems go to `issues`.
 */
export function evaluateVenueExportInput(input: VenueExportInput, withBooks: boolean, issues: Issue[]): VenueExportAccounts {
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
  const booked = withBooks ? exportBooks(input) : null;
  const accounts = result.evaluations.map((evaluation): MaybeBookedAccount => ({ evaluation, book: booked?.books.get(evaluation.account) ?? null }));
  return { result, accounts, context: booked?.context ?? null };
}
