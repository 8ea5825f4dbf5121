// The evaluate flow with its extras, account by account: the accounts of either road (the
// canonical CSV streamed, or a venue export read whole), each with what the extra options ask
// for beside it: the stress (`--stress`), before → after of what-if positions and transfers
// (applied as the accounts stream past, so a large book is never held), and the venue's own
// liquidation prices, the scenario shocks (`--shock`, scenario-shock.ts); and beside every account
// whether collateral was given and which tier tables (with their dates) it was evaluated with. A
// change that cannot be applied throws BookChangeError.

import { BookChangeError } from '../book-changes/book-change-error.js';
import type { BookChanges } from '../book-changes/apply-book-changes.js';
import { compareBooks } from '../book-changes/what-if-comparison.js';
import { stressAccount } from '../contagion/stress-account.js';
import type { Issue } from '../domain/issue.js';
import type { VenueName } from '../domain/venue-name.js';
import type { ReportedLiquidationPrice } from '../import/exports/index.js';
import type { MarginContext } from '../margin/evaluate-account.js';
import type { AccountEvaluation } from '../margin/evaluation.js';
import type { AccountExtras, WhatIfResult } from '../report/evaluate/evaluate-document.js';
import { BookChangeRouter, type AppliedChanges } from './book-change-router.js';
import { marginContext, readRequestBooks, type EvaluateRequest } from './book-request.js';
import { evaluateBooks, type MaybeBookedAccount } from './evaluated-account.js';
import { annotateEvaluation } from './evaluation-notes.js';
import { evaluateVenueExportInput, type VenueExportInput } from './venue-export-books.js';
import type { VenueExportEvaluation } from './evaluate.js';
import type { ScenarioShocks } from './scenario-shock.js';

/** The accounts to evaluate, from either road, and what the road adds to each. */
export interface AccountSource {
  readonly accounts: AsyncIterable<MaybeBookedAccount> | Iterable<MaybeBookedAccount>;
  /** The context the books are evaluated in; null when no book was kept. */
  readonly context: MarginContext | null;
  /** The venue's liquidation prices by position id (venue exports only). */
  readonly venueLiquidationPrices: ReadonlyMap<string, ReportedLiquidationPrice> | null;
  /** Whether the export's files report the wallet (venue exports only). */
  readonly walletReported: boolean;
}

/** What to compute beside each evaluation. */
export interface EvaluateExtrasRequest {
  readonly stress: boolean;
  readonly changes: BookChanges;
  /** Venue of what-if positions that name none. */
  readonly defaultVenue: VenueName;
  /** The day (`YYYY-MM-DD`) a bundled tier snapshot's age is measured to; absent: ages are not checked. */
  readonly asOf?: string;
  /** The scenario shocks to apply to every account (`--shock`, `--shock-file`); absent for none. */
  readonly shocks?: ScenarioShocks;
}

/** The canonical road: the positions CSV streamed through the importer, one account at a time. */
export function canonicalAccountSource(request: EvaluateRequest, accounts: ReadonlySet<string> | null, issues: Issue[]): AccountSource {
  const context = marginContext(request);
  return { accounts: evaluateBooks(readRequestBooks(request, issues), context, accounts, issues), context, venueLiquidationPrices: null, walletReported: false };
}

/**
 * The venue-export road: read whole, evaluated by `evaluateVenueExport`, each account with its
 * book. Also returns the importer's warnings and notes.
 */
export function venueExportAccountSource(input: VenueExportInput, accounts: ReadonlySet<string> | null, issues: Issue[]): { source: AccountSource; result: VenueExportEvaluation } {
  const { result, accounts: evaluated, context } = evaluateVenueExportInput(input, issues);
  const venueLiquidationPrices = new Map<string, ReportedLiquidationPrice>();
  for (const [id, reported] of result.venueReported) venueLiquidationPrices.set(id, reported.liquidationPrice);
  const selected = accounts === null ? evaluated : evaluated.filter((a) => accounts.has(a.evaluation.account));
  return { source: { accounts: selected, context, venueLiquidationPrices, walletReported: result.walletReported }, result };
}

/** Before → after of the changes applied to one account; a change that cannot be evaluated is a BookChangeError. */
function whatIfResult(applied: AppliedChanges, context: MarginContext): WhatIfResult {
  const comparison = compareBooks(applied.pair.before, applied.pair.after, context);
  const problem = comparison.issues[0];
  if (problem !== undefined) {
    const change = applied.changes.find((c) => c.option === '--what-if') ?? applied.changes[0]!;
    throw new BookChangeError(`${change.option} ${JSON.stringify(change.text)}: ${problem.message}${problem.value === undefined ? '' : ` (${problem.value})`}`);
  }
  return { changes: applied.changes, comparison };
}

/** What to show beside one account's evaluation. */
function accountExtras(item: MaybeBookedAccount, applied: AppliedChanges | null, source: AccountSource, request: EvaluateExtrasRequest): AccountExtras {
  const context = source.context;
  const out: { -readonly [K in keyof AccountExtras]: AccountExtras[K] } = {};
  if (source.venueLiquidationPrices !== null) out.venueLiquidationPrices = source.venueLiquidationPrices;
  if (request.stress && item.book !== null && context !== null) out.stress = stressAccount(item.book, context);
  if (applied !== null && context !== null) out.whatIf = whatIfResult(applied, context);
  if (request.shocks !== undefined && request.shocks.scenarios.length > 0 && item.book !== null && context !== null) {
    out.shocks = request.shocks.account(item.book, context);
  }
  return out;
}

/** The account's evaluation with the collateral flag, its tier tables and their notes (see evaluation-notes.ts). */
function annotated(item: MaybeBookedAccount, source: AccountSource, asOf: string | null): AccountEvaluation {
  if (item.book === null || source.context === null) return item.evaluation;
  return annotateEvaluation(item.evaluation, item.book, source.context.tierBook, asOf, source.walletReported);
}

/** Hooks into the stream of accounts. */
export interface EvaluateExtrasHooks {
  /** One more account read. */
  readonly onAccount?: () => void;
  /** True to leave an account out (its problems are still reported). */
  readonly skip?: (account: string) => boolean;
  /**
   * True once the problems found so far stop the run: checked at the end, before the changes
   * that were never applied are reported (the input problems come first).
   */
  readonly stopped?: () => boolean;
}

/**
 * Every account of `source` with its extras, in order (an account whose what-ifs might still
 * concern a later account is held back until that is known). Throws BookChangeError for a change
 * that cannot be applied or names no account of the file.
 */
export async function* evaluateWithExtras(
  source: AccountSource,
  request: EvaluateExtrasRequest,
  hooks: EvaluateExtrasHooks = {},
): AsyncGenerator<{ readonly evaluation: AccountEvaluation; readonly extras: AccountExtras }> {
  const router = new BookChangeRouter<MaybeBookedAccount>(request.changes, request.defaultVenue);
  const extrasOf = (routed: readonly { item: MaybeBookedAccount; applied: AppliedChanges | null }[]) =>
    routed.map(({ item, applied }) => ({ evaluation: annotated(item, source, request.asOf ?? null), extras: accountExtras(item, applied, source, request) }));
  for await (const item of source.accounts) {
    hooks.onAccount?.();
    // A stopped run keeps reading, so that every problem in the file is listed at once.
    if (hooks.stopped?.() === true || hooks.skip?.(item.evaluation.account) === true) continue;
    yield* extrasOf(router.push(item));
  }
  if (hooks.stopped?.() === true) return;
  yield* extrasOf(router.finish());
}
