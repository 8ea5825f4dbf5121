// The verdict of one account as the report shows it, at the top of its detailed section: one
// sentence (which mode is safer, by which lenses, and why they disagree when they do) and one
// small table (each lens's figures side by side, Monte Carlo estimates with their standard
// errors), in the same words as evaluate, simulate and replay (src/report/verdict).

import type { AccountVerdict } from '../../verdict/account-verdict.js';
import { escapeHtml } from '../format/html-escape.js';
import { escapeMarkdown, markdownTable } from '../format/markdown-text.js';
import { verdictSentence, verdictTableView } from '../verdict/verdict-text.js';
import { htmlTable } from './html-table.js';

/** How to read the table, once under it. */
const VERDICT_NOTE =
  'Distance: the move of all marks together to the first liquidation (larger is safer). Stress: positions liquidated over the one-symbol stresses below. ' +
  'Monte Carlo figures ± one standard error; a difference within two standard errors is a tie. Replay: the loss over each replayed event (lower is safer).';

export function verdictSectionHtml(verdict: AccountVerdict): string {
  return (
    `<div class="verdict"><h3>Verdict</h3>\n<p class="verdict-sentence"><strong>${escapeHtml(verdictSentence(verdict))}</strong></p>\n` +
    `${htmlTable(verdictTableView(verdict), { rowHeaders: true, className: 'verdict-table' })}\n<p class="note">${escapeHtml(VERDICT_NOTE)}</p></div>`
  );
}

export function verdictSectionMarkdown(verdict: AccountVerdict): string[] {
  return ['### Verdict', `**${escapeMarkdown(verdictSentence(verdict))}**`, markdownTable(verdictTableView(verdict)), escapeMarkdown(VERDICT_NOTE)];
}
