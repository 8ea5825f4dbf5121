// `--format markdown` for simulate: a title with the inputs, then per account a heading, the
// modes table, the positions table and the contagion as a list (the same view as the terminal
// table), ready to paste into a ticket or a risk memo.

import type { AccountSimulation } from '../contagion/shock-results.js';
import type { TableView } from './account-view.js';
import { assertAllFinite } from './find-non-finite.js';
import { markdownCell } from './markdown-evaluate-writer.js';
import { SIMULATION_LEGEND, simulationView } from './simulate-tables.js';
import type { SimulateReportInputs, SimulateReportWriter } from './simulate-report-writer.js';
import { simulateInputsLine } from './simulate-table-writer.js';

/** A view as a Markdown table (cells escaped). */
export function markdownTableOf(view: TableView): string {
  const header = `| ${view.header.map(markdownCell).join(' | ')} |`;
  const rule = `|${view.align.map((a) => (a === 'right' ? ' ---: ' : ' --- ')).join('|')}|`;
  const rows = view.rows.map((row) => `| ${row.map((c) => markdownCell(c.text)).join(' | ')} |`);
  return [header, rule, ...rows].join('\n');
}

/** Text as one Markdown list item or paragraph line (no line breaks, no raw HTML). */
export function markdownText(text: string): string {
  return markdownCell(text).replace(/</g, '&lt;');
}

export function createMarkdownSimulateWriter(): SimulateReportWriter {
  let accounts = 0;
  return {
    begin(inputs: SimulateReportInputs): string {
      return `# Monte Carlo simulation\n\n${markdownText(simulateInputsLine(inputs))}.\n`;
    },
    account(simulation: AccountSimulation): string {
      assertAllFinite(simulation.outcome.modes, `account ${JSON.stringify(simulation.account)}`);
      const view = simulationView(simulation);
      accounts++;
      const parts = [`\n## ${markdownText(view.account)}\n`, `${markdownText(view.headline)}.\n`];
      if (view.notes.length > 0) parts.push(`${view.notes.map((n) => `> **Note:** ${markdownText(n)}`).join('\n>\n')}\n`);
      parts.push(`${markdownTableOf(view.summary)}\n`);
      parts.push(view.positions.rows.length === 0 ? 'No open positions.\n' : `${markdownTableOf(view.positions)}\n`);
      parts.push(`**Contagion**\n\n${view.contagion.map((line) => `- ${markdownText(line)}`).join('\n')}\n`);
      return parts.join('\n');
    },
    end(): string {
      if (accounts === 0) return '\nNo accounts with positions in the input.\n';
      return `\n${SIMULATION_LEGEND.join(' ')}\n`;
    },
  };
}
