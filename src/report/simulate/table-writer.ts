// `--format table` for simulate: the terminal view. A line with the inputs (seed included, so a
// run can be repeated), then per account a headline, the modes side by side, the positions, the
// contagion in plain words, the joint liquidation boundary in one line and, with --recommend, the
// recommendation; colour (ANSI) only when the caller says stdout is a terminal.

import type { SimulatedAccount } from '../../results/shock-results.js';
import type { WriterOptions } from '../evaluate/evaluate-document.js';
import { withoutControlCharacters } from '../format/display-width.js';
import { assertAllFinite } from '../format/find-non-finite.js';
import { drawTableView, tablePalette } from '../format/terminal-table.js';
import { SIMULATION_LEGEND, simulatedAccountView } from './account-view.js';
import { RECOMMENDATION_LEGEND, simulationAnalysisText } from './analysis-text.js';
import { simulateInputsLine } from './inputs-text.js';
import type { SimulateEnd, SimulateReportInputs, SimulateReportWriter } from './simulate-document.js';
import { leftOutText } from '../left-out-accounts.js';
import { simulationVerdict } from '../../verdict/simulation-verdict.js';
import { verdictSentence, verdictTableView } from '../verdict/verdict-text.js';

/** Streams one block of text per account, a legend at the end. */
export function createTableSimulateWriter(options: WriterOptions): SimulateReportWriter {
  const colors = tablePalette(options.color);
  let accounts = 0;
  let recommended = false;
  return {
    begin(inputs: SimulateReportInputs): string {
      return `${colors.dim(withoutControlCharacters(simulateInputsLine(inputs)))}\n`;
    },
    account(simulation: SimulatedAccount): string {
      assertAllFinite(simulation.outcome.modes, `account ${JSON.stringify(simulation.account)}`);
      const view = simulatedAccountView(simulation);
      const analyses = simulationAnalysisText(simulation);
      accounts++;
      recommended ||= analyses.recommendation !== null;
      let text = `\n${colors.bold(withoutControlCharacters(view.headline))}\n`;
      for (const note of view.notes) text += `${colors.tones.warning(`! ${withoutControlCharacters(note)}`)}\n`;
      text += drawTableView(view.summary, colors);
      text += view.positions.rows.length === 0 ? 'No open positions.\n' : drawTableView(view.positions, colors);
      text += `Contagion:\n${view.contagion.map((line) => `  ${withoutControlCharacters(line)}`).join('\n')}\n`;
      if (analyses.boundary !== null) text += `${withoutControlCharacters(analyses.boundary)}\n`;
      const verdict = simulationVerdict(simulation.outcome);
      text += `${colors.bold('Verdict:')} ${withoutControlCharacters(verdictSentence(verdict))}\n${drawTableView(verdictTableView(verdict), colors)}`;
      if (analyses.recommendation !== null) {
        text += `${colors.bold(`${analyses.recommendation.heading}:`)}\n${analyses.recommendation.sentences.map((line) => `  ${withoutControlCharacters(line)}`).join('\n')}\n`;
      }
      return text;
    },
    end(summary?: SimulateEnd): string {
      const leftOut = summary === undefined || summary.leftOut.length === 0 ? '' : `${colors.tones.warning(`! ${withoutControlCharacters(leftOutText(summary.leftOut))}`)}\n`;
      if (accounts === 0) return leftOut === '' ? 'No accounts with positions in the input.\n' : `No account simulated.\n${leftOut}`;
      const legend = recommended ? [...SIMULATION_LEGEND, RECOMMENDATION_LEGEND] : SIMULATION_LEGEND;
      return `${leftOut === '' ? '' : `\n${leftOut}`}\n${legend.map(colors.dim).join('\n')}\n`;
    },
  };
}
