// The joint liquidation boundary as a character grid for text reports: one character per grid
// point (`#` liquidated in cross, `.` survives, `O` the current marks), rows the second symbol's
// moves from the largest down, columns the first symbol's moves from the smallest up.

import { formatPercent } from '../format/number-format.js';
import { nearestToZero } from './boundary-notes.js';
import type { JointBoundarySection } from './report-model.js';

export const LIQUIDATED_CHAR = '#';
export const SURVIVES_CHAR = '.';
export const CURRENT_CHAR = 'O';

/** Lines of the grid with row labels and a last line naming the column range. */
export function boundaryTextGrid(section: JointBoundarySection): string[] {
  const { first, second } = section;
  if (first.moves.length === 0 || second.moves.length === 0) return [];
  const currentFirst = nearestToZero(first.moves);
  const currentSecond = nearestToZero(second.moves);
  const labels = second.moves.map((m) => formatPercent(m, true));
  const width = Math.max(...labels.map((l) => l.length));
  const lines: string[] = [];
  for (let j = second.moves.length - 1; j >= 0; j--) {
    const cells = first.moves.map((_, i) => {
      if (i === currentFirst && j === currentSecond) return CURRENT_CHAR;
      return section.liquidatedInCross[i]?.[j] === true ? LIQUIDATED_CHAR : SURVIVES_CHAR;
    });
    lines.push(`${labels[j]!.padStart(width)} ${cells.join(' ')}`);
  }
  const low = formatPercent(first.moves[0]!, true);
  const high = formatPercent(first.moves[first.moves.length - 1]!, true);
  const span = Math.max(low.length + high.length + 1, first.moves.length * 2 - 1);
  lines.push(`${' '.repeat(width)} ${low}${' '.repeat(span - low.length - high.length)}${high}`);
  return lines;
}
