// `--format markdown` for evaluate: per account a heading, a modes summary table and a positions
// table (the same view as the terminal table), ready to paste into a ticket or a risk memo.

import type { AccountEvaluation } from '../../margin/evaluation.js';
import { VIEW_LEGEND, accountView, type TableView } from './account-view.js';
import { leftOutText, type EvaluateEnd, type EvaluateReportInputs, type EvaluateReportWriter } from './evaluate-writer.js';
import { assertAllFinite } from '../format/find-non-finite.js';

/** Escape text for a Markdown table cell: pipes, backslashes, line breaks, inline code ticks. */
export function markdownCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/`/g, '\\`').replace(/\r?\n|\r/g, ' ');
}

function markdownTable(view: TableView): string {
  const header = `| ${view.header.map(markdownCell).join(' | ')} |`;
  const rule = `|${view.align.map((a) => (a === 'right' ? ' ---: ' : ' --- ')).join('|')}|`;
  const rows = view.rows.map((row) => `| ${row.map((c) => markdownCell(c.text)).join(' | ')} |`);
  return [header, rule, ...rows].join('\n');
}

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
    account(evaluation: AccountEvaluation): string {
      assertAllFinite(evaluation.modes, `account ${JSON.stringify(evaluation.account)}`);
      const view = accountView(evaluation);
      accounts++;
      const parts = [`\n## ${markdownCell(view.account)}\n`, `${markdownCell(view.headline)}.\n`];
      if (view.warnings.length > 0) parts.push(`${view.warnings.map((w) => `> **Warning:** ${markdownCell(w)}`).join('\n>\n')}\n`);
      parts.push(`${markdownTable(view.summary)}\n`);
      parts.push(view.positions.rows.length === 0 ? 'No open positions.\n' : `${markdownTable(view.positions)}\n`);
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
