// Before and after a what-if or a transfer, side by side: both books evaluated in the three
// modes by the reference engine, and a small diff per mode — equity, maintenance margin, margin
// ratio, and each position's liquidation price before → after (null before for a new position).

import type { AccountBook } from '../domain/account-book.js';
import type { Issue } from '../domain/issue.js';
import { evaluateAccount, type MarginContext } from '../margin/evaluate-account.js';
import { MODE_NAMES, type AccountEvaluation, type ModeName } from '../margin/evaluation.js';

export interface Change<T> {
  readonly before: T;
  readonly after: T;
}

export interface PositionChange {
  readonly positionId: string;
  readonly symbol: string;
  /** The position exists only after the change. */
  readonly added: boolean;
  readonly liquidationPrice: Change<number | null>;
  readonly distanceToLiquidation: Change<number | null>;
}

export interface ModeChange {
  readonly mode: ModeName;
  /** Asset of the amounts (the mode's totals asset after the change). */
  readonly asset: string;
  readonly equity: Change<number | null>;
  readonly maintenanceMargin: Change<number | null>;
  readonly marginRatio: Change<number | null>;
  /** In the after book's order (riskiest first). */
  readonly positions: readonly PositionChange[];
}

export interface WhatIfComparison {
  readonly account: string;
  readonly before: AccountEvaluation | null;
  readonly after: AccountEvaluation | null;
  /** Empty when either side could not be evaluated (see `issues`). */
  readonly modes: readonly ModeChange[];
  readonly issues: readonly Issue[];
}

/** Evaluate `before` (null for a new account) and `after` under `context` and diff them. */
export function compareBooks(before: AccountBook | null, after: AccountBook, context: MarginContext): WhatIfComparison {
  const issues: Issue[] = [];
  let beforeEvaluation: AccountEvaluation | null = null;
  if (before !== null) {
    const result = evaluateAccount(before, context);
    issues.push(...result.issues);
    beforeEvaluation = result.evaluation;
  }
  const afterResult = evaluateAccount(after, context);
  issues.push(...afterResult.issues);
  const afterEvaluation = afterResult.evaluation;
  if (afterEvaluation === null || (before !== null && beforeEvaluation === null)) {
    return { account: after.account, before: beforeEvaluation, after: afterEvaluation, modes: [], issues };
  }
  const modes = MODE_NAMES.map((mode): ModeChange => {
    const a = afterEvaluation.modes[mode];
    const b = beforeEvaluation?.modes[mode] ?? null;
    const previous = new Map((b?.positions ?? []).map((p) => [p.positionId, p]));
    return {
      mode,
      asset: a.asset,
      equity: { before: b?.equity ?? null, after: a.equity },
      maintenanceMargin: { before: b?.maintenanceMargin ?? null, after: a.maintenanceMargin },
      marginRatio: { before: b?.marginRatio ?? null, after: a.marginRatio },
      positions: a.positions.map((p) => {
        const old = previous.get(p.positionId);
        return {
          positionId: p.positionId,
          symbol: p.symbol,
          added: old === undefined,
          liquidationPrice: { before: old?.liquidationPrice ?? null, after: p.liquidationPrice },
          distanceToLiquidation: { before: old?.distanceToLiquidation ?? null, after: p.distanceToLiquidation },
        };
      }),
    };
  });
  return { account: after.account, before: beforeEvaluation, after: afterEvaluation, modes, issues };
}
