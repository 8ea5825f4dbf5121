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
import { overlayTierBook, type TierBook } from '../venues/tier-book.js';
import { marginContext, readRequestBooks, type EvaluateRequest } from './book-request.js';

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
  /** Extra collateral (`--balances`/`--wallet`) added to what the export reports. */
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
}

/**
 * Evaluate a venue export (Binance, Bybit, OKX, Hyperliquid, dYdX, Deribit, CCXT): import it into
 * the canonical model, overlay the tier tables it carries (then the user's `--tiers`), group by
 * account and evaluate each like a canonical book. Exports are small (one account's positions),
 * so they are read whole.
 */
export function evaluateVenueExport(request: VenueExportRequest, issues: Issue[]): VenueExportEvaluation {
  const imported = importVenueExport(request.files, {
    format: request.format ?? 'auto',
    ...(request.account === undefined ? {} : { account: request.account }),
    ...(request.exchange === undefined ? {} : { exchange: request.exchange }),
  });
  issues.push(...imported.issues);
  let tierBook = overlayTierBook(request.defaultTiers, imported.tierBook);
  if (request.tierOverrides !== undefined) tierBook = overlayTierBook(tierBook, request.tierOverrides);
  const books = new Map<string, { positions: Position[]; balances: Balance[] }>();
  const bookOf = (account: string) => {
    let book = books.get(account);
    if (book === undefined) books.set(account, (book = { positions: [], balances: [] }));
    return book;
  };
  for (const position of imported.positions) bookOf(position.account).positions.push(position);
  for (const balance of [...imported.balances, ...request.balances]) bookOf(balance.account).balances.push(balance);
  const evaluations: AccountEvaluation[] = [];
  const failedAccounts = new Set(imported.issues.flatMap((issue) => (issue.account === undefined ? [] : [issue.account])));
  for (const [account, book] of books) {
    if (failedAccounts.has(account)) continue;
    const { evaluation, issues: accountIssues } = evaluateAccount({ account, ...book }, { tierBook, allocation: request.allocation });
    issues.push(...accountIssues);
    if (evaluation !== null) evaluations.push(evaluation);
  }
  return { evaluations, warnings: imported.warnings, notes: imported.notes, venueReported: imported.venueReported };
}
