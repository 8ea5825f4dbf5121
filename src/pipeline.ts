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

import type { Balance } from './domain/balance.js';
import type { Issue } from './domain/issue.js';
import type { VenueName } from './domain/venue-name.js';
import { readAccountBooks } from './import/index.js';
import type { AccountEvaluation, AllocationPolicy } from './margin/evaluation.js';
import { evaluateAccount } from './margin/evaluate-account.js';
import { overlayTierBook, type TierBook } from './venues/tier-book.js';

export interface EvaluateRequest {
  readonly positions: { readonly chunks: AsyncIterable<string | Uint8Array>; readonly label: string };
  /** Cross-wallet collateral, already read from `--balances` or `--wallet`. */
  readonly balances: readonly Balance[];
  /** Bundled default tier tables (see src/io/bundled-tiers.ts). */
  readonly defaultTiers: TierBook;
  /** The user's `--tiers`, overriding or extending the defaults. */
  readonly tierOverrides?: TierBook;
  readonly defaultVenue: VenueName;
  readonly allocation: AllocationPolicy;
  readonly delimiter?: ',' | ';' | '\t';
}

/**
 * Evaluate every account of a positions file, streaming: accounts are yielded as soon as they
 * are complete. Input problems are appended to `issues`; an account with any problem is not
 * evaluated.
 */
export async function* evaluatePortfolio(request: EvaluateRequest, issues: Issue[]): AsyncGenerator<AccountEvaluation> {
  const tierBook = request.tierOverrides === undefined ? request.defaultTiers : overlayTierBook(request.defaultTiers, request.tierOverrides);
  const readOptions = { defaultVenue: request.defaultVenue, ...(request.delimiter === undefined ? {} : { delimiter: request.delimiter }) };
  const books = readAccountBooks(request.positions.chunks, request.positions.label, request.balances, readOptions, issues);
  for await (const book of books) {
    const { evaluation, issues: accountIssues } = evaluateAccount(book, { tierBook, allocation: request.allocation });
    issues.push(...accountIssues);
    if (evaluation !== null) yield evaluation;
  }
}
