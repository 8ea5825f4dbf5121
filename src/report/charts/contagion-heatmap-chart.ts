// Chart (d): contagion in cross margin as a cause × victim heatmap. Each cell is the probability
// that the cause's losses drag the victim into a liquidation it would have survived isolated;
// small matrices also print the probability in the cell. Axis labels are never truncated
// (labelLimit 0); the account prefix every position id shares is said once in the axis titles.

import type { TopLevelSpec } from 'vega-lite';
import { contagionMatrix } from '../report/contagion-matrix.js';
import type { ContagionSection } from '../report/report-model.js';
import { INK_COLOR, PERCENT_FORMAT } from './chart-theme.js';

/** Name of the cell mark (one rect per cause × victim), for tests and styles. */
export const CONTAGION_CELL_MARK = 'contagion_cells';

/** Matrices up to this many cells print their values. */
const MAX_LABELLED_CELLS = 144;
const CELL_STEP_PX = 44;

interface CellDatum {
  readonly cause: string;
  readonly victim: string;
  readonly probability: number;
}

/**
 * The part of every id before and including its last `:` that all ids share (the account, e.g.
 * `desk:`), so the axes name positions by what differs; '' when there is none.
 */
export function sharedIdPrefix(ids: readonly string[]): string {
  if (ids.length === 0) return '';
  let prefix = ids[0]!;
  for (const id of ids) while (!id.startsWith(prefix)) prefix = prefix.slice(0, -1);
  const cut = prefix.lastIndexOf(':');
  const shared = cut === -1 ? '' : prefix.slice(0, cut + 1);
  return ids.every((id) => id.length > shared.length) ? shared : '';
}

/** Vega-Lite spec of chart (d), or null when there are no victims. */
export function contagionHeatmapSpec(section: ContagionSection): TopLevelSpec | null {
  const matrix = contagionMatrix(section);
  if (matrix.causeIds.length === 0 || matrix.victimIds.length === 0) return null;
  const prefix = sharedIdPrefix([...matrix.causeIds, ...matrix.victimIds]);
  const short = (id: string): string => id.slice(prefix.length);
  const cells: CellDatum[] = [];
  matrix.causeIds.forEach((cause, c) => {
    matrix.victimIds.forEach((victim, v) => cells.push({ cause: short(cause), victim: short(victim), probability: matrix.probability[c]?.[v] ?? 0 }));
  });
  const highest = Math.max(...cells.map((cell) => cell.probability));
  const x = {
    field: 'victim',
    type: 'nominal' as const,
    sort: matrix.victimIds.map(short),
    title: prefix === '' ? 'Victim' : `Victim (ids after ${prefix})`,
    axis: { labelAngle: -35, labelLimit: 0 },
  };
  const y = { field: 'cause', type: 'nominal' as const, sort: matrix.causeIds.map(short), title: prefix === '' ? 'Cause' : `Cause (ids after ${prefix})`, axis: { labelLimit: 0 } };
  const rects = {
    name: CONTAGION_CELL_MARK,
    mark: { type: 'rect' as const, stroke: '#ffffff', strokeWidth: 1 },
    encoding: {
      x,
      y,
      color: {
        field: 'probability',
        type: 'quantitative' as const,
        title: 'Probability',
        scale: { scheme: 'orangered', domain: [0, Math.max(highest, 1e-9)] },
        legend: { format: PERCENT_FORMAT, gradientLength: 120, orient: 'right' as const, direction: 'vertical' as const },
      },
    },
  };
  const labels = {
    mark: { type: 'text' as const, fontSize: 10 },
    encoding: {
      x,
      y,
      text: { field: 'probability', type: 'quantitative' as const, format: PERCENT_FORMAT },
      color: { condition: { test: `datum.probability > ${highest / 2}`, value: '#ffffff' }, value: INK_COLOR },
    },
  };
  return {
    title: {
      text: 'Contagion in cross margin: who drags whom into liquidation',
      subtitle: [
        'Rows: causes. Columns: victims (liquidated in cross, survive isolated).',
        'Cell: probability over paths, split by each cause’s share.',
      ],
    },
    width: { step: CELL_STEP_PX },
    height: { step: CELL_STEP_PX },
    data: { values: cells.map((cell) => ({ ...cell })) },
    layer: cells.length <= MAX_LABELLED_CELLS ? [rects, labels] : [rects],
  };
}
