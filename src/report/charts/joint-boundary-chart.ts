// Chart (e): the joint liquidation boundary of two symbols in cross margin. A heatmap over the
// grid of fractional moves of the two marks (other marks unchanged), red where the cross pool is
// liquidated, with the current marks (no move) marked by a cross. Neighbouring grid points of a
// column with the same outcome are drawn as one rect, which keeps a fine grid's SVG small.

import type { TopLevelSpec } from 'vega-lite';
import type { JointBoundarySection } from '../report/report-model.js';
import { formatPercent } from '../format/number-format.js';
import { DANGER_COLOR, INK_COLOR, SAFE_COLOR, SIGNED_PERCENT_FORMAT, SIGNED_PERCENT_LABEL } from './chart-theme.js';

/** Name of the cell mark (one rect per grid point), for tests and styles. */
export const BOUNDARY_CELL_MARK = 'boundary_cells';
/** Name of the current-marks point. */
export const BOUNDARY_CURRENT_MARK = 'boundary_current';

const LIQUIDATED = 'liquidated in cross';
const SURVIVES = 'survives';
const PLOT_SIZE_PX = 300;
/** Width given to a lone grid point on an axis with a single move. */
const LONE_CELL_HALF_WIDTH = 0.005;

/** Cell edges of grid points: halfway to each neighbour, mirrored at the ends. */
export function cellEdges(moves: readonly number[]): { from: number; to: number }[] {
  return moves.map((move, i) => {
    const previous = moves[i - 1];
    const next = moves[i + 1];
    const halfLeft = previous !== undefined ? (move - previous) / 2 : next !== undefined ? (next - move) / 2 : LONE_CELL_HALF_WIDTH;
    const halfRight = next !== undefined ? (next - move) / 2 : halfLeft;
    return { from: move - halfLeft, to: move + halfRight };
  });
}

/** One drawn rect: a run of grid points of one column (first-symbol move) with the same outcome. */
interface BoundaryRun {
  /** Cell edges along the first symbol's moves. */
  readonly x: number;
  readonly x2: number;
  /** Cell edges along the second symbol's moves, spanning the run. */
  readonly y: number;
  readonly y2: number;
  readonly status: string;
  /** Accessible description of the run. */
  readonly description: string;
}

/** The grid as runs of equal outcome along the second symbol's axis, column by column. */
export function boundaryRuns(section: JointBoundarySection): BoundaryRun[] {
  const { first, second } = section;
  const firstEdges = cellEdges(first.moves);
  const secondEdges = cellEdges(second.moves);
  const runs: BoundaryRun[] = [];
  firstEdges.forEach((fx, i) => {
    let start = 0;
    for (let j = 1; j <= second.moves.length; j++) {
      const liquidated = section.liquidatedInCross[i]?.[start] === true;
      if (j < second.moves.length && (section.liquidatedInCross[i]?.[j] === true) === liquidated) continue;
      const status = liquidated ? LIQUIDATED : SURVIVES;
      const span = `${formatPercent(second.moves[start]!, true)} to ${formatPercent(second.moves[j - 1]!, true)}`;
      runs.push({
        x: fx.from,
        x2: fx.to,
        y: secondEdges[start]!.from,
        y2: secondEdges[j - 1]!.to,
        status,
        description: `${first.symbol} ${formatPercent(first.moves[i]!, true)}, ${second.symbol} ${span}: ${status}`,
      });
      start = j;
    }
  });
  return runs;
}

/** Vega-Lite spec of chart (e), or null when the grid is empty. */
export function jointBoundarySpec(section: JointBoundarySection): TopLevelSpec | null {
  const { first, second } = section;
  if (first.moves.length === 0 || second.moves.length === 0) return null;
  const firstEdges = cellEdges(first.moves);
  const secondEdges = cellEdges(second.moves);
  const runs = boundaryRuns(section);
  const axis = { format: SIGNED_PERCENT_FORMAT, labelExpr: SIGNED_PERCENT_LABEL, tickCount: 5 };
  const xDomain = [firstEdges[0]!.from, firstEdges[firstEdges.length - 1]!.to];
  const yDomain = [secondEdges[0]!.from, secondEdges[secondEdges.length - 1]!.to];
  return {
    title: {
      text: 'Joint liquidation boundary (cross)',
      subtitle: ['Two marks moving at once, others unchanged.', 'Red: liquidated. Green: survives. +: now.'],
    },
    width: PLOT_SIZE_PX,
    height: PLOT_SIZE_PX,
    layer: [
      {
        name: BOUNDARY_CELL_MARK,
        data: { values: runs.map((run) => ({ ...run })) },
        mark: { type: 'rect', strokeWidth: 0.6 },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: `${first.symbol} mark move (%)`, scale: { domain: xDomain, nice: false, zero: false }, axis },
          x2: { field: 'x2' },
          y: { field: 'y', type: 'quantitative', title: `${second.symbol} mark move (%)`, scale: { domain: yDomain, nice: false, zero: false }, axis },
          y2: { field: 'y2' },
          description: { field: 'description' },
          stroke: { field: 'status', type: 'nominal', title: null, scale: { domain: [LIQUIDATED, SURVIVES], range: [DANGER_COLOR, SAFE_COLOR] }, legend: null },
          color: {
            field: 'status',
            type: 'nominal',
            title: null,
            scale: { domain: [LIQUIDATED, SURVIVES], range: [DANGER_COLOR, SAFE_COLOR] },
            legend: null,
          },
        },
      },
      {
        name: BOUNDARY_CURRENT_MARK,
        data: { values: [{ x: 0, y: 0, label: 'now' }] },
        mark: { type: 'point', shape: 'cross', filled: true, size: 140, color: INK_COLOR, opacity: 1 },
        encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
      },
      {
        data: { values: [{ x: 0, y: 0, label: 'now' }] },
        mark: { type: 'text', align: 'left', dx: 9, dy: -8, fontSize: 11, fontWeight: 600, color: INK_COLOR },
        encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, text: { field: 'label' } },
      },
    ],
  };
}
