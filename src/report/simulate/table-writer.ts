// `--format table` for simulate: the terminal view. A line with the inputs (seed included, so a
// run can be repeated), then per account a headline, the modes side by side, the positions, the
// contagion in plain words, the joint liquidation boundary in one line and, with --recommend, the
// recommendation; colour (ANSI) only when the caller says stdout is a terminal.

import type { TableView, Tone } from '../evaluate/account-view.js';
import { drawBoxTable, type BoxCell } from '../format/box-table.js';
import { withoutControlCharacters } from '../format/display-width.js';
import { assertAllFinite } from '../format/find-non-finite.js';
import { RECOMMENDATION_LEGEND, simulationAnalysisText } from './analysis-text.js';
import { SIMULATION_LEGEND, simulationView } from './simulate-tables.js';
import type { SimulatedAccount, SimulateReportInputs, SimulateReportWriter } from './simulate-writer.js';

const ANSI = { bold: '\u001b[1m', red: '\u001b[31m', yellow: '\u001b[33m', dim: '\u001b[2m', reset: '\u001b[0m' } as const;

type Paint = (text: string) => string;

function painter(code: string, color: boolean): Paint {
  return color ? (text) => (text === '' ? text : `${code}${text}${ANSI.reset}`) : (text) => text;
}

/** The painters of one document. */
export interface TablePalette {
  readonly bold: Paint;
  readonly dim: Paint;
  readonly tones: Readonly<Record<Tone, Paint>>;
}

export function tablePalette(color: boolean): TablePalette {
  return {
    bold: painter(ANSI.bold, color),
    dim: painter(ANSI.dim, color),
    tones: { plain: (text) => text, warning: painter(ANSI.yellow, color), danger: painter(ANSI.red, color) },
  };
}

/** A view's table drawn with box characters, header in bold, cells in their tone. */
export function drawTableView(view: TableView, colors: TablePalette): string {
  const header: BoxCell[] = view.header.map((text) => ({ text, paint: colors.bold }));
  const rows = view.rows.map((row) => row.map((c): BoxCell => ({ text: c.text, paint: colors.tones[c.tone] })));
  return drawBoxTable({ header, align: view.align, rows });
}

/** The inputs in one line: what was simulated and how to repeat it. */
export function simulateInputsLine(inputs: SimulateReportInputs): string {
  const vols = [...inputs.vols].map(([symbol, vol]) => `${symbol}=${vol}`).join(' ');
  const correlation =
    inputs.correlation.source === 'calibration' ? 'calibrated correlation' : inputs.correlation.source === 'constant' ? `correlation ${inputs.correlation.rho}` : `correlation from ${inputs.correlation.file}`;
  const history = inputs.calibration.kind === 'built-in' ? 'the built-in hourly returns' : inputs.calibration.files.join(', ');
  const calibration = inputs.calibration.kind === 'built-in' ? 'built-in calibration' : `calibrated on ${history}`;
  const parts = [
    `${inputs.paths.toLocaleString('en-US')} paths over ${inputs.horizon} in ${inputs.steps} step${inputs.steps === 1 ? '' : 's'}`,
    `model ${inputs.model}${inputs.df === null ? '' : ` (df ${inputs.df})`}`,
    `seed ${inputs.seed}`,
    ...(inputs.model === 'bootstrap' ? [`resampling ${history}`] : [calibration, correlation]),
    ...(vols === '' ? [] : [`--vol ${vols}`]),
    `venue ${inputs.venue}`,
    `allocation ${inputs.allocation}`,
    ...(inputs.slippageBps > 0 ? [`slippage ${inputs.slippageBps} bps`] : []),
  ];
  return `Monte Carlo: ${parts.join(', ')}`;
}

/** Streams one block of text per account, a legend at the end. */
export function createTableSimulateWriter(options: { readonly color: boolean }): SimulateReportWriter {
  const colors = tablePalette(options.color);
  let accounts = 0;
  let recommended = false;
  return {
    begin(inputs: SimulateReportInputs): string {
      return `${colors.dim(withoutControlCharacters(simulateInputsLine(inputs)))}\n`;
    },
    account(simulation: SimulatedAccount): string {
      assertAllFinite(simulation.outcome.modes, `account ${JSON.stringify(simulation.account)}`);
      const view = simulationView(simulation);
      const analyses = simulationAnalysisText(simulation);
      accounts++;
      recommended ||= analyses.recommendation !== null;
      let text = `\n${colors.bold(withoutControlCharacters(view.headline))}\n`;
      for (const note of view.notes) text += `${colors.tones.warning(`! ${withoutControlCharacters(note)}`)}\n`;
      text += drawTableView(view.summary, colors);
      text += view.positions.rows.length === 0 ? 'No open positions.\n' : drawTableView(view.positions, colors);
      text += `Contagion:\n${view.contagion.map((line) => `  ${withoutControlCharacters(line)}`).join('\n')}\n`;
      if (analyses.boundary !== null) text += `${withoutControlCharacters(analyses.boundary)}\n`;
      if (analyses.recommendation !== null) {
        text += `${colors.bold(`${analyses.recommendation.heading}:`)}\n${analyses.recommendation.sentences.map((line) => `  ${withoutControlCharacters(line)}`).join('\n')}\n`;
      }
      return text;
    },
    end(): string {
      if (accounts === 0) return 'No accounts with positions in the input.\n';
      const legend = recommended ? [...SIMULATION_LEGEND, RECOMMENDATION_LEGEND] : SIMULATION_LEGEND;
      return `\n${legend.map(colors.dim).join('\n')}\n`;
    },
  };
}
