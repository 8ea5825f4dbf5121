// `evaluate --shock` as a person reads it: per scenario a title that spells the moves out, then
// the modes side by side after the shock — equity now → after, maintenance margin and margin
// ratio at the shocked marks, the loss and bad debt, and the positions liquidated. Shared by the
// terminal table and the Markdown output.

import { MODE_NAMES, type ModeName } from '../../margin/evaluation.js';
import type { AccountShock, ShockedMode } from '../../results/scenario-shock-result.js';
import type { ShockScenario } from '../../scenarios/shocks/shock-scenario.js';
import { MISSING_VALUE, formatMoney, formatPercent, formatPercentOrMissing } from '../format/number-format.js';
import type { TableView, ViewCell } from '../format/table-view.js';
import { positionLabel } from './stress-sentences.js';

/** The moves in words: `BTC -20.00 %, every other asset -35.00 %`. */
export function shockMovesText(scenario: ShockScenario): string {
  const parts = scenario.moves.map((m) => `${m.asset} ${formatPercent(m.move, true)}`);
  if (scenario.otherAssets !== null) parts.push(`${parts.length === 0 ? 'every asset' : 'every other asset'} ${formatPercent(scenario.otherAssets, true)}`);
  return parts.length === 0 ? 'no move' : parts.join(', ');
}

/** `Shock "crash": BTC -20.00 %, every other asset -35.00 %`. */
export function shockTitle(shock: AccountShock): string {
  return `Shock ${JSON.stringify(shock.scenario.name)}: ${shockMovesText(shock.scenario)}`;
}

function cell(text: string, tone: ViewCell['tone'] = 'plain'): ViewCell {
  return { text, tone };
}

function liquidatedText(mode: ShockedMode, account: string): string {
  if (mode.liquidatedPositions.length === 0) return 'none';
  return mode.liquidatedPositions.map((id) => positionLabel(id, account)).join(', ');
}

/** The modes side by side after one shock. */
export function shockSummaryView(shock: AccountShock, account: string): TableView {
  const modes = shock.modes;
  const assets = new Set(MODE_NAMES.map((name) => modes[name].asset));
  const unit = assets.size === 1 ? ` (${[...assets][0]!})` : '';
  const money = (amount: number, asset: string): string => (unit === '' ? `${formatMoney(amount, asset)} ${asset}` : formatMoney(amount, asset));
  const row = (label: string, text: (m: ShockedMode) => string, tone: (m: ShockedMode) => ViewCell['tone'] = () => 'plain'): ViewCell[] => [
    cell(label),
    ...MODE_NAMES.map((name: ModeName) => cell(text(modes[name]), tone(modes[name]))),
  ];
  return {
    header: ['After the shock', ...MODE_NAMES],
    align: ['left', 'right', 'right', 'right'],
    rows: [
      row(`Equity now → after${unit}`, (m) => `${money(m.equityBefore, m.asset)} → ${money(m.equity, m.asset)}`),
      row(`Maintenance margin${unit}`, (m) => money(m.maintenanceMargin, m.asset)),
      row('Margin ratio (MM / equity)', (m) => (m.marginRatio === null ? `${MISSING_VALUE} (equity ≤ 0)` : formatPercentOrMissing(m.marginRatio))),
      row(`Loss${unit}`, (m) => money(m.loss, m.asset)),
      row(`Bad debt${unit}`, (m) => money(m.badDebt, m.asset), (m) => (m.badDebt > 0 ? 'danger' : 'plain')),
      row('Liquidated', (m) => liquidatedText(m, account), (m) => (m.liquidated ? 'danger' : 'plain')),
    ],
  };
}

/** What the shock tables assume, in one note. */
export const SHOCK_NOTE =
  "Marks of every position on a shocked asset moved at once, collateral in that asset too; pools and isolated margins as they stand now. Loss is marked to the shocked prices (liquidation fees not counted), at most a pool's own equity; beyond it is bad debt.";
