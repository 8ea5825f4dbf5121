// `--format table` for evaluate: the terminal view. Per account a headline, the modes side by
// side, then the positions riskiest first; colour (ANSI) only when the caller says the output is
// a terminal. Drawn by box-table.ts rather than a table library: a large book draws millions of
// cells, and a general-purpose library re-measures every cell many times over. With extras, each
// account's extras (extras-text-blocks.ts) follow its tables as titled box tables and bullet
// sentences.

import type { AccountEvaluation } from '../../margin/evaluation.js';
import { withoutControlCharacters } from '../format/display-width.js';
import type { EvaluateEnd } from './evaluate-document.js';
import { leftOutText } from '../left-out-accounts.js';
import { assertAllFinite } from '../format/find-non-finite.js';
import { drawTableView, tablePalette, type TablePalette } from '../format/terminal-table.js';
import { VIEW_LEGEND, accountView } from './account-view.js';
import type { EvaluateExtrasWriter, EvaluateReportWriter, WriterOptions } from './evaluate-document.js';
import { extrasTextBlocks, type TextBlock } from './extras-text-blocks.js';
import type { AccountStress } from '../../contagion/stress-account.js';

/** Streams one block of text per account, a legend at the end. */
export function createTableEvaluateWriter(options: WriterOptions): EvaluateReportWriter {
  const colors = tablePalette(options.color);
  let accounts = 0;
  return {
    begin(): string {
      return '';
    },
    account(evaluation: AccountEvaluation, stress?: AccountStress): string {
      assertAllFinite(evaluation.modes, `account ${JSON.stringify(evaluation.account)}`);
      const view = accountView(evaluation, stress);
      let text = accounts === 0 ? '' : '\n';
      accounts++;
      text += `${colors.bold(withoutControlCharacters(view.headline))}\n`;
      for (const warning of view.warnings) text += `${colors.tones.warning(`! ${withoutControlCharacters(warning)}`)}\n`;
      text += drawTableView(view.summary, colors);
      text += view.positions.rows.length === 0 ? 'No open positions.\n' : drawTableView(view.positions, colors);
      text += `${colors.bold('Verdict:')} ${withoutControlCharacters(view.verdictSentence)}\n`;
      text += drawTableView(view.verdict, colors);
      if (view.tiers !== null) text += `${colors.dim(withoutControlCharacters(view.tiers))}\n`;
      return text;
    },
    end(summary?: EvaluateEnd): string {
      const leftOut = summary === undefined || summary.leftOut.length === 0 ? '' : `${colors.tones.warning(`! ${withoutControlCharacters(leftOutText(summary.leftOut))}`)}\n`;
      if (accounts === 0) return leftOut === '' ? 'No accounts with positions in the input.\n' : `No account evaluated.\n${leftOut}`;
      return `${leftOut === '' ? '' : `\n${leftOut}`}\n${VIEW_LEGEND.map(colors.dim).join('\n')}\n`;
    },
  };
}

/** Extras tables are drawn without colour, header included. */
const UNCOLORED = tablePalette(false);

function blockText(block: TextBlock, colors: TablePalette): string {
  switch (block.kind) {
    case 'title':
      return `\n${colors.bold(`${withoutControlCharacters(block.text)}:`)}\n`;
    case 'table':
      return drawTableView(block.view, UNCOLORED);
    case 'list':
      return block.items.map((item) => `- ${withoutControlCharacters(item)}\n`).join('');
    case 'note':
      return `${withoutControlCharacters(block.text)}\n`;
  }
}

/** The plain table writer, with each account's extras after its tables. */
export function createTableExtrasWriter(options: WriterOptions): EvaluateExtrasWriter {
  const plain = createTableEvaluateWriter(options);
  const colors = tablePalette(options.color);
  return {
    begin: (inputs) => plain.begin(inputs),
    account: (evaluation, extras) => plain.account(evaluation, extras.stress) + extrasTextBlocks(evaluation, extras).map((b) => blockText(b, colors)).join(''),
    end: (summary) => plain.end(summary),
  };
}
