// The whole evaluate flow in one place; read this file first.
//
//   positions CSV ──readAccountBooks──▶ AccountBook (validated; bad rows become Issues)
//        │ (balances, --wallet and --tiers were read before, by the caller)
//        ▼
//   resolve once: venue profile + tier table → a MaintenanceSchedule per position and mode
//        ▼
//   evaluateAccount: pools for exported / isolated / cross on the same capital,
//   equity vs maintenance, liquidation prices, uniform move ──▶ AccountEvaluation
//        ▼
//   report writers (table, JSON, CSV, Markdown) in src/report, driven by the CLI.
//
// Venue exports (JSON/CSV of Binance, Bybit, OKX, Hyperliquid, dYdX, Deribit, CCXT) take the
// same road from AccountBook on: evaluateVenueExport below.

import type { Balance } from '../domain/balance.js';
import type { Issue } from '../domain/issue.js';
import type { Position } from '../domain/position.js';
import { importVenueExport, type ExportFile, type ExportFormatName, type VenueImport } from '../import/exports/index.js';
import { evaluateAccount } from '../margin/evaluate-account.js';
import type { AccountEvaluation, AllocationPolicy } from '../margin/evaluation.js';
import { venueProfile } from '../venues/registry.js';
import { overlayTierBook, type TierBook } from '../venues/tier-book.js';
import { tierSupplyHint } from '../venues/tier-hints.js';
import type { AccountBook } from '../domain/account-book.js';
import { marginContext, readRequestBooks, type EvaluateRequest } from './book-request.js';
import { deriveTiersFromReported } from './derived-tiers.js';
import { exportTierFiles } from './evaluation-notes.js';
import { placeExportWallet } from './export-wallet.js';

export { positionReadOptions, tierBookOf, type EvaluateRequest } from './book-request.js';

/**
 * Evaluate every account of a positions file, streaming: accounts are yielded as soon as they
 * are complete. Input problems are appended to `issues`; an account with any problem is not
 * evaluated.
 */
export async function* evaluatePortfolio(request: EvaluateRequest, issues: Issue[]): AsyncGenerator<AccountEvaluation> {
  const context = marginContext(request);
  for await (const book of readRequestBooks(request, issues)) {
    const { evaluation, issues: accountIssues } = evaluateAccount(book, context);
    issues.push(...accountIssues);
    if (evaluation !== null) yield evaluation;
  }
}

export interface VenueExportRequest {
  /** One venue's export files, read as text by the caller (positions, account, brackets…). */
  readonly files: readonly ExportFile[];
  /** `auto` (detected per file) or a format name. */
  readonly format?: ExportFormatName | 'auto';
  /** Account id for every position, else what the export names. */
  readonly account?: string;
  /** CCXT exchange id naming the venue of CCXT exports. */
  readonly exchange?: string;
  /**
   * Extra collateral (`--balances`/`--wallet`) added to what the export reports. A wallet without
   * an account or asset (`walletBalances(amount)`) goes to the export's one account, in the
   * settlement asset of its positions.
   */
  readonly balances: readonly Balance[];
  readonly defaultTiers: TierBook;
  readonly tierOverrides?: TierBook;
  readonly allocation: AllocationPolicy;
}

export interface VenueExportEvaluation {
  readonly evaluations: AccountEvaluation[];
  /** Non-blocking, located observations of the importer. */
  readonly warnings: Issue[];
  /** What the importer skipped or derived, one line each. */
  readonly notes: string[];
  /** The venue's own figures per position id, to compare with. */
  readonly venueReported: VenueImport['venueReported'];
  /** Every account's book as evaluated (positions and collateral), by account. */
  readonly books: ReadonlyMap<string, AccountBook>;
  /** The tier tables in force: bundled, the export's, those derived from it, then `--tiers`. */
  readonly tierBook: TierBook;
  /** Whether a file that reports the account's wallet was read (its balances may all be zero). */
  readonly walletReported: boolean;
  /** The format each file was read as (null: not recognised), in the order given. */
  readonly formats: VenueImport['formats'];
}

/** Export formats that carry the account's wallet. */
const WALLET_FORMATS: ReadonlySet<string> = new Set(['binance-usdm-account', 'bybit-wallet-balance', 'dydx-subaccount', 'hyperliquid-clearinghouse-state']);

/**
 * A missing-tiers issue rewritten when the venue's own tiers were given with `--with` but lack the
 * symbol: the message then names that file and leaves `--tiers`, instead of asking for the file again.
 */
function withGivenTierExport(issue: Issue, book: AccountBook, tierBook: TierBook): Issue {
  if (issue.code !== 'unknown-symbol') return issue;
  const position = book.positions.find((p) => p.source.file === issue.file && p.source.line === issue.line);
  const given = position === undefined ? undefined : exportTierFiles(tierBook).get(position.venue);
  if (position === undefined || given === undefined) return issue;
  return { ...issue, message: `no maintenance-margin tiers for this symbol on venue ${position.venue}; ${tierSupplyHint(position.venue, given)}` };
}

/** A venue export's account books, imported and not yet evaluated, with what the import found. */
export interface VenueExportBooks {
  /** Every account's book (positions and collateral) whose import found no problem, in export order. */
  readonly books: readonly AccountBook[];
  /** The tier tables in force: bundled, the export's, those derived from it, then `--tiers`. */
  readonly tierBook: TierBook;
  readonly warnings: Issue[];
  readonly notes: string[];
  readonly venueReported: VenueImport['venueReported'];
  readonly walletReported: boolean;
  readonly formats: VenueImport['formats'];
}

/**
 * Import a venue export (Binance, Bybit, OKX, Hyperliquid, dYdX, Deribit, CCXT) into the
 * canonical model: overlay the tier tables it carries (then the user's `--tiers`, then one
 * bracket derived from the venue's own maintenance margin for a symbol no table lists), place its
 * wallet and the given collateral, and group by account. Import problems go to `issues`; an
 * account with one is left out. Exports are small (one account's positions), so they are read whole.
 */
export function venueExportBooks(request: VenueExportRequest, issues: Issue[]): VenueExportBooks {
  const imported = importVenueExport(request.files, {
    format: request.format ?? 'auto',
    ...(request.account === undefined ? {} : { account: request.account }),
    ...(request.exchange === undefined ? {} : { exchange: request.exchange }),
  });
  issues.push(...imported.issues);
  let tierBook = overlayTierBook(request.defaultTiers, imported.tierBook);
  if (request.tierOverrides !== undefined) tierBook = overlayTierBook(tierBook, request.tierOverrides);
  // A symbol with no table anywhere takes one bracket from the venue's own maintenance margin (flagged).
  tierBook = overlayTierBook(tierBook, deriveTiersFromReported(imported.positions, imported.venueReported, tierBook));
  const extraBalances = placeExportWallet(request.balances, imported.positions, imported.balances, venueProfile(imported.venue).defaultQuoteAsset, issues);
  const grouped = new Map<string, { positions: Position[]; balances: Balance[] }>();
  const bookOf = (account: string) => {
    let book = grouped.get(account);
    if (book === undefined) grouped.set(account, (book = { positions: [], balances: [] }));
    return book;
  };
  for (const position of imported.positions) bookOf(position.account).positions.push(position);
  for (const balance of [...imported.balances, ...extraBalances]) bookOf(balance.account).balances.push(balance);
  const failedAccounts = new Set(imported.issues.flatMap((issue) => (issue.account === undefined ? [] : [issue.account])));
  const books = [...grouped].filter(([account]) => !failedAccounts.has(account)).map(([account, book]): AccountBook => ({ account, ...book }));
  return {
    books,
    tierBook,
    warnings: imported.warnings,
    notes: imported.notes,
    venueReported: imported.venueReported,
    walletReported: imported.formats.some((f) => f.format !== null && WALLET_FORMATS.has(f.format)),
    formats: imported.formats,
  };
}

/**
 * Evaluate a venue export: its books (`venueExportBooks`) each evaluated like a canonical book.
 */
export function evaluateVenueExport(request: VenueExportRequest, issues: Issue[]): VenueExportEvaluation {
  const { books, tierBook, warnings, notes, venueReported, walletReported, formats } = venueExportBooks(request, issues);
  const evaluations: AccountEvaluation[] = [];
  const evaluatedBooks = new Map<string, AccountBook>();
  for (const accountBook of books) {
    const { evaluation, issues: accountIssues } = evaluateAccount(accountBook, { tierBook, allocation: request.allocation });
    issues.push(...accountIssues.map((issue) => withGivenTierExport(issue, accountBook, tierBook)));
    if (evaluation !== null) {
      evaluations.push(evaluation);
      evaluatedBooks.set(accountBook.account, accountBook);
    }
  }
  return { evaluations, warnings, notes, venueReported, books: evaluatedBooks, tierBook, walletReported, formats };
}
