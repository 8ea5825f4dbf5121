// "Does it match what the venue shows?": for a venue export that reports its own liquidation
// prices, each position's liquidation price as held (the `exported` mode) next to the venue's,
// with the relative difference. `—` where the venue says there is none.

import type { ReportedLiquidationPrice } from '../../import/exports/index.js';
import type { AccountEvaluation } from '../../margin/evaluation.js';
import type { TableView, ViewCell } from '../format/table-view.js';
import { MISSING_VALUE, formatPercent, formatPrice } from '../format/number-format.js';
import { positionLabel } from './stress-sentences.js';

/** Relative difference within which the two prices are called a match. */
const VENUE_MATCH_RELATIVE = 1e-4;

function cell(text: string, tone: ViewCell['tone'] = 'plain'): ViewCell {
  return { text, tone };
}

/** Ours against the venue's, in words: `match`, `+1.23%` (ours above), or why they differ. */
function venueDifference(ours: number | null, venue: ReportedLiquidationPrice): ViewCell {
  if (venue === null) return cell('not reported');
  if (venue === 'none') return ours === null ? cell('match (none)') : cell('venue reports none', 'warning');
  if (ours === null) return cell('we find none', 'warning');
  const relative = ours / venue - 1;
  return Math.abs(relative) <= VENUE_MATCH_RELATIVE ? cell('match') : cell(`${formatPercent(relative, true)} vs venue`, 'warning');
}

/**
 * One row per position the venue reports on; null when it reports no liquidation price for any
 * position of the account.
 */
export function venueCheckView(evaluation: AccountEvaluation, reported: ReadonlyMap<string, ReportedLiquidationPrice>): TableView | null {
  const positions = evaluation.modes.exported.positions.filter((p) => (reported.get(p.positionId) ?? null) !== null);
  if (positions.length === 0) return null;
  return {
    header: ['Position', 'Mark price', 'Liq. exported (ours)', 'Liq. (venue)', 'Difference'],
    align: ['left', 'right', 'right', 'right', 'left'],
    rows: positions.map((p) => {
      const venue = reported.get(p.positionId) ?? null;
      return [
        cell(positionLabel(p.positionId, evaluation.account)),
        cell(formatPrice(p.markPrice, p.markPrice)),
        cell(p.liquidationPrice === null ? MISSING_VALUE : formatPrice(p.liquidationPrice, p.markPrice)),
        cell(venue === null || venue === 'none' ? MISSING_VALUE : formatPrice(venue, p.markPrice)),
        venueDifference(p.liquidationPrice, venue),
      ];
    }),
  };
}
