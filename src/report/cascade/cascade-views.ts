// The cascade result as plain tables (header, alignment, rows of text), shared by the terminal
// table and the Markdown writer: per symbol, the insurance fund, the ADL list, and the own
// accounts' three modes. Replays show booleans and amounts; Monte Carlo probabilities and means.

import type { CascadeMarketResult, OwnAccountResult, OwnPositionResult } from '../../cascade/cascade-result.js';
import { MODE_NAMES } from '../../margin/evaluation.js';
import { formatMoney, formatPercent, formatPrice, formatQuantity, MISSING_VALUE } from '../format/number-format.js';

export interface TextTable {
  readonly title: string;
  readonly header: readonly string[];
  readonly align: readonly ('left' | 'right')[];
  readonly rows: readonly (readonly string[])[];
}

const yesNo = (v: boolean | number): string => (typeof v === 'boolean' ? (v ? 'yes' : 'no') : formatPercent(v));

function symbolTable(market: CascadeMarketResult, asset: string, overPaths: boolean): TextTable {
  return {
    title: overPaths ? 'Market, per symbol (means over paths)' : 'Market, per symbol',
    header: ['symbol', 'start', 'exogenous move', 'realised move', ...(overPaths ? [] : ['final price']), 'amplification', `liquidated (${asset})`, 'rounds', 'by round'],
    align: ['left', 'right', 'right', 'right', ...(overPaths ? [] : ['right' as const]), 'right', 'right', 'right', 'left'],
    rows: market.symbols.map((s) => [
      s.symbol,
      formatPrice(s.startPrice, s.startPrice),
      formatPercent(s.exogenousMove, true),
      formatPercent(s.realisedMove, true),
      ...(overPaths ? [] : [s.finalPrice === null ? MISSING_VALUE : formatPrice(s.finalPrice, s.startPrice)]),
      s.amplification === null ? MISSING_VALUE : s.amplification.toFixed(3),
      formatMoney(s.liquidatedNotional, asset),
      overPaths ? s.rounds.toFixed(2) : String(s.rounds),
      s.liquidatedNotionalByRound.length === 0 ? MISSING_VALUE : s.liquidatedNotionalByRound.slice(0, 8).map((x) => formatMoney(x, asset)).join(' / ') + (s.liquidatedNotionalByRound.length > 8 ? ' …' : ''),
    ]),
  };
}

function fundTable(market: CascadeMarketResult, overPaths: boolean): TextTable {
  return {
    title: overPaths ? 'Insurance fund (means over paths; minimum over all paths)' : 'Insurance fund',
    header: ['asset', 'start', 'paid', 'received', 'end', 'minimum', ...(overPaths ? ['P(exhausted)'] : ['ADL rounds'])],
    align: ['left', 'right', 'right', 'right', 'right', 'right', 'right'],
    rows: market.insuranceFund.map((f) => [
      f.asset,
      formatMoney(f.start, f.asset),
      formatMoney(f.paid, f.asset),
      formatMoney(f.received, f.asset),
      formatMoney(f.end, f.asset),
      formatMoney(f.minimum, f.asset),
      overPaths ? formatPercent(f.depletionProbability ?? 0) : market.adl.length > 0 ? 'yes' : 'no',
    ]),
  };
}

function adlTable(market: CascadeMarketResult, asset: string, limit = 50): TextTable {
  return {
    title: market.adl.length > limit ? `Auto-deleveraging (first ${limit} of ${market.adl.length})` : 'Auto-deleveraging',
    header: ['step', 'account', 'position', 'symbol', 'size', 'price', `realised PnL (${asset})`, 'against'],
    align: ['right', 'left', 'left', 'left', 'right', 'right', 'right', 'left'],
    rows: market.adl.slice(0, limit).map((a) => [String(a.step), a.account, a.positionId, a.symbol, formatQuantity(Number(a.size.toPrecision(12))), formatPrice(a.price, a.price), formatMoney(a.realisedPnl, asset), a.againstPositionId]),
  };
}

function ownTable(accounts: readonly OwnAccountResult[], asset: string, overPaths: boolean): TextTable {
  const rows: string[][] = [];
  for (const a of accounts) {
    for (const mode of MODE_NAMES) {
      const m = a.modes[mode];
      rows.push([a.account, mode, yesNo(m.liquidated), yesNo(m.liquidatedByCascade), formatMoney(m.loss, asset), formatMoney(m.badDebt, asset), yesNo(m.adl)]);
    }
  }
  return {
    title: overPaths ? 'Own accounts (probabilities and expected amounts)' : 'Own accounts',
    header: ['account', 'mode', 'liquidated', 'by cascade', `loss (${asset})`, `bad debt (${asset})`, 'ADL'],
    align: ['left', 'left', 'right', 'right', 'right', 'right', 'right'],
    rows,
  };
}

function ownPositionsTable(accounts: readonly OwnAccountResult[], overPaths: boolean): TextTable {
  const rows: string[][] = [];
  const adl = (p: OwnPositionResult | undefined): string => (p === undefined ? MISSING_VALUE : overPaths ? formatPercent(p.adlProbability ?? 0) : p.adlExposed === true ? 'yes' : 'no');
  for (const a of accounts) {
    for (const p of a.modes.exported.positions) {
      const iso = a.modes.isolated.positions.find((q) => q.positionId === p.positionId);
      const cross = a.modes.cross.positions.find((q) => q.positionId === p.positionId);
      rows.push([
        a.account,
        p.positionId,
        yesNo(p.liquidated),
        yesNo(p.liquidatedByCascade),
        iso === undefined ? MISSING_VALUE : yesNo(iso.liquidated),
        cross === undefined ? MISSING_VALUE : yesNo(cross.liquidated),
        overPaths ? formatPercent(p.adlProbability ?? 0) : p.adlSize === null || p.adlSize === 0 ? '—' : formatQuantity(Number(p.adlSize.toPrecision(12))),
        adl(iso),
        adl(cross),
      ]);
    }
  }
  return {
    title: overPaths ? 'Own positions (exported mode in the market; probabilities)' : 'Own positions (exported mode in the market)',
    header: ['account', 'position', 'liquidated', 'by cascade', 'isolated', 'cross', overPaths ? 'adlProbability' : 'ADL size', 'ADL isolated', 'ADL cross'],
    align: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    rows,
  };
}

export function marketTables(market: CascadeMarketResult, accounts: readonly OwnAccountResult[], asset: string, overPaths: boolean): TextTable[] {
  const tables = [symbolTable(market, asset, overPaths), fundTable(market, overPaths)];
  if (!overPaths && market.adl.length > 0) tables.push(adlTable(market, asset));
  if (accounts.length > 0) tables.push(ownTable(accounts, asset, overPaths), ownPositionsTable(accounts, overPaths));
  return tables;
}
