// `--format markdown` for simulate: a title with the inputs, then per account a heading, the
// modes table, the positions table, the contagion as a list, the joint liquidation boundary and,
// with --recommend, the recommendation (the same content as the terminal table), ready to paste
// into a ticket or a risk memo.

import type { SimulatedAccount } from '../../results/shock-results.js';
import { assertAllFinite } from '../format/find-non-finite.js';
import { markdownCellTable, markdownText } from '../format/markdown-text.js';
import { SIMULATION_LEGEND, simulatedAccountView } from './account-view.js';
import { RECOMMENDATION_LEGEND, simulationAnalysisText } from './analysis-text.js';
import { simulateInputsLine } from './inputs-text.js';
import type { SimulateEnd, SimulateReportInputs, SimulateReportWriter } from './simulate-document.js';
import { leftOutText } from '../left-out-accounts.js';
import { simulationVerdict } from '../../verdict/simulation-verdict.js';
import { verdictSentence, verdictTableView } from '../verdict/verdict-text.js';

export function createMarkdownSimulateWriter(): SimulateReportWriter {
  let accounts = 0;
  let recommended = false;
  return {
    begin(inputs: SimulateReportInputs): string {
      return `# Monte Carlo simulation\n\n${markdownText(simulateInputsLine(inputs))}.\n`;
    },
    account(simulation: SimulatedAccount): string {
      assertAllFinite(simulation.outcome.modes, `account ${JSON.stringify(simulation.account)}`);
      const view = simulatedAccountView(simulation);
      const analyses = simulationAnalysisText(simulation);
      accounts++;
      recommended ||= analyses.recommendation !== null;
      const parts = [`\n## ${markdownText(view.account)}\n`, `${markdownText(view.headline)}.\n`];
      if (view.notes.length > 0) parts.push(`${view.notes.map((n) => `> **Note:** ${markdownText(n)}`).join('\n>\n')}\n`);
      parts.push(`${markdownCellTable(view.summary)}\n`);
      parts.push(view.positions.rows.length === 0 ? 'No open positions.\n' : `${markdownCellTable(view.positions)}\n`);
      parts.push(`**Contagion**\n\n${view.contagion.map((line) => `- ${markdownText(line)}`).join('\n')}\n`);
      if (analyses.boundary !== null) parts.push(`${markdownText(analyses.boundary)}\n`);
      const verdict = simulationVerdict(simulation.outcome);
      parts.push(`**Verdict:** ${markdownText(verdictSentence(verdict))}\n`, `${markdownCellTable(verdictTableView(verdict))}\n`);
      if (analyses.recommendation !== null) {
        const { heading, sentences } = analyses.recommendation;
        parts.push(`**${markdownText(heading)}**\n\n${sentences.map((line) => `- ${markdownText(line)}`).join('\n')}\n`);
      }
      return parts.join('\n');
    },
    end(summary?: SimulateEnd): string {
      const leftOut = summary === undefined || summary.leftOut.length === 0 ? '' : `\n> **Warning:** ${markdownText(leftOutText(summary.leftOut))}\n`;
      if (accounts === 0) return leftOut === '' ? '\nNo accounts with positions in the input.\n' : `\nNo account simulated.\n${leftOut}`;
      const legend = recommended ? [...SIMULATION_LEGEND, RECOMMENDATION_LEGEND] : SIMULATION_LEGEND;
      return `${leftOut}\n${legend.join(' ')}\n`;
    },
  };
}
