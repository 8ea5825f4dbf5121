// Chart (a): what differs between the three margin modes. Equity and maintenance margin are the
// same in every mode by construction (the same capital and positions), so the chart shows what
// the modes change instead, in two panels:
//   distance       the move of all marks together to the first liquidation, down (below 0) and
//                  up (above 0) per mode; beyond ±DISTANCE_CAP the bar stops at the edge and its
//                  label gives the exact figure; no bar where no move liquidates ("none"); a
//                  symmetric log scale so a 2 % and a 100 % distance both read
//   riskiest pool  the highest pool's maintenance margin / equity per mode (100 % = liquidation);
//                  a pool under water (equity <= 0) is drawn at the cap and labelled so
// The figures are those of the "Margin modes side by side" table (and evaluate's JSON).

import type { TopLevelSpec } from 'vega-lite';
import { MODE_NAMES, type AccountEvaluation, type ModeEvaluation, type ModeName } from '../../margin/evaluation.js';
import { nearestUniformMove } from '../../verdict/account-verdict.js';
import { formatPercent } from '../format/number-format.js';
import type { ViewSpec } from './chart-spec-types.js';
import { MODE_COLOR_SCALE, SIGNED_PERCENT_LABEL } from './chart-theme.js';

/** Marks of the panels, named so tests and styles can find them in the SVG. */
export const MODES_CHART_MARKS = { distance: 'distance_bars', riskiestPool: 'riskiest_pool_bars' } as const;

/** Distances beyond ±100 % are drawn at the edge. */
const DISTANCE_CAP = 1;
/** Pool ratios beyond 150 % are drawn at the edge. */
const RATIO_CAP = 1.5;

const PANEL_WIDTH_PX = 220;
const PANEL_HEIGHT_PX = 200;

interface BarDatum {
  readonly mode: ModeName;
  readonly direction: string;
  readonly value: number;
  readonly label: string;
}

/** Signed distances: down as a negative bar, up as a positive one; none when no move liquidates. */
function distanceBars(mode: ModeEvaluation): BarDatum[] {
  const { down, up } = mode.uniformMoveToLiquidation;
  if (mode.liquidatable) return [{ mode: mode.mode, direction: 'now', value: 0, label: 'now' }];
  const bars: BarDatum[] = [];
  if (down !== null) bars.push({ mode: mode.mode, direction: 'down', value: -Math.min(down, DISTANCE_CAP), label: formatPercent(-down, true) });
  if (up !== null) bars.push({ mode: mode.mode, direction: 'up', value: Math.min(up, DISTANCE_CAP), label: up > 10 ? '>+1,000%' : formatPercent(up, true) });
  if (bars.length === 0) bars.push({ mode: mode.mode, direction: 'none', value: 0, label: 'none' });
  return bars;
}

/** The highest pool MM / equity of a mode; null when a pool is under water. */
function riskiestPoolRatio(mode: ModeEvaluation): number | null {
  let worst = 0;
  for (const pool of mode.pools) {
    if (pool.marginRatio === null) {
      if (pool.maintenanceMargin > 0) return null;
      continue;
    }
    worst = Math.max(worst, pool.marginRatio);
  }
  return worst;
}

function ratioBar(mode: ModeEvaluation): BarDatum {
  const ratio = riskiestPoolRatio(mode);
  return ratio === null
    ? { mode: mode.mode, direction: 'ratio', value: RATIO_CAP, label: 'equity ≤ 0' }
    : { mode: mode.mode, direction: 'ratio', value: Math.min(ratio, RATIO_CAP), label: formatPercent(ratio) };
}

/** Ticks of the distance axis (a symmetric log scale, so 2 % and 100 % both show). */
const DISTANCE_TICKS = [-1, -0.3, -0.1, -0.03, 0, 0.03, 0.1, 0.3, 1];

function panel(name: string, title: string, values: readonly BarDatum[], domain: [number, number], labelExpr: string | null, symlog: boolean): ViewSpec {
  return {
    width: PANEL_WIDTH_PX,
    height: PANEL_HEIGHT_PX,
    data: { values: values.map((v) => ({ ...v })) },
    encoding: {
      x: { field: 'mode', type: 'nominal', sort: [...MODE_NAMES], title: null, axis: { labelAngle: 0, labelFontSize: 12 } },
      y: {
        field: 'value',
        type: 'quantitative',
        title,
        scale: symlog ? { type: 'symlog', constant: 0.02, domain, nice: false } : { domain, nice: false },
        axis: { format: '.0~%', ...(symlog ? { values: [...DISTANCE_TICKS] } : { tickCount: 5 }), ...(labelExpr === null ? {} : { labelExpr }) },
      },
    },
    layer: [
      {
        name,
        mark: { type: 'bar', cornerRadiusEnd: 2, width: { band: 0.6 } },
        encoding: { color: { field: 'mode', type: 'nominal', scale: MODE_COLOR_SCALE, legend: null } },
      },
      {
        mark: { type: 'text', fontSize: 11, dy: { expr: "datum.value < 0 ? 9 : -7" } as unknown as number },
        encoding: { text: { field: 'label', type: 'nominal' } },
      },
    ],
  };
}

/** Vega-Lite spec of chart (a) for one account. */
export function modesChartSpec(evaluation: AccountEvaluation): TopLevelSpec {
  const modes = MODE_NAMES.map((name) => evaluation.modes[name]);
  const distances = modes.flatMap(distanceBars);
  const nearest = modes.map((m) => nearestUniformMove(m.uniformMoveToLiquidation, m.liquidatable));
  const ratios = modes.map(ratioBar);
  const pad = 0.18;
  return {
    title: {
      text: 'What the margin mode changes',
      subtitle: `Same capital and maintenance in every mode; nearest move to liquidation: ${MODE_NAMES.map((m, i) => `${m} ${nearest[i] === null ? 'none' : formatPercent(nearest[i]!)}`).join(', ')}`,
    },
    hconcat: [
      panel(MODES_CHART_MARKS.distance, 'All marks moving together to liquidation', distances, [-DISTANCE_CAP - pad, DISTANCE_CAP + pad], SIGNED_PERCENT_LABEL, true),
      panel(MODES_CHART_MARKS.riskiestPool, 'Riskiest pool: maintenance / equity', ratios, [0, RATIO_CAP + pad], null, false),
    ],
    spacing: 48,
  };
}
