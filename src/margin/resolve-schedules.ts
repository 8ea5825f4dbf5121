// Resolve once, before any evaluation or path loop: each position gets its venue profile's
// maintenance rule compiled for both margin modes. A symbol with no tier table is an Issue on
// the position's row, naming the symbol and venue — never a silent default.

import type { AccountBook } from '../domain/account-book.js';
import type { Issue } from '../domain/issue.js';
import type { MaintenanceSchedule } from '../domain/maintenance-schedule.js';
import type { Position } from '../domain/position.js';
import { venueProfile } from '../venues/registry.js';
import { tierSupplyHint } from '../venues/tier-hints.js';
import { rememberedTierTable, type TierBook } from '../venues/tier-book.js';

export interface ResolvedPosition {
  readonly position: Position;
  readonly cross: MaintenanceSchedule;
  readonly isolated: MaintenanceSchedule;
}

export interface ResolvedAccount {
  readonly book: AccountBook;
  readonly positions: readonly ResolvedPosition[];
}

export function resolveAccount(book: AccountBook, tierBook: TierBook): { resolved: ResolvedAccount | null; issues: Issue[] } {
  const issues: Issue[] = [];
  const positions: ResolvedPosition[] = [];
  for (const position of book.positions) {
    const profile = venueProfile(position.venue);
    const table = rememberedTierTable(tierBook, profile, position.symbol);
    if (table === undefined) {
      issues.push({
        code: 'unknown-symbol',
        file: position.source.file,
        line: position.source.line,
        column: 'symbol',
        message: `no maintenance-margin tiers for this symbol on venue ${profile.name}; ${tierSupplyHint(profile.name)}`,
        value: position.symbol,
        account: position.account,
      });
      continue;
    }
    const uncovered = profile.coverageProblem?.(position, table) ?? null;
    if (uncovered !== null) {
      issues.push({
        code: 'out-of-range',
        file: position.source.file,
        line: position.source.line,
        column: 'size',
        message: `${uncovered} on venue ${profile.name}; ${tierSupplyHint(profile.name).replace('supply them', 'supply the full table')}`,
        value: String(position.size),
        account: position.account,
      });
      continue;
    }
    positions.push({
      position,
      cross: profile.maintenanceSchedule(position, table, 'cross'),
      isolated: profile.maintenanceSchedule(position, table, 'isolated'),
    });
  }
  return { resolved: issues.length === 0 ? { book, positions } : null, issues };
}
