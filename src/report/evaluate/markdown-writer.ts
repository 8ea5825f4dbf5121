// `--format markdown` for evaluate: per account a heading, a modes summary table and a positions
// table (the same view as the terminal table), ready to paste into a ticket or a risk memo. With
// extras, each account's extras (extras-text-blocks.ts) follow its tables as `###` sections with
// tables and bullet lists.

import type { AccountEvaluation } from '../../margin/evaluation.js';
import type { EvaluateEnd } from './evaluate-document.js';
import { leftOutText } from '../left-out-accounts.js';
import { assertAllFinite } from '../format/find-non-finite.js';
import { escapeMarkdown, markdownCell, markdownCellTable, markdownTable } from '../format/markdown-text.js';
import { VIEW_LEGEND, accountView } from './account-view.js';
import type { EvaluateExtrasWriter, EvaluateReportInputs, EvaluateReportWriter } from './evaluate-document.js';
import { extrasTextBlocks, type TextBlock } from './extras-text-blocks.js';
import type { AccountStress } from '../../contagion/stress-account.js';

function codeSpan(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

/** Streams a title and the inputs, one section per account, the legend at the end. */
export function createMarkdownEvaluateWriter(): EvaluateReportWriter {
  let accounts = 0;
  return {
    begin(inputs: EvaluateReportInputs): string {
      const collateral =
        inputs.files.balances !== null
          ? `balances ${codeSpan(inputs.files.balances)}`
          : inputs.wallet !== null
            ? `\`--wallet ${inputs.wallet}\``
            : 'no collateral file';
      const tiers = inputs.files.tiers !== null ? `, tiers ${codeSpan(inputs.files.tiers)}` : '';
      return (
        `# Margin evaluation\n\n` +
        `Positions ${codeSpan(inputs.files.positions)}, ${collateral}${tiers}; ` +
        `default venue ${codeSpan(inputs.venue)}, isolated-mode allocation ${codeSpan(inputs.allocation)}.\n`
      );
    },
    account(evaluation: AccountEvaluation, stress?: AccountStress): string {
      assertAllFinite(evaluation.modes, `account ${JSON.stringify(evaluation.account)}`);
      const view = accountView(evaluation, stress);
      accounts++;
      const parts = [`\n## ${markdownCell(view.account)}\n`, `${markdownCell(view.headline)}.\n`];
      if (view.warnings.length > 0) parts.push(`${view.warnings.map((w) => `> **Warning:** ${markdownCell(w)}`).join('\n>\n')}\n`);
      parts.push(`${markdownCellTable(view.summary)}\n`);
      parts.push(view.positions.rows.length === 0 ? 'No open positions.\n' : `${markdownCellTable(view.positions)}\n`);
      parts.push(`**Verdict:** ${markdownCell(view.verdictSentence)}\n`, `${markdownCellTable(view.verdict)}\n`);
      if (view.tiers !== null) parts.push(`${markdownCell(view.tiers)}.\n`);
      return parts.join('\n');
    },
    end(summary?: EvaluateEnd): string {
      if (summary !== undefined && summary.leftOut.length > 0) {
        const note = `\n> **Warning:** ${markdownCell(leftOutText(summary.leftOut))}\n`;
        return accounts === 0 ? `\nNo account evaluated.\n${note}` : `${note}\n${VIEW_LEGEND.join(' ')}\n`;
      }
      if (accounts === 0) return '\nNo accounts with positions in the input.\n';
      return `\n${VIEW_LEGEND.join(' ')}\n`;
    },
  };
}

/** One block of extras as Markdown (with the blank line that separates it from the next). */
function markdownBlock(block: TextBlock): string {
  switch (block.kind) {
    case 'title':
      return `\n### ${escapeMarkdown(block.text)}\n`;
    case 'table':
      return `\n${markdownTable(block.view)}\n`;
    case 'list':
      return `\n${block.items.map((item) => `- ${escapeMarkdown(item)}`).join('\n')}\n`;
    case 'note':
      return `\n${escapeMarkdown(block.text)}\n`;
  }
}

/** The plain Markdown writer, with each account's extras after its tables. */
export function createMarkdownExtrasWriter(): EvaluateExtrasWriter {
  const plain = createMarkdownEvaluateWriter();
  return {
    begin: (inputs) => plain.begin(inputs),
    account: (evaluation, extras) => plain.account(evaluation, extras.stress) + extrasTextBlocks(evaluation, extras).map(markdownBlock).join(''),
    end: (summary) => plain.end(summary),
  };
}
