// `--format markdown` for simulate: a title with the inputs, then per account a heading, the
// modes table, the positions table, the contagion as a list, the joint liquidation boundary and,
// with --recommend, the recommendation (the same content as the terminal table), ready to paste
// into a ticket or a risk memo.

import type { TableView } from '../evaluate/account-view.js';
import { assertAllFinite } from '../format/find-non-finite.js';
import { markdownCell } from '../evaluate/markdown-writer.js';
import { RECOMMENDATION_LEGEND, simulationAnalysisText } from './analysis-text.js';
import { SIMULATION_LEGEND, simulationView } from './simulate-tables.js';
import type { SimulatedAccount, SimulateReportInputs, SimulateReportWriter } from './simulate-writer.js';
import { simulateInputsLine } from './table-writer.js';

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
  let recommended = false;
  return {
    begin(inputs: SimulateReportInputs): string {
      return `# Monte Carlo simulation\n\n${markdownText(simulateInputsLine(inputs))}.\n`;
    },
    account(simulation: SimulatedAccount): string {
      assertAllFinite(simulation.outcome.modes, `account ${JSON.stringify(simulation.account)}`);
      const view = simulationView(simulation);
      const analyses = simulationAnalysisText(simulation);
      accounts++;
      recommended ||= analyses.recommendation !== null;
      const parts = [`\n## ${markdownText(view.account)}\n`, `${markdownText(view.headline)}.\n`];
      if (view.notes.length > 0) parts.push(`${view.notes.map((n) => `> **Note:** ${markdownText(n)}`).join('\n>\n')}\n`);
      parts.push(`${markdownTableOf(view.summary)}\n`);
      parts.push(view.positions.rows.length === 0 ? 'No open positions.\n' : `${markdownTableOf(view.positions)}\n`);
      parts.push(`**Contagion**\n\n${view.contagion.map((line) => `- ${markdownText(line)}`).join('\n')}\n`);
      if (analyses.boundary !== null) parts.push(`${markdownText(analyses.boundary)}\n`);
      if (analyses.recommendation !== null) {
        const { heading, sentences } = analyses.recommendation;
        parts.push(`**${markdownText(heading)}**\n\n${sentences.map((line) => `- ${markdownText(line)}`).join('\n')}\n`);
      }
      return parts.join('\n');
    },
    end(): string {
      if (accounts === 0) return '\nNo accounts with positions in the input.\n';
      const legend = recommended ? [...SIMULATION_LEGEND, RECOMMENDATION_LEGEND] : SIMULATION_LEGEND;
      return `\n${legend.join(' ')}\n`;
    },
  };
}
