// Plain-words reading of a joint liquidation boundary: along each symbol's axis through the
// current marks (the other symbol unchanged), the nearest move either way that liquidates the
// cross pool. The exact crossings (`alone`, the figures of simulate's JSON `jointBoundary.alone`)
// when the section has them; otherwise the nearest grid moves, said to be grid points. Shown
// beside the heatmap and under the Markdown grid.

import { MOVE_DISPLAY_CAP, uniformMoveText } from '../format/move-text.js';
import { formatPercent } from '../format/number-format.js';
import type { ExactAxisMoves, JointBoundarySection } from './report-model.js';

/** Index of the move closest to 0 (the current mark), or -1 for an empty axis. */
export function nearestToZero(moves: readonly number[]): number {
  let best = -1;
  moves.forEach((m, i) => {
    if (best === -1 || Math.abs(m) < Math.abs(moves[best]!)) best = i;
  });
  return best;
}

/** Nearest liquidating grid moves below and above the current one along a line of the grid. */
function nearestOnGrid(moves: readonly number[], liquidated: (index: number) => boolean, current: number): ExactAxisMoves {
  let below = current;
  while (below >= 0 && !liquidated(below)) below--;
  let above = current;
  while (above < moves.length && !liquidated(above)) above++;
  return { below: below >= 0 ? moves[below]! : null, above: above < moves.length ? moves[above]! : null };
}

function movesText(moves: ExactAxisMoves, onGrid: boolean): string {
  if (moves.below === null && moves.above === null) return onGrid ? 'no move on the grid liquidates' : 'no move either way liquidates';
  const parts: string[] = [];
  // Capped as every text view caps moves (in words here, so no `>` needs escaping); the JSON
  // keeps the exact figure.
  if (moves.below !== null) parts.push(`${formatPercent(moves.below, true)} or lower`);
  if (moves.above !== null) parts.push(moves.above > MOVE_DISPLAY_CAP ? `a rise beyond ${uniformMoveText(MOVE_DISPLAY_CAP, 1).replace(".0%", "%")}` : `${formatPercent(moves.above, true)} or higher`);
  return `liquidated at ${parts.join(' and at ')}${onGrid ? ' (nearest grid points)' : ''}`;
}

/** One sentence per symbol; empty when the grid is empty. */
export function boundaryNotes(section: JointBoundarySection): string[] {
  const { first, second, liquidatedInCross, alone } = section;
  const i0 = nearestToZero(first.moves);
  const j0 = nearestToZero(second.moves);
  if (alone !== undefined) {
    return [
      `${first.symbol} moving alone (${second.symbol} at its mark): ${movesText(alone.first, false)}.`,
      `${second.symbol} moving alone (${first.symbol} at its mark): ${movesText(alone.second, false)}.`,
    ];
  }
  if (i0 === -1 || j0 === -1) return [];
  const alongFirst = nearestOnGrid(first.moves, (i) => liquidatedInCross[i]?.[j0] === true, i0);
  const alongSecond = nearestOnGrid(second.moves, (j) => liquidatedInCross[i0]?.[j] === true, j0);
  return [
    `${first.symbol} moving alone (${second.symbol} at ${formatPercent(second.moves[j0]!, true)}): ${movesText(alongFirst, true)}.`,
    `${second.symbol} moving alone (${first.symbol} at ${formatPercent(first.moves[i0]!, true)}): ${movesText(alongSecond, true)}.`,
  ];
}
