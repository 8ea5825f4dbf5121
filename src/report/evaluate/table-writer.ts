// `--format table` for evaluate: the terminal view. Per account a headline, the modes side by
// side, then the positions riskiest first; colour (ANSI) only when the caller says the output is
// a terminal. Drawn by box-table.ts rather than a table library: a large book draws millions of
// cells, and a general-purpose library re-measures every cell many times over.

import type { AccountEvaluation } from '../../margin/evaluation.js';
import { VIEW_LEGEND, accountView, type TableView, type Tone, type ViewCell } from './account-view.js';
import { drawBoxTable, type BoxCell } from '../format/box-table.js';
import { withoutControlCharacters } from '../format/display-width.js';
import { leftOutText, type EvaluateEnd, type EvaluateReportWriter } from './evaluate-writer.js';
import { assertAllFinite } from '../format/find-non-finite.js';

export interface TableWriterOptions {
  /** Emit ANSI colour and bold (only when stdout is a terminal). */
  readonly color: boolean;
}

const ANSI = {
  bold: '\u001b[1m',
  red: '\u001b[31m',
  yellow: '\u001b[33m',
  dim: '\u001b[2m',
  reset: '\u001b[0m',
} as const;

type Paint = (text: string) => string;

const UNPAINTED: Paint = (text) => text;

function painter(codes: string, color: boolean): Paint {
  return color ? (text) => (text === '' ? text : `${codes}${text}${ANSI.reset}`) : UNPAINTED;
}

interface Palette {
  readonly header: Paint;
  readonly tones: Readonly<Record<Tone, Paint>>;
  readonly headline: Paint;
  readonly warning: Paint;
  readonly legend: Paint;
}

function palette(color: boolean): Palette {
  return {
    header: painter(ANSI.bold, color),
    tones: { plain: UNPAINTED, warning: painter(ANSI.yellow, color), danger: painter(ANSI.red, color) },
    headline: painter(ANSI.bold, color),
    warning: painter(ANSI.yellow, color),
    legend: painter(ANSI.dim, color),
  };
}

function drawView(view: TableView, colors: Palette): string {
  const header: BoxCell[] = view.header.map((text) => ({ text, paint: colors.header }));
  const rows = view.rows.map((row) => row.map((c: ViewCell): BoxCell => ({ text: c.text, paint: colors.tones[c.tone] })));
  return drawBoxTable({ header, align: view.align, rows });
}

/** Streams one block of text per account, a legend at the end. */
export function createTableEvaluateWriter(options: TableWriterOptions): EvaluateReportWriter {
  const colors = palette(options.color);
  let accounts = 0;
  return {
    begin(): string {
      return '';
    },
    account(evaluation: AccountEvaluation): string {
      assertAllFinite(evaluation.modes, `account ${JSON.stringify(evaluation.account)}`);
      const view = accountView(evaluation);
      let text = accounts === 0 ? '' : '\n';
      accounts++;
      text += `${colors.headline(withoutControlCharacters(view.headline))}\n`;
      for (const warning of view.warnings) text += `${colors.warning(`! ${withoutControlCharacters(warning)}`)}\n`;
      text += drawView(view.summary, colors);
      text += view.positions.rows.length === 0 ? 'No open positions.\n' : drawView(view.positions, colors);
      if (view.tiers !== null) text += `${colors.legend(withoutControlCharacters(view.tiers))}\n`;
      return text;
    },
    end(summary?: EvaluateEnd): string {
      const leftOut = summary === undefined || summary.leftOut.length === 0 ? '' : `${colors.warning(`! ${withoutControlCharacters(leftOutText(summary.leftOut))}`)}\n`;
      if (accounts === 0) return leftOut === '' ? 'No accounts with positions in the input.\n' : `No account evaluated.\n${leftOut}`;
      return `${leftOut === '' ? '' : `\n${leftOut}`}\n${VIEW_LEGEND.map(colors.legend).join('\n')}\n`;
    },
  };
}
