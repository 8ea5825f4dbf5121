// An account made ready for the contagion functions, once: every position's maintenance rule
// compiled for both modes, and the cross wallet sorted into the pools it can back. Problems
// (a symbol with no tier table, collateral with no price) come back as Issues, as in `evaluate`.

import type { AccountBook } from '../domain/account-book.js';
import type { Issue } from '../domain/issue.js';
import { accountCollateral, type AccountCollateral } from './account-collateral.js';
import type { MarginContext } from './evaluate-account.js';
import type { AllocationPolicy, ModeName } from './evaluation.js';
import { buildModePools, type ModePools } from './mode-pools.js';
import { resolveAccount, type ResolvedAccount } from './resolve-schedules.js';

export interface PreparedAccount {
  readonly resolved: ResolvedAccount;
  readonly collateral: AccountCollateral;
  readonly policy: AllocationPolicy;
}

/** Resolve `book` under `context`; null with the Issues when any position or balance has one. */
export function prepareAccount(book: AccountBook, context: MarginContext): { account: PreparedAccount | null; issues: Issue[] } {
  const { resolved, issues } = resolveAccount(book, context.tierBook);
  const { collateral, issues: collateralIssues } = accountCollateral(book.positions, book.balances);
  issues.push(...collateralIssues);
  if (resolved === null || issues.length > 0) return { account: null, issues };
  return { account: { resolved, collateral, policy: context.allocation }, issues: [] };
}

/** The pools of `mode` for a prepared account (the reference engine's partition). */
export function modePoolsOf(account: PreparedAccount, mode: ModeName): ModePools {
  return buildModePools(mode, account.resolved, account.collateral, account.policy);
}

/** Like `prepareAccount`, for callers that already validated the book: throws on any Issue. */
export function prepareAccountOrThrow(book: AccountBook, context: MarginContext, functionName: string): PreparedAccount {
  const { account, issues } = prepareAccount(book, context);
  if (account === null) throw new Error(`${functionName}: account ${book.account} cannot be evaluated: ${issues.map((i) => i.message).join('; ')}`);
  return account;
}
