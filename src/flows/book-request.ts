// What every flow over a positions file starts from: the request (the positions stream, the
// collateral and tier tables already read by the caller), the tier tables in force, how the
// positions file is read, the margin context, and the account books streamed from the file.

import type { AccountBook } from '../domain/account-book.js';
import type { Balance } from '../domain/balance.js';
import type { Issue } from '../domain/issue.js';
import type { VenueName } from '../domain/venue-name.js';
import { readAccountBooks, type PositionReadOptions } from '../import/index.js';
import type { MarginContext } from '../margin/evaluate-account.js';
import type { AllocationPolicy } from '../margin/evaluation.js';
import { venueProfile } from '../venues/registry.js';
import { findTierTable, overlayTierBook, type TierBook } from '../venues/tier-book.js';

export interface EvaluateRequest {
  /** The positions file: its chunks, its label in messages and, when known, its size in bytes (a sizing hint for the reader). */
  readonly positions: { readonly chunks: AsyncIterable<string | Uint8Array>; readonly label: string; readonly sizeBytes?: number | null };
  /** Cross-wallet collateral, already read from `--balances` or `--wallet`. */
  readonly balances: readonly Balance[];
  /** Bundled default tier tables (see src/io/bundled-tiers.ts). */
  readonly defaultTiers: TierBook;
  /** The user's `--tiers`, overriding or extending the defaults. */
  readonly tierOverrides?: TierBook;
  readonly defaultVenue: VenueName;
  readonly allocation: AllocationPolicy;
  readonly delimiter?: ',' | ';' | '\t';
  /** Called with each account that holds positions, as its book is read (e.g. to check `--accounts` and balance rows). */
  readonly onAccountRead?: (account: string) => void;
  /** Only these accounts (`--accounts`); absent or null for every account. Others are read, never analysed. */
  readonly accounts?: ReadonlySet<string> | null;
  /**
   * Positions the reader may hold while an account's rows may still come anywhere in the file
   * (default DEFAULT_MAX_BUFFERED_POSITIONS, 100,000; see src/import/account-book-assembler.ts).
   */
  readonly maxBufferedPositions?: number;
  /**
   * The books of a venue export, already imported (`venueExportBooks`), with the tier tables they
   * are read against: the flows take them instead of reading `positions` (then only its label is used).
   */
  readonly importedBooks?: ImportedBooks;
}

/** Account books read before the flow (a venue export), and the tier tables in force for them. */
export interface ImportedBooks {
  readonly books: readonly AccountBook[];
  readonly tierBook: TierBook;
}

/** The tier tables in force: the bundled defaults overlaid with the user's `--tiers` (an imported export's own). */
export function tierBookOf(request: EvaluateRequest): TierBook {
  if (request.importedBooks !== undefined) return request.importedBooks.tierBook;
  return request.tierOverrides === undefined ? request.defaultTiers : overlayTierBook(request.defaultTiers, request.tierOverrides);
}

/**
 * How the positions file is read for `request`: its default venue and delimiter, and a symbol
 * check against `tierBook` so a symbol with no tiers is an Issue on its row, listed with every
 * other bad row.
 */
export function positionReadOptions(request: EvaluateRequest, tierBook: TierBook): PositionReadOptions {
  return {
    defaultVenue: request.defaultVenue,
    ...(request.delimiter === undefined ? {} : { delimiter: request.delimiter }),
    ...(request.maxBufferedPositions === undefined ? {} : { maxBufferedPositions: request.maxBufferedPositions }),
    ...(request.positions.sizeBytes == null ? {} : { expectedBytes: request.positions.sizeBytes }),
    knowsSymbol: (venue, symbol) => findTierTable(tierBook, venueProfile(venue), symbol) !== undefined,
  };
}

/** The margin context of a request: bundled tiers overlaid with the user's. */
export function marginContext(request: EvaluateRequest): MarginContext {
  return { tierBook: tierBookOf(request), allocation: request.allocation };
}

/**
 * Account books of a request's positions file, streamed (or its imported books); input problems are appended to `issues`.
 * `onProvisional`: shown each account's provisional book while accounts may come in any order
 * (src/import/account-book-assembler.ts); a book yielded later that is the same object holds.
 * With `request.accounts` only those accounts' books come out (every account is still reported
 * to `onAccountRead`, so a name with no positions can be told apart).
 */
export function readRequestBooks(
  request: EvaluateRequest,
  issues: Issue[],
  chunks: AsyncIterable<string | Uint8Array> = request.positions.chunks,
  onProvisional?: (book: AccountBook) => void,
): AsyncGenerator<AccountBook> {
  if (request.importedBooks !== undefined) return reported(booksOf(request.importedBooks.books), request.onAccountRead, request.accounts ?? null);
  const options = positionReadOptions(request, tierBookOf(request));
  const books = readAccountBooks(chunks, request.positions.label, request.balances, onProvisional === undefined ? options : { ...options, onProvisional }, issues);
  const accounts = request.accounts ?? null;
  return request.onAccountRead === undefined && accounts === null ? books : reported(books, request.onAccountRead, accounts);
}

async function* booksOf(books: readonly AccountBook[]): AsyncGenerator<AccountBook> {
  yield* books;
}

/** `books` of the selected accounts, telling `onAccountRead` each account with positions as it passes. */
async function* reported(books: AsyncIterable<AccountBook>, onAccountRead: ((account: string) => void) | undefined, accounts: ReadonlySet<string> | null): AsyncGenerator<AccountBook> {
  for await (const book of books) {
    if (book.positions.length > 0) onAccountRead?.(book.account);
    if (accounts === null || accounts.has(book.account)) yield book;
  }
}
