// `cascade --format markdown`: the same tables as the terminal, as GitHub tables under headings.

import type { CascadeResult } from '../../cascade/cascade-result.js';
import { escapeMarkdown } from '../format/markdown-text.js';
import { marketTables, type TextTable } from './cascade-views.js';

function table(t: TextTable): string {
  const header = `| ${t.header.map(escapeMarkdown).join(' | ')} |`;
  const rule = `|${t.align.map((a) => (a === 'right' ? ' ---: ' : ' --- ')).join('|')}|`;
  const rows = t.rows.map((r) => `| ${r.map(escapeMarkdown).join(' | ')} |`);
  return `### ${escapeMarkdown(t.title)}\n\n${[header, rule, ...rows].join('\n')}\n`;
}

export function cascadeMarkdown(result: CascadeResult): string {
  const parts = [`# Liquidation cascade\n\n${result.accounts} accounts, ${result.positions} positions, settled in ${escapeMarkdown(result.asset)}; insurance fund ${result.fund}.\n`];
  if (result.events !== null) {
    for (const e of result.events) {
      parts.push(`## ${escapeMarkdown(e.event)}\n\n${new Date(e.startMs).toISOString()} to ${new Date(e.endMs).toISOString()}, ${e.steps} steps.\n`);
      for (const t of marketTables(e.market, e.accounts, result.asset, false)) parts.push(table(t));
    }
  } else {
    parts.push('## Over all paths\n');
    for (const t of marketTables(result.market!, result.ownAccounts!, result.asset, true)) parts.push(table(t));
  }
  if (result.notes.length > 0) parts.push(`## Notes\n\n${result.notes.map((n) => `- ${escapeMarkdown(n)}`).join('\n')}\n`);
  return parts.join('\n');
}
