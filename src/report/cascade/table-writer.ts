// `cascade --format table`: the tables of cascade-views.ts drawn with box characters, one block
// per event (replay) or one over all paths (Monte Carlo), with the notes.

import type { CascadeResult } from '../../cascade/cascade-result.js';
import { drawBoxTable } from '../format/box-table.js';
import { marketTables, type TextTable } from './cascade-views.js';

const plain = (text: string) => ({ text, paint: (padded: string) => padded });

function draw(table: TextTable): string {
  return `${table.title}\n${drawBoxTable({ header: table.header.map(plain), align: table.align, rows: table.rows.map((r) => r.map(plain)) })}`;
}

export function cascadeTable(result: CascadeResult): string {
  const blocks: string[] = [`Cascade: ${result.accounts} accounts, ${result.positions} positions, settled in ${result.asset}; insurance fund ${result.fund}\n`];
  if (result.events !== null) {
    for (const e of result.events) {
      blocks.push(`\n== ${e.event} (${new Date(e.startMs).toISOString()} to ${new Date(e.endMs).toISOString()}, ${e.steps} steps) ==\n`);
      for (const t of marketTables(e.market, e.accounts, result.asset, false)) blocks.push(draw(t));
    }
  } else {
    for (const t of marketTables(result.market!, result.ownAccounts!, result.asset, true)) blocks.push(draw(t));
  }
  for (const note of result.notes) blocks.push(`note: ${note}\n`);
  return blocks.join('\n');
}
