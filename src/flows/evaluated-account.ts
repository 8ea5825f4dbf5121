// Each account's book beside its evaluation: the canonical pipeline (`evaluatePortfolio` in
// src/pipeline.ts) keeps only the evaluation, but the stress, the what-if comparison and the
// report's joint liquidation boundary work on the book, so the CLI reads the books and evaluates
// them itself, one account at a time, with the same context.

import type { AccountBook } from '../domain/account-book.js';
import type { Issue } from '../domain/issue.js';
import { evaluateAccount, type MarginContext } from '../margin/evaluate-account.js';
import type { AccountEvaluation } from '../margin/evaluation.js';

export interface EvaluatedAccount {
  readonly book: AccountBook;
  readonly evaluation: AccountEvaluation;
}

/** An evaluation whose book may not have been kept (a venue export read without extras). */
export interface MaybeBookedAccount {
  readonly book: AccountBook | null;
  readonly evaluation: AccountEvaluation;
}

/**
 * Evaluates each book of `books` whose account passes `accounts` (null: every account) under
 * `context`, yielding book and evaluation together. An account that cannot be evaluated (a
 * symbol with no tier table) adds its issues to `issues` and is left out.
 */
export async function* evaluateBooks(
  books: AsyncIterable<AccountBook>,
  context: MarginContext,
  accounts: ReadonlySet<string> | null,
  issues: Issue[],
): AsyncGenerator<EvaluatedAccount> {
  for await (const book of books) {
    if (accounts !== null && !accounts.has(book.account)) continue;
    const { evaluation, issues: found } = evaluateAccount(book, context);
    issues.push(...found);
    if (evaluation !== null) yield { book, evaluation };
  }
}
