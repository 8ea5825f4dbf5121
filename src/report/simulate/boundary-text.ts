// The joint liquidation boundary in one plain line, for the table and Markdown outputs of
// simulate: which cross pool and which two factors, the uniform move of every mark that
// liquidates it, and the probability of reaching the boundary within the horizon, said to be a
// lower bound because it is checked at step ends only.

import type { BoundaryAxis } from '../../boundary/joint-boundary.js';
import type { AccountJointBoundary } from '../../boundary/account-joint-boundary.js';
import { formatPercent } from '../format/number-format.js';
import { durationText, probabilityText } from './account-view.js';

/** A factor by its symbol when it has one, else by its asset (all its symbols move together). */
function factorName(axis: BoundaryAxis): string {
  return axis.symbols.length === 1 ? axis.symbols[0]! : axis.asset;
}

/** Uniform moves beyond this (+1,000 %) are named only as "more than" it. */
const LARGEST_MOVE_SHOWN = 10;

/** `-23.41% or +40.12%` for the moves of every mark that liquidate; null parts left out. */
function uniformMoveText(down: number | null, up: number | null): string {
  const upText = up === null ? null : up > LARGEST_MOVE_SHOWN ? `more than ${formatPercent(LARGEST_MOVE_SHOWN, true)}` : formatPercent(up, true);
  const parts = [...(down === null ? [] : [formatPercent(-down, true)]), ...(upText === null ? [] : [upText])];
  return parts.length === 0 ? 'no move of every mark together liquidates it' : `every mark moving ${parts.join(' or ')} together liquidates it`;
}

/** The boundary of one account in one line. */
export function boundaryLine(summary: AccountJointBoundary): string {
  const { boundary, hit } = summary;
  const first = factorName(boundary.first);
  const second = factorName(boundary.second);
  const moves = boundary.first.moves;
  const grid = `${moves.length} × ${moves.length} grid of moves ${formatPercent(moves[0]!, true)} … ${formatPercent(moves[moves.length - 1]!, true)}`;
  const head = `Joint liquidation boundary of the cross ${boundary.asset} pool over ${first} and ${second} (${grid}, other marks held): ${uniformMoveText(boundary.uniformMove.down, boundary.uniformMove.up)}`;
  if (hit === null) return `${head}; no probability of reaching it (a factor has no simulated path).`;
  const within = durationText(summary.horizonHours);
  const checked = `checked at the ${summary.steps} step end${summary.steps === 1 ? '' : 's'}`;
  if (hit.probability === 0) return `${head}; no path of ${first} and ${second} reaches it within ${within} (${checked}; crossings between step ends are missed).`;
  return `${head}; ${first} and ${second} reach it within ${within} on at least ${probabilityText(hit.probability, hit.standardError)} of paths (${checked}: a lower bound).`;
}
