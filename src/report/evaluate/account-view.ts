// What a person reads about one account, as rows of formatted text: the three modes side by side
// (summary) and the positions riskiest first with each mode's liquidation price and distance.
// The terminal table and the Markdown report both render this view, so they always agree.

import { labelWithConversions } from './conversion-label.js';
import {
  MODE_NAMES,
  type AccountEvaluation,
  type ModeEvaluation,
  type ModeName,
  type PositionEvaluation,
  type TierTableUse,
} from '../../margin/evaluation.js';
import {
  MISSING_VALUE,
  formatMoney,
  formatPercent,
  formatPercentOrMissing,
  formatPrice,
  formatQuantity,
} from '../format/number-format.js';
import type { Alignment, TableView, Tone, ViewCell } from '../format/table-view.js';
import { allocationStatement } from './allocation-statement.js';
import { uniformMoveText } from '../format/move-text.js';
import type { AccountStress } from '../../contagion/stress-account.js';
import { evaluationVerdict } from '../../verdict/evaluation-verdict.js';
import { verdictSentence, verdictTableView } from '../verdict/verdict-text.js';

export interface AccountView {
  readonly account: string;
  /** One line: account, number of positions, allocation policy of the isolated mode. */
  readonly headline: string;
  readonly warnings: readonly string[];
  /** Which mode is safer, in one sentence, and its lenses side by side. */
  readonly verdictSentence: string;
  readonly verdict: TableView;
  /** Rows are measures, columns the modes (exported | isolated | cross). */
  readonly summary: TableView;
  /** One row per position, riskiest first; liquidation price (distance) per mode. */
  readonly positions: TableView;
  /** The tier tables used and their snapshot dates, one line; null when the evaluation does not say. */
  readonly tiers: string | null;
}

const TIER_ORIGINS: Readonly<Record<TierTableUse['origin'], string>> = {
  bundled: 'bundled',
  export: 'from the export',
  derived: "derived from the venue's own maintenance margin",
  'tiers-file': 'from --tiers',
};

/** `Tiers: binance-usdm bundled, snapshot 2024-10-24 (ADAUSDT, COMPUSDT); …`, or null. */
export function tiersLine(uses: readonly TierTableUse[] | undefined): string | null {
  if (uses === undefined || uses.length === 0) return null;
  const groups = new Map<string, string[]>();
  for (const use of uses) {
    const date = use.snapshotDate === '' ? '' : `, snapshot ${use.snapshotDate}`;
    const label = `${use.venue} ${TIER_ORIGINS[use.origin]}${date}`;
    const symbols = groups.get(label);
    // Appended in place: one table per symbol is common (an export's own tables), and copying
    // the group at each one made a book of n symbols cost n² (minutes at 100,000 symbols).
    if (symbols === undefined) groups.set(label, [...use.symbols]);
    else for (const symbol of use.symbols) symbols.push(symbol);
  }
  return `Tiers: ${[...groups].map(([label, symbols]) => `${label} (${symbols.join(', ')})`).join('; ')}`;
}

/** A liquidation closer than this (as a fraction of the mark) is shown as danger. */
export const DANGER_DISTANCE = 0.05;
/** A liquidation closer than this is shown as a warning. */
export const WARNING_DISTANCE = 0.15;
/** A margin ratio (maintenance / equity) at or above this is shown as a warning. */
const WARNING_MARGIN_RATIO = 0.5;

function cell(text: string, tone: Tone = 'plain'): ViewCell {
  return { text, tone };
}

function distanceTone(distance: number | null): Tone {
  if (distance === null) return 'plain';
  const d = Math.abs(distance);
  return d < DANGER_DISTANCE ? 'danger' : d < WARNING_DISTANCE ? 'warning' : 'plain';
}

function ratioTone(mode: ModeEvaluation): Tone {
  if (mode.liquidatable) return 'danger';
  // No ratio: equity <= 0, which is alarming only when something needs maintenance.
  if (mode.marginRatio === null) return mode.maintenanceMargin > 0 ? 'danger' : 'plain';
  if (mode.marginRatio >= 1) return 'danger';
  return mode.marginRatio >= WARNING_MARGIN_RATIO ? 'warning' : 'plain';
}

/** When every mode reports totals in one asset, the unit goes in the label; else in each cell. */
function unitPlacement(modes: readonly ModeEvaluation[], assetOf: (m: ModeEvaluation) => string): { label: string; inCells: boolean } {
  const assets = new Set(modes.map(assetOf));
  return assets.size === 1 ? { label: ` (${[...assets][0]!})`, inCells: false } : { label: '', inCells: true };
}

function moneyCell(amount: number, asset: string, inCells: boolean, tone: Tone = 'plain'): ViewCell {
  const text = formatMoney(amount, asset);
  return cell(inCells ? `${text} ${asset}` : text, tone);
}

function moveCell(move: number | null, direction: -1 | 1, liquidatableNow: boolean): ViewCell {
  if (liquidatableNow) return cell('now', 'danger');
  if (move === null) return cell(MISSING_VALUE);
  return cell(uniformMoveText(move, direction), distanceTone(move));
}

/**
 * The margin ratio of the mode's riskiest pool: a pool is liquidated on its own, so an account
 * ratio of 15 % can hide an isolated pool at 100 % or more. `equity ≤ 0` when that pool has none.
 */
function riskiestPoolCell(mode: ModeEvaluation): ViewCell {
  let worst: number | null = -1;
  for (const pool of mode.pools) {
    if (pool.marginRatio === null) {
      if (pool.maintenanceMargin > 0) worst = null;
      if (worst === null) break;
      continue;
    }
    if (worst !== null) worst = Math.max(worst, pool.marginRatio);
  }
  if (worst === null) return cell('equity ≤ 0', 'danger');
  if (worst < 0) return cell(MISSING_VALUE);
  return cell(formatPercent(worst), worst >= 1 ? 'danger' : worst >= WARNING_MARGIN_RATIO ? 'warning' : 'plain');
}

function summaryView(evaluation: AccountEvaluation): TableView {
  const modes = MODE_NAMES.map((name) => evaluation.modes[name]);
  const unit = unitPlacement(modes, (m) => m.asset);
  const quoteUnit = unitPlacement(modes, (m) => m.quoteAsset);
  const rows: ViewCell[][] = [
    [cell(labelWithConversions('Equity', unit.inCells ? '' : modes[0]!.asset, modes)), ...modes.map((m) => moneyCell(m.equity, m.asset, unit.inCells))],
    [cell(`Maintenance margin${unit.label}`), ...modes.map((m) => moneyCell(m.maintenanceMargin, m.asset, unit.inCells))],
    [cell('Margin ratio (MM / equity)'), ...modes.map((m) => cell(formatPercentOrMissing(m.marginRatio), ratioTone(m)))],
    ...(modes.some((m) => m.pools.length > 1) ? [[cell('Riskiest pool (MM / equity)'), ...modes.map(riskiestPoolCell)]] : []),
    [cell(`Free balance${unit.label}`), ...modes.map((m) => moneyCell(m.freeBalance, m.asset, unit.inCells))],
  ];
  if (modes.some((m) => m.asset !== m.quoteAsset)) {
    rows.push(
      [cell(`Equity at marks${quoteUnit.label}`), ...modes.map((m) => moneyCell(m.equityQuote, m.quoteAsset, quoteUnit.inCells))],
      [
        cell(`Maintenance at marks${quoteUnit.label}`),
        ...modes.map((m) => moneyCell(m.maintenanceMarginQuote, m.quoteAsset, quoteUnit.inCells)),
      ],
    );
  }
  rows.push(
    [cell('Liquidatable now'), ...modes.map((m) => (m.liquidatable ? cell('yes', 'danger') : cell('no')))],
    [cell('All marks down to liquidation'), ...modes.map((m) => moveCell(m.uniformMoveToLiquidation.down, -1, m.liquidatable))],
    [cell('All marks up to liquidation'), ...modes.map((m) => moveCell(m.uniformMoveToLiquidation.up, 1, m.liquidatable))],
    [cell('Collateral pools'), ...modes.map((m) => cell(String(m.pools.length)))],
  );
  return { header: ['', ...MODE_NAMES], align: ['left', 'right', 'right', 'right'], rows };
}

/** The position's rows across modes, keyed by id. */
type PositionAcrossModes = Partial<Record<ModeName, PositionEvaluation>>;

/** Ids of the pools of each mode that are liquidatable at the current marks. */
type LiquidatablePools = Readonly<Record<ModeName, ReadonlySet<string>>>;

/**
 * How close the position is to liquidation in its riskiest mode: 0 when a mode already has it
 * liquidatable, else the smallest absolute distance; Infinity when no mode has a liquidation price.
 */
function riskKey(row: PositionAcrossModes, liquidatable: LiquidatablePools): number {
  let closest = Infinity;
  for (const name of MODE_NAMES) {
    const p = row[name];
    if (p === undefined) continue;
    if (liquidatable[name].has(p.poolId)) return 0;
    if (p.distanceToLiquidation !== null) closest = Math.min(closest, Math.abs(p.distanceToLiquidation));
  }
  return closest;
}

/** Text shown instead of a distance when the position's pool is already past liquidation. */
export const LIQUIDATABLE_NOW = 'liquidatable now';

/** `price (distance)` in one mode; `liquidatable now` when its pool already is. */
function liquidationCell(p: PositionEvaluation | undefined, liquidatableNow: ReadonlySet<string>): ViewCell {
  if (p === undefined || p.liquidationPrice === null || p.distanceToLiquidation === null) {
    return p !== undefined && liquidatableNow.has(p.poolId) ? cell(LIQUIDATABLE_NOW, 'danger') : cell(MISSING_VALUE);
  }
  const price = formatPrice(p.liquidationPrice, p.markPrice);
  if (liquidatableNow.has(p.poolId)) return cell(`${price} (${LIQUIDATABLE_NOW})`, 'danger');
  return cell(`${price} (${formatPercent(p.distanceToLiquidation, true)})`, distanceTone(p.distanceToLiquidation));
}

/** The pools of every mode that are liquidatable at the current marks. */
function liquidatablePools(evaluation: AccountEvaluation): LiquidatablePools {
  const ids = (mode: ModeEvaluation): ReadonlySet<string> =>
    new Set(mode.pools.filter((pool) => pool.liquidatable).map((pool) => pool.poolId));
  return { exported: ids(evaluation.modes.exported), isolated: ids(evaluation.modes.isolated), cross: ids(evaluation.modes.cross) };
}

function defaultPositionId(account: string, p: PositionEvaluation): string {
  return `${account}:${p.symbol}:${p.side}`;
}

/** Positions riskiest first: the closest liquidation in any mode first, ids breaking ties. */
function positionsAcrossModes(evaluation: AccountEvaluation, liquidatable: LiquidatablePools): PositionAcrossModes[] {
  const byId = new Map<string, PositionAcrossModes>();
  for (const name of MODE_NAMES) {
    for (const p of evaluation.modes[name].positions) {
      const row = byId.get(p.positionId) ?? {};
      row[name] = p;
      byId.set(p.positionId, row);
    }
  }
  const keyed = [...byId.entries()].map(([id, row]) => ({ id, row, closest: riskKey(row, liquidatable) }));
  keyed.sort((a, b) => a.closest - b.closest || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return keyed.map((k) => k.row);
}

function anyOf(row: PositionAcrossModes): PositionEvaluation {
  const p = row.exported ?? row.isolated ?? row.cross;
  if (p === undefined) throw new Error('positionsView: a position row with no mode (unreachable)');
  return p;
}

function positionsView(evaluation: AccountEvaluation): TableView {
  const liquidatable = liquidatablePools(evaluation);
  const rows = positionsAcrossModes(evaluation, liquidatable);
  const firsts = rows.map(anyOf);
  const showIds = firsts.some((p) => p.positionId !== defaultPositionId(evaluation.account, p));
  const notionalAssets = new Set(firsts.map((p) => p.asset));
  const notionalInCells = notionalAssets.size !== 1;
  const notionalLabel = notionalInCells ? 'Notional' : `Notional (${[...notionalAssets][0]!})`;

  const header = [
    ...(showIds ? ['Position'] : []),
    'Symbol',
    'Side',
    'Held',
    'Size',
    'Mark price',
    notionalLabel,
    'Liq. exported',
    'Liq. isolated',
    'Liq. cross',
  ];
  const align: Alignment[] = [
    ...(showIds ? (['left'] as const) : []),
    'left',
    'left',
    'left',
    'right',
    'right',
    'right',
    'right',
    'right',
    'right',
  ];
  const viewRows = rows.map((row) => {
    const p = anyOf(row);
    const size = p.instrument === 'inverse' ? `${formatQuantity(p.size)} ct` : formatQuantity(p.size);
    return [
      ...(showIds ? [cell(p.positionId)] : []),
      cell(p.symbol),
      cell(p.side),
      cell(row.exported?.marginMode ?? MISSING_VALUE),
      cell(size),
      cell(formatPrice(p.markPrice, p.markPrice)),
      moneyCell(p.notional, p.asset, notionalInCells),
      liquidationCell(row.exported, liquidatable.exported),
      liquidationCell(row.isolated, liquidatable.isolated),
      liquidationCell(row.cross, liquidatable.cross),
    ];
  });
  return { header, align, rows: viewRows };
}

/** Builds the view of one account. */
export function accountView(evaluation: AccountEvaluation, stress?: AccountStress): AccountView {
  const verdict = evaluationVerdict(evaluation, stress);
  const count = new Set(MODE_NAMES.flatMap((name) => evaluation.modes[name].positions.map((p) => p.positionId))).size;
  const plural = count === 1 ? '' : 's';
  return {
    account: evaluation.account,
    headline: `Account ${evaluation.account}: ${count} position${plural}; ${allocationStatement(evaluation)}`,
    warnings: [...evaluation.warnings],
    verdictSentence: verdictSentence(verdict),
    verdict: verdictTableView(verdict),
    summary: summaryView(evaluation),
    positions: positionsView(evaluation),
    tiers: tiersLine(evaluation.tierTables),
  };
}

/** Lines explaining the columns, printed once after the accounts. */
export const VIEW_LEGEND: readonly string[] = [
  'Modes: exported = each position as held; isolated = every position isolated (cross ones get margin by the allocation',
  'policy); cross = one shared pool per account and settlement asset. Liq. <mode>: the mark of that symbol at which the',
  `position is liquidated in that mode, other marks unchanged (distance = liq. / mark - 1). ${MISSING_VALUE} = no such price.`,
  'Margin ratio: all pools of the mode together; each pool is liquidated on its own, at 100% of its own ratio (the',
  `riskiest pool's is shown when a mode has several). Uniform moves beyond +1,000% are shown as >+1,000%.`,
];
