// `--what-if` / `--transfer` as a person reads them: the changes in one line, then the modes side
// by side with every measure as `before → after`, then the positions whose liquidation price
// moved (or that are new) with `before → after` per mode. Shared by the terminal table and the
// Markdown output.

import { MODE_NAMES, type AccountEvaluation, type ModeEvaluation, type ModeName, type UniformMove } from '../../margin/evaluation.js';
import type { TableView, ViewCell } from '../format/table-view.js';
import type { WhatIfResult } from './evaluate-document.js';
import { MISSING_VALUE, formatMoney, formatPercent, formatPercentOrMissing, formatPrice } from '../format/number-format.js';
import { positionLabel } from './stress-sentences.js';
import { uniformMoveText } from '../format/move-text.js';
import { labelWithConversions } from './conversion-label.js';

/** Relative change of a liquidation price below which it counts as unchanged. */
const UNCHANGED_RELATIVE = 1e-9;

const ARROW = '→';

function cell(text: string): ViewCell {
  return { text, tone: 'plain' };
}

function change(before: string, after: string): ViewCell {
  return cell(`${before} ${ARROW} ${after}`);
}

/** `what if: --transfer main:500; --what-if "BTCUSDT long 0.5"`. */
export function whatIfHeadline(result: WhatIfResult): string {
  return `What if: ${result.changes.map((c) => `${c.option} ${JSON.stringify(c.text)}`).join('; ')}`;
}

function moveText(move: UniformMove, direction: 'down' | 'up', mode: ModeEvaluation): string {
  if (mode.liquidatable) return 'now';
  const value = move[direction];
  return value === null ? MISSING_VALUE : uniformMoveText(value, direction === 'down' ? -1 : 1);
}

/** The modes side by side, each measure `before → after` (before `—` for a new account). */
export function whatIfSummaryView(result: WhatIfResult): TableView | null {
  const { before, after } = result.comparison;
  if (after === null) return null;
  const modes = (evaluation: AccountEvaluation | null, name: ModeName): ModeEvaluation | null => evaluation?.modes[name] ?? null;
  const row = (label: string, text: (mode: ModeEvaluation) => string): ViewCell[] => [
    cell(label),
    ...MODE_NAMES.map((name) => {
      const b = modes(before, name);
      return change(b === null ? MISSING_VALUE : text(b), text(after.modes[name]));
    }),
  ];
  const assets = new Set(MODE_NAMES.map((name) => after.modes[name].asset));
  const unit = assets.size === 1 ? ` (${[...assets][0]!})` : '';
  const money = (amount: number, asset: string): string => (unit === '' ? `${formatMoney(amount, asset)} ${asset}` : formatMoney(amount, asset));
  return {
    header: ['', ...MODE_NAMES],
    align: ['left', 'right', 'right', 'right'],
    rows: [
      row(labelWithConversions('Equity', unit === '' ? '' : [...assets][0]!, MODE_NAMES.map((name) => after.modes[name])), (m) => money(m.equity, m.asset)),
      row(`Maintenance margin${unit}`, (m) => money(m.maintenanceMargin, m.asset)),
      row('Margin ratio (MM / equity)', (m) => formatPercentOrMissing(m.marginRatio)),
      row(`Free balance${unit}`, (m) => money(m.freeBalance, m.asset)),
      row('Liquidatable now', (m) => (m.liquidatable ? 'yes' : 'no')),
      row('All marks down to liquidation', (m) => moveText(m.uniformMoveToLiquidation, 'down', m)),
      row('All marks up to liquidation', (m) => moveText(m.uniformMoveToLiquidation, 'up', m)),
    ],
  };
}

function priceText(price: number | null, mark: number): string {
  return price === null ? MISSING_VALUE : formatPrice(price, mark);
}

function moved(before: number | null, after: number | null): boolean {
  if (before === null || after === null) return before !== after;
  return Math.abs(after - before) > UNCHANGED_RELATIVE * Math.max(Math.abs(before), Math.abs(after));
}

/**
 * Whether a position of the after book is liquidatable at once in a mode: its pool is already at or
 * below maintenance, or its liquidation price lies on the wrong side of the mark (at or above it
 * for a long, at or below for a short: already past).
 */
export function liquidatableAtOnce(mode: ModeEvaluation, positionId: string): boolean {
  const p = mode.positions.find((q) => q.positionId === positionId);
  if (p === undefined) return false;
  if (mode.pools.some((pool) => pool.poolId === p.poolId && pool.liquidatable)) return true;
  if (p.liquidationPrice === null) return false;
  return p.side === 'long' ? p.liquidationPrice >= p.markPrice : p.liquidationPrice <= p.markPrice;
}

const AT_ONCE = ' (liquidatable at once)';

/**
 * Positions that are new or whose liquidation price moved in some mode; null when none did. An
 * after price past the mark is flagged `(liquidatable at once)`.
 */
export function whatIfPositionsView(result: WhatIfResult): TableView | null {
  const { after, modes } = result.comparison;
  if (after === null || modes.length === 0) return null;
  const marks = new Map(after.modes.exported.positions.map((p) => [p.positionId, p.markPrice]));
  const byMode = new Map(modes.map((m) => [m.mode, new Map(m.positions.map((p) => [p.positionId, p]))]));
  const ids = modes[0]!.positions.map((p) => p.positionId);
  const rows: ViewCell[][] = [];
  for (const id of ids) {
    const changes = MODE_NAMES.map((name) => byMode.get(name)?.get(id));
    const added = changes.some((c) => c?.added === true);
    if (!added && !changes.some((c) => c !== undefined && moved(c.liquidationPrice.before, c.liquidationPrice.after))) continue;
    const mark = marks.get(id) ?? 1;
    rows.push([
      cell(`${positionLabel(id, after.account)}${added ? ' (new)' : ''}`),
      ...changes.map((c, i) =>
        c === undefined
          ? cell(MISSING_VALUE)
          : change(
              c.added ? MISSING_VALUE : priceText(c.liquidationPrice.before, mark),
              `${priceText(c.liquidationPrice.after, mark)}${liquidatableAtOnce(after.modes[MODE_NAMES[i]!], id) ? AT_ONCE : ''}`,
            ),
      ),
    ]);
  }
  if (rows.length === 0) return null;
  return { header: ['Position', 'Liq. exported', 'Liq. isolated', 'Liq. cross'], align: ['left', 'right', 'right', 'right'], rows };
}
