// One account made ready for the path kernel, shared by the simulate and replay flows: venue
// schedules and collateral resolved once (`prepareAccount`), the three modes compiled to typed
// arrays (`compileBook`), and the labels the results name positions by.

import type { AccountBook } from '../domain/account-book.js';
import type { Issue } from '../domain/issue.js';
import type { Position } from '../domain/position.js';
import { compileBook } from '../kernel/compile-book.js';
import type { CompiledBook } from '../kernel/compiled-book.js';
import type { MarginContext } from '../margin/evaluate-account.js';
import { prepareAccount, type PreparedAccount } from '../margin/prepared-account.js';
import type { PositionLabel } from '../results/shock-results.js';

function positionLabels(positions: readonly Position[]): PositionLabel[] {
  return positions.map((p) => ({ positionId: p.positionId, symbol: p.symbol, side: p.side }));
}

export interface CompiledAccount {
  readonly account: PreparedAccount;
  readonly compiled: CompiledBook;
  readonly positions: PositionLabel[];
}

/** Resolve and compile one account; Issues (tagged with the account) when it cannot be. */
export function compileAccount(book: AccountBook, context: MarginContext): { compiled: CompiledAccount | null; issues: Issue[] } {
  const { account, issues } = prepareAccount(book, context);
  if (account === null) return { compiled: null, issues };
  const compiled = compileBook(account.resolved, account.collateral, account.policy);
  return { compiled: { account, compiled, positions: positionLabels(account.resolved.positions.map((r) => r.position)) }, issues: [] };
}

/** `issues` with `account` set where they name none. */
export function tagged(issues: readonly Issue[], account: string): Issue[] {
  return issues.map((issue) => (issue.account === undefined ? { ...issue, account } : issue));
}
