// Chart (b): the liquidation ladder. One row per position, riskiest first; in each row one
// lollipop per margin mode from 0 to the position's distance to liquidation (liquidation price /
// mark - 1, negative when the price must fall). The band around 0 is the danger zone used by the
// tables. Distances beyond the axis cap are drawn at the edge with their value written beside;
// positions whose pool is already past liquidation are drawn at 0 as diamonds marked "now".

import type { TopLevelSpec } from 'vega-lite';
import { MODE_NAMES, type AccountEvaluation, type ModeName, type PositionEvaluation } from '../../margin/evaluation.js';
import { DANGER_DISTANCE } from '../evaluate/account-view.js';
import { DANGER_COLOR, INK_COLOR, MODE_COLOR_SCALE, SIGNED_PERCENT_FORMAT, SIGNED_PERCENT_LABEL } from './chart-theme.js';

/** One lollipop: a position's distance to liquidation in one mode. */
interface LadderPoint {
  readonly label: string;
  readonly mode: ModeName;
  /** liquidationPrice / markPrice - 1; null when no price exists (only for liquidatable-now points). */
  readonly distance: number | null;
  /** What is drawn: `distance` clamped to the axis, or 0 when liquidatable now. */
  readonly shownDistance: number;
  /** The distance lies beyond the axis cap. */
  readonly beyondAxis: boolean;
  /** The position's pool is liquidatable at the current marks. */
  readonly liquidatableNow: boolean;
}

interface LadderData {
  /** Row labels, riskiest first (the y order). */
  readonly labels: readonly string[];
  readonly points: readonly LadderPoint[];
  /** Positions in the account, of which `labels.length` are shown. */
  readonly positionCount: number;
}

interface LadderOptions {
  /** Most positions drawn (the riskiest); default 40. */
  readonly maxPositions?: number;
}

/** Name of the point mark, for tests and styles. */
export const LADDER_POINT_MARK = 'ladder_points';

/** Largest absolute distance drawn to scale (+100 %: the price doubles). */
export const LADDER_AXIS_CAP = 1;

const DEFAULT_MAX_POSITIONS = 40;
const ROW_STEP_PX = 27;

type AcrossModes = Partial<Record<ModeName, PositionEvaluation>>;

function closestDistance(row: AcrossModes): number {
  let closest = Infinity;
  for (const mode of MODE_NAMES) {
    const d = row[mode]?.distanceToLiquidation;
    if (d !== undefined && d !== null) closest = Math.min(closest, Math.abs(d));
  }
  return closest;
}

/** `symbol side`, or the position id when that is ambiguous within the account. */
function rowLabels(rows: readonly { id: string; first: PositionEvaluation }[]): string[] {
  const short = rows.map((r) => `${r.first.symbol} ${r.first.side}`);
  const unique = new Set(short).size === short.length;
  return unique ? short : rows.map((r) => r.id);
}

/** The ladder's rows and points, riskiest positions first, at most `maxPositions` of them. */
export function ladderData(evaluation: AccountEvaluation, options: LadderOptions = {}): LadderData {
  const maxPositions = options.maxPositions ?? DEFAULT_MAX_POSITIONS;
  const byId = new Map<string, AcrossModes>();
  for (const mode of MODE_NAMES) {
    for (const p of evaluation.modes[mode].positions) {
      const row = byId.get(p.positionId) ?? {};
      row[mode] = p;
      byId.set(p.positionId, row);
    }
  }
  const rows = [...byId.entries()]
    .map(([id, modes]) => ({ id, modes, closest: closestDistance(modes), first: (modes.exported ?? modes.isolated ?? modes.cross)! }))
    .sort((a, b) => a.closest - b.closest || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const shown = rows.slice(0, maxPositions);
  const labels = rowLabels(shown);
  const pastLiquidation = new Set(
    MODE_NAMES.flatMap((mode) => evaluation.modes[mode].pools.filter((pool) => pool.liquidatable).map((pool) => `${mode}\u0000${pool.poolId}`)),
  );
  const points: LadderPoint[] = [];
  shown.forEach((row, i) => {
    const label = labels[i]!;
    for (const mode of MODE_NAMES) {
      const position = row.modes[mode];
      if (position === undefined) continue;
      const distance = position.distanceToLiquidation;
      if (pastLiquidation.has(`${mode}\u0000${position.poolId}`)) {
        points.push({ label, mode, distance, shownDistance: 0, beyondAxis: false, liquidatableNow: true });
      } else if (distance !== null) {
        const shownDistance = Math.max(-LADDER_AXIS_CAP, Math.min(LADDER_AXIS_CAP, distance));
        points.push({ label, mode, distance, shownDistance, beyondAxis: shownDistance !== distance, liquidatableNow: false });
      }
    }
  });
  return { labels, points, positionCount: rows.length };
}

/** Vega-Lite spec of chart (b), or null when there is nothing to draw (no liquidation price, nothing liquidatable). */
export function liquidationLadderSpec(evaluation: AccountEvaluation, options: LadderOptions = {}): TopLevelSpec | null {
  const data = ladderData(evaluation, options);
  if (data.points.length === 0) return null;
  const extent = data.points.map((p) => p.shownDistance);
  const low = Math.min(-2 * DANGER_DISTANCE, ...extent);
  const high = Math.max(2 * DANGER_DISTANCE, ...extent);
  const x = {
    field: 'shownDistance',
    type: 'quantitative' as const,
    title: 'Distance to liquidation (% of mark price; negative = price falls)',
    scale: { domain: [low, high], nice: true, zero: true },
    axis: { format: SIGNED_PERCENT_FORMAT, labelExpr: SIGNED_PERCENT_LABEL, tickCount: 8 },
  };
  const y = {
    field: 'label',
    type: 'nominal' as const,
    sort: [...data.labels],
    title: data.labels.length < data.positionCount ? `Position (${data.labels.length} riskiest of ${data.positionCount})` : 'Position (riskiest first)',
    axis: { labelFontSize: 11, labelPadding: 6 },
  };
  const yOffset = { field: 'mode', type: 'nominal' as const, sort: [...MODE_NAMES], scale: { domain: [...MODE_NAMES], paddingOuter: 0.2 } };
  const color = { field: 'mode', type: 'nominal' as const, scale: MODE_COLOR_SCALE, title: 'Margin mode' };
  const notes = [`Shaded: within ±${DANGER_DISTANCE * 100}% of the mark.`];
  if (data.points.some((p) => p.beyondAxis)) notes.push(`Beyond ±${LADDER_AXIS_CAP * 100}%: drawn at the edge, value written.`);
  if (data.points.some((p) => p.liquidatableNow)) notes.push('Diamonds at 0: pool liquidatable now.');
  const subtitle = notes.join(' ');
  return {
    title: { text: 'Liquidation ladder: distance to liquidation per position and mode', subtitle },
    width: 700,
    height: { step: ROW_STEP_PX },
    data: { values: data.points.map((p) => ({ ...p })) },
    layer: [
      {
        data: { values: [{ from: -DANGER_DISTANCE, to: DANGER_DISTANCE }] },
        mark: { type: 'rect', color: DANGER_COLOR, opacity: 0.08 },
        encoding: { x: { field: 'from', type: 'quantitative' }, x2: { field: 'to' } },
      },
      {
        mark: { type: 'rule', strokeWidth: 2, opacity: 0.55 },
        encoding: {
          y,
          yOffset,
          x,
          x2: { datum: 0 },
          color,
        },
      },
      {
        name: LADDER_POINT_MARK,
        mark: { type: 'point', filled: true, size: 60, opacity: 1 },
        encoding: {
          y,
          yOffset,
          x,
          color,
          shape: { condition: { test: 'datum.liquidatableNow', value: 'diamond' }, value: 'circle' },
          size: { condition: { test: 'datum.liquidatableNow', value: 110 }, value: 60 },
        },
      },
      {
        transform: [{ filter: 'datum.liquidatableNow' }],
        mark: { type: 'text', align: 'left', dx: 9, fontSize: 10, fontWeight: 600, color: DANGER_COLOR, text: 'liquidatable now' },
        encoding: { y, yOffset, x },
      },
      {
        transform: [{ filter: 'datum.beyondAxis' }],
        mark: { type: 'text', align: 'right', dx: -8, fontSize: 10, color: INK_COLOR },
        encoding: { y, yOffset, x, text: { field: 'distance', type: 'quantitative', format: SIGNED_PERCENT_FORMAT } },
      },
      {
        data: { values: [{ zero: 0 }] },
        mark: { type: 'rule', color: INK_COLOR, strokeWidth: 1 },
        encoding: { x: { field: 'zero', type: 'quantitative' } },
      },
    ],
  };
}
