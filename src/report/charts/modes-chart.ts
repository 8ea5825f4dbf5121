// Chart (a): the three margin modes side by side. Two panels of bars, equity per mode and
// maintenance margin per mode, each on its own scale (maintenance is usually a small fraction
// of equity) with the asset in the axis title and the amount written above each bar.

import type { TopLevelSpec } from 'vega-lite';
import { MODE_NAMES, type AccountEvaluation, type ModeName } from '../../margin/evaluation.js';
import type { ViewSpec } from './chart-spec-types.js';
import { MODE_COLOR_SCALE, moneyAxisFormat, moneyLabelFormat } from './chart-theme.js';

/** One bar: a measure of one mode. */
interface ModeAmountDatum {
  readonly mode: ModeName;
  readonly amount: number;
}

/** Marks of the panels, named so tests and styles can find them in the SVG. */
export const MODES_CHART_MARKS = { equity: 'equity_bars', maintenance: 'maintenance_bars' } as const;

const PANEL_WIDTH_PX = 200;
const PANEL_HEIGHT_PX = 180;

/**
 * Totals of every mode in one asset: each mode's own asset when they all agree (the usual case),
 * else the quote-currency valuation at marks.
 */
function modeTotals(evaluation: AccountEvaluation): { asset: string; equity: ModeAmountDatum[]; maintenance: ModeAmountDatum[] } {
  const modes = MODE_NAMES.map((name) => evaluation.modes[name]);
  const sameAsset = new Set(modes.map((m) => m.asset)).size === 1;
  const asset = sameAsset ? modes[0]!.asset : modes[0]!.quoteAsset;
  return {
    asset,
    equity: modes.map((m) => ({ mode: m.mode, amount: sameAsset ? m.equity : m.equityQuote })),
    maintenance: modes.map((m) => ({ mode: m.mode, amount: sameAsset ? m.maintenanceMargin : m.maintenanceMarginQuote })),
  };
}

/** Room above the tallest bar (and below the lowest) for the amount written on it. */
const LABEL_HEADROOM = 0.14;

function panel(name: string, title: string, values: readonly ModeAmountDatum[], asset: string): ViewSpec {
  const format = moneyAxisFormat(asset);
  const amounts = values.map((v) => v.amount);
  const high = Math.max(0, ...amounts);
  const low = Math.min(0, ...amounts);
  const pad = (high - low) * LABEL_HEADROOM;
  const domain = [low < 0 ? low - pad : 0, high > 0 ? high + pad : pad > 0 ? pad : 1];
  return {
    width: PANEL_WIDTH_PX,
    height: PANEL_HEIGHT_PX,
    data: { values: [...values] },
    encoding: {
      x: { field: 'mode', type: 'nominal', sort: [...MODE_NAMES], title: null, axis: { labelAngle: 0, labelFontSize: 12 } },
      y: { field: 'amount', type: 'quantitative', title: `${title} (${asset})`, scale: { domain, nice: false }, axis: { format, tickCount: 5 } },
    },
    layer: [
      {
        name,
        mark: { type: 'bar', cornerRadiusEnd: 2, width: { band: 0.6 } },
        encoding: { color: { field: 'mode', type: 'nominal', scale: MODE_COLOR_SCALE, legend: null } },
      },
      {
        mark: { type: 'text', baseline: 'bottom', dy: -3, fontSize: 11 },
        encoding: { text: { field: 'amount', type: 'quantitative', format: moneyLabelFormat(asset) } },
      },
    ],
  };
}

/** Vega-Lite spec of chart (a) for one account. */
export function modesChartSpec(evaluation: AccountEvaluation): TopLevelSpec {
  const totals = modeTotals(evaluation);
  return {
    title: { text: 'Equity and maintenance margin by margin mode', subtitle: 'Same total capital in every mode' },
    hconcat: [
      panel(MODES_CHART_MARKS.equity, 'Equity', totals.equity, totals.asset),
      panel(MODES_CHART_MARKS.maintenance, 'Maintenance margin', totals.maintenance, totals.asset),
    ],
    spacing: 48,
  };
}
