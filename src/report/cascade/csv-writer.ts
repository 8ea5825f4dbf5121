// `cascade --format csv`: one row per symbol (scope `symbol`), per insurance fund (`fund`), per
// ADL fill (`adl`) and per own position and mode (`position`), with the event (or `paths`) first.
// Columns a scope does not use are empty.

import type { CascadeMarketResult, CascadeResult, OwnAccountResult } from '../../cascade/cascade-result.js';
import { MODE_NAMES } from '../../margin/evaluation.js';
import { csvLine, csvNumberCell, csvTextCell } from '../format/csv-cell.js';

const HEADER = [
  'event', 'scope', 'account', 'mode', 'position_id', 'symbol',
  'exogenous_move', 'realised_move', 'final_price', 'amplification', 'liquidated_notional', 'rounds',
  'asset', 'start', 'paid', 'received', 'end', 'minimum', 'depletion_probability',
  'size', 'price', 'realised_pnl',
  'liquidated', 'liquidated_by_cascade', 'loss', 'bad_debt', 'adl', 'adl_size', 'adl_exposed', 'adl_probability',
];

const n = (x: number | null): string => csvNumberCell(x === null || !Number.isFinite(x) ? null : x);
const b = (x: boolean | number): string => (typeof x === 'boolean' ? (x ? 'true' : 'false') : n(x));

function row(cells: Partial<Record<(typeof HEADER)[number], string>>): string {
  return csvLine(HEADER.map((h) => cells[h] ?? ''));
}

function rows(event: string, market: CascadeMarketResult, accounts: readonly OwnAccountResult[]): string[] {
  const ev = csvTextCell(event);
  const out: string[] = [];
  for (const s of market.symbols) {
    out.push(row({ event: ev, scope: 'symbol', symbol: csvTextCell(s.symbol), exogenous_move: n(s.exogenousMove), realised_move: n(s.realisedMove), final_price: n(s.finalPrice), amplification: n(s.amplification), liquidated_notional: n(s.liquidatedNotional), rounds: n(s.rounds) }));
  }
  for (const f of market.insuranceFund) {
    out.push(row({ event: ev, scope: 'fund', asset: csvTextCell(f.asset), start: n(f.start), paid: n(f.paid), received: n(f.received), end: n(f.end), minimum: n(f.minimum), depletion_probability: n(f.depletionProbability) }));
  }
  for (const a of market.adl) {
    out.push(row({ event: ev, scope: 'adl', account: csvTextCell(a.account), position_id: csvTextCell(a.positionId), symbol: csvTextCell(a.symbol), size: n(a.size), price: n(a.price), realised_pnl: n(a.realisedPnl) }));
  }
  for (const acc of accounts) {
    for (const mode of MODE_NAMES) {
      const m = acc.modes[mode];
      out.push(row({ event: ev, scope: 'account', account: csvTextCell(acc.account), mode, liquidated: b(m.liquidated), liquidated_by_cascade: b(m.liquidatedByCascade), loss: n(m.loss), bad_debt: n(m.badDebt), adl: b(m.adl) }));
      for (const p of m.positions) {
        out.push(row({ event: ev, scope: 'position', account: csvTextCell(acc.account), mode, position_id: csvTextCell(p.positionId), symbol: csvTextCell(p.symbol), liquidated: b(p.liquidated), liquidated_by_cascade: b(p.liquidatedByCascade), adl_size: n(p.adlSize), adl_exposed: p.adlExposed === null ? '' : b(p.adlExposed), adl_probability: n(p.adlProbability) }));
      }
    }
  }
  return out;
}

export function cascadeCsv(result: CascadeResult): string {
  const lines = [csvLine(HEADER)];
  if (result.events !== null) for (const e of result.events) lines.push(...rows(e.event, e.market, e.accounts));
  else lines.push(...rows('paths', result.market!, result.ownAccounts!));
  return `${lines.join('\n')}\n`;
}
