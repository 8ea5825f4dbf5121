// Convenience for library users and notebooks: evaluate a book given as CSV text (positions,
// optional balances or a wallet amount, optional tier overrides) in one call, with the bundled
// venue tier tables. The same road as the CLI's `evaluate`.

import type { Balance } from '../domain/balance.js';
import type { Issue } from '../domain/issue.js';
import type { VenueName } from '../domain/venue-name.js';
import { readBalancesCsv, readTiersCsv, walletBalances } from '../import/index.js';
import { loadBundledTierBook } from '../io/bundled-tiers.js';
import type { AccountEvaluation, AllocationPolicy } from '../margin/evaluation.js';
import { evaluatePortfolio } from './evaluate.js';

export interface EvaluateTextInput {
  /** positions.csv content (the canonical format). */
  readonly positionsCsv: string;
  /** balances.csv content; or give `wallet`. */
  readonly balancesCsv?: string;
  /** Cross-wallet collateral of a one-account book, in its settlement asset. */
  readonly wallet?: number;
  /** tiers.csv content overriding the bundled tier tables. */
  readonly tiersCsv?: string;
  readonly venue?: VenueName;
  readonly allocation?: AllocationPolicy;
}

export interface EvaluateTextResult {
  readonly accounts: AccountEvaluation[];
  /** Input problems; accounts with problems are left out of `accounts`. */
  readonly issues: Issue[];
}

async function* once(text: string): AsyncGenerator<string> {
  yield text;
}

/** Evaluate every account of a book given as text, in the three margin modes. */
export async function evaluateCsvText(input: EvaluateTextInput): Promise<EvaluateTextResult> {
  const issues: Issue[] = [];
  const venue = input.venue ?? 'generic';
  let balances: Balance[] = [];
  if (input.balancesCsv !== undefined) {
    const read = await readBalancesCsv(once(input.balancesCsv), 'balances.csv');
    balances = read.balances;
    issues.push(...read.issues);
  } else if (input.wallet !== undefined) {
    balances = walletBalances(input.wallet);
  }
  let tierOverrides;
  if (input.tiersCsv !== undefined) {
    const read = await readTiersCsv(once(input.tiersCsv), 'tiers.csv', { defaultVenue: venue });
    tierOverrides = read.book;
    issues.push(...read.issues);
  }
  const accounts: AccountEvaluation[] = [];
  const evaluations = evaluatePortfolio(
    {
      positions: { chunks: once(input.positionsCsv), label: 'positions.csv' },
      balances,
      defaultTiers: loadBundledTierBook(),
      ...(tierOverrides === undefined ? {} : { tierOverrides }),
      defaultVenue: venue,
      allocation: input.allocation ?? 'leverage',
    },
    issues,
  );
  for await (const evaluation of evaluations) accounts.push(evaluation);
  return { accounts, issues };
}
