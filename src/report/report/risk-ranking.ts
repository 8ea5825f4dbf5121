// The first pass of a report over a batch: every account's compact risk summary, ranked riskiest
// first. The report needs the ranking before it writes anything (the summary table comes first
// and only the riskiest accounts get charts), but only these small summaries are kept, never the
// evaluations themselves.

import type { AccountEvaluation, ModeName } from '../../margin/evaluation.js';
import { compareRisk, summarizeAccount, type AccountRiskSummary } from './account-risk-summary.js';

export interface RiskRankingOptions {
  /** Mode the ranking is by; default `exported` (the book as it is held). */
  readonly rankBy?: ModeName;
}

/** One ranked account: 1-based rank and its summary. */
export interface RankedAccount {
  readonly rank: number;
  readonly summary: AccountRiskSummary;
}

/** Accumulates summaries (`add`), then answers rank questions (sorting once, on first use). */
export class RiskRanking {
  readonly rankBy: ModeName;
  private readonly summaries: AccountRiskSummary[] = [];
  private sorted: AccountRiskSummary[] | null = null;
  private ranks: Map<string, number> | null = null;

  constructor(options: RiskRankingOptions = {}) {
    this.rankBy = options.rankBy ?? 'exported';
  }

  /** Record one account's evaluation (only its summary is kept). */
  add(evaluation: AccountEvaluation): void {
    this.addSummary(summarizeAccount(evaluation));
  }

  /** Record an already computed summary. */
  addSummary(summary: AccountRiskSummary): void {
    this.summaries.push(summary);
    this.sorted = null;
    this.ranks = null;
  }

  /** Number of accounts recorded. */
  get size(): number {
    return this.summaries.length;
  }

  /** Accounts riskiest first. */
  ranked(): readonly AccountRiskSummary[] {
    if (this.sorted === null) this.sorted = [...this.summaries].sort(compareRisk(this.rankBy));
    return this.sorted;
  }

  /** 1-based rank of an account, or null if it was never added. */
  rankOf(account: string): number | null {
    if (this.ranks === null) {
      const ranks = new Map<string, number>();
      this.ranked().forEach((summary, i) => {
        if (!ranks.has(summary.account)) ranks.set(summary.account, i + 1);
      });
      this.ranks = ranks;
    }
    return this.ranks.get(account) ?? null;
  }

  /** The `count` riskiest accounts, riskiest first. */
  top(count: number): RankedAccount[] {
    return this.ranked()
      .slice(0, Math.max(0, count))
      .map((summary, i) => ({ rank: i + 1, summary }));
  }

  /** Settlement assets of the accounts' equity (one entry when every account shares it). */
  equityAssets(): ReadonlySet<string> {
    return new Set(this.summaries.map((s) => s.asset));
  }
}
