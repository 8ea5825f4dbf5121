// Plain-words reading of a joint liquidation boundary: along each symbol's axis through the
// current marks (the other symbol unchanged), the nearest grid move either way that liquidates
// the cross pool. Shown beside the heatmap and under the Markdown grid.

import { formatPercent } from '../format/number-format.js';
import type { JointBoundarySection } from './report-model.js';

/** Index of the move closest to 0 (the current mark), or -1 for an empty axis. */
export function nearestToZero(moves: readonly number[]): number {
  let best = -1;
  moves.forEach((m, i) => {
    if (best === -1 || Math.abs(m) < Math.abs(moves[best]!)) best = i;
  });
  return best;
}

/** Nearest liquidating move below and above the current one along a line of the grid. */
function nearestLiquidating(moves: readonly number[], liquidated: (index: number) => boolean, current: number): string {
  let below = current;
  while (below >= 0 && !liquidated(below)) below--;
  let above = current;
  while (above < moves.length && !liquidated(above)) above++;
  const down = below >= 0 ? moves[below]! : null;
  const up = above < moves.length ? moves[above]! : null;
  if (down === null && up === null) return 'no move on the grid liquidates';
  const parts: string[] = [];
  if (down !== null) parts.push(`${formatPercent(down, true)} or lower`);
  if (up !== null) parts.push(`${formatPercent(up, true)} or higher`);
  return `liquidated at ${parts.join(' and at ')}`;
}

/** One sentence per symbol; empty when the grid is empty. */
export function boundaryNotes(section: JointBoundarySection): string[] {
  const { first, second, liquidatedInCross } = section;
  const i0 = nearestToZero(first.moves);
  const j0 = nearestToZero(second.moves);
  if (i0 === -1 || j0 === -1) return [];
  const alongFirst = nearestLiquidating(first.moves, (i) => liquidatedInCross[i]?.[j0] === true, i0);
  const alongSecond = nearestLiquidating(second.moves, (j) => liquidatedInCross[i0]?.[j] === true, j0);
  return [
    `${first.symbol} moving alone (${second.symbol} at ${formatPercent(second.moves[j0]!, true)}): ${alongFirst}.`,
    `${second.symbol} moving alone (${first.symbol} at ${formatPercent(first.moves[i0]!, true)}): ${alongSecond}.`,
  ];
}
