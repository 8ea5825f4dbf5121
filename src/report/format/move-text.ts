// A uniform move of every mark as text, capped: a hedged book's pool can need every mark to rise
// 8,000-fold before it is liquidated, a figure that reads as noise, so moves beyond
// MOVE_DISPLAY_CAP are shown as `>+1,000%`. JSON and CSV keep the exact value. Shared by every
// text view (evaluate, what-if, the verdict, the report's batch summary).

import { formatPercent } from './number-format.js';

/** The largest move shown as a number (a fraction: 10 = +1,000 %). */
export const MOVE_DISPLAY_CAP = 10;

/** A signed uniform move as text, capped at MOVE_DISPLAY_CAP: `-23.60%`, `>+1,000%`. */
export function uniformMoveText(move: number, direction: -1 | 1): string {
  if (move <= MOVE_DISPLAY_CAP) return formatPercent(direction * move, true);
  return `${direction < 0 ? '<' : '>'}${formatPercent(direction * MOVE_DISPLAY_CAP, true).replace('.0%', '%')}`;
}

/** An unsigned distance as text, capped alike: `23.60%`, `>1,000%`. */
export function distanceText(distance: number): string {
  return distance <= MOVE_DISPLAY_CAP ? formatPercent(distance) : `>${formatPercent(MOVE_DISPLAY_CAP).replace('.0%', '%').replace('.00%', '%')}`;
}
