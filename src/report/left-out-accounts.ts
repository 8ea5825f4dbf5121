// The accounts `--skip-invalid` left out of a result for input problems, as every command's
// document ends with them: who, how many problems, and the first (as printed on stderr).

import { formatIssue, sortIssues, type Issue } from '../domain/issue.js';

/** An account left out of the result for input problems (`--skip-invalid`), and why. */
export interface LeftOutAccount {
  readonly account: string;
  /** How many problems it had. */
  readonly problems: number;
  /** The first of them, as printed on stderr. */
  readonly firstProblem: string;
}

/** The accounts the problems name, each with its count and first problem (sorted as printed). */
export function leftOutAccounts(issues: readonly Issue[]): LeftOutAccount[] {
  const byAccount = new Map<string, Issue[]>();
  for (const issue of sortIssues(issues)) {
    if (issue.account === undefined) continue;
    let found = byAccount.get(issue.account);
    if (found === undefined) byAccount.set(issue.account, (found = []));
    found.push(issue);
  }
  return [...byAccount].map(([account, found]) => ({ account, problems: found.length, firstProblem: formatIssue(found[0]!) }));
}

/** `N accounts left out …: main (2 problems; first: FILE:LINE: …)`, for tables and Markdown. */
export function leftOutText(leftOut: readonly LeftOutAccount[]): string {
  const plural = leftOut.length === 1 ? '' : 's';
  const each = leftOut.map((a) => `${a.account} (${a.problems} problem${a.problems === 1 ? '' : 's'}; first: ${a.firstProblem})`);
  return `${leftOut.length} account${plural} left out for input problems (--skip-invalid): ${each.join('; ')}`;
}

/** The JSON member that follows a document's accounts: `leftOut`, only when some were left out. */
export function leftOutJson(leftOut: readonly LeftOutAccount[] | undefined): { leftOut?: { account: string; problems: number; firstProblem: string }[] } {
  if (leftOut === undefined || leftOut.length === 0) return {};
  return { leftOut: leftOut.map((a) => ({ account: a.account, problems: a.problems, firstProblem: a.firstProblem })) };
}
