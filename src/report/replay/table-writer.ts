// `--format table` for replay: per event a title with its window and every proxy in plain words,
// then per account the modes side by side, the positions and the contagion of that path; at the
// end the verdict per account over every event (which mode lost less).

import type { WriterOptions } from '../evaluate/evaluate-document.js';
import { withoutControlCharacters } from '../format/display-width.js';
import { drawTableView, tablePalette } from '../format/terminal-table.js';
import { REPLAY_LEGEND, eventHeaderLines, replayAccountView } from './account-view.js';
import type { ReplayDocument } from './replay-document.js';
import { leftOutText } from '../left-out-accounts.js';
import { replayVerdicts } from './replay-verdicts.js';
import { verdictSentence, verdictTableView } from '../verdict/verdict-text.js';

export function replayTable(document: ReplayDocument, options: WriterOptions): string {
  const colors = tablePalette(options.color);
  const clean = withoutControlCharacters;
  const parts: string[] = [];
  for (const entry of document.events) {
    const header = eventHeaderLines(entry);
    let text = `${parts.length === 0 ? '' : '\n'}${colors.bold(clean(header.title))}\n`;
    for (const line of header.proxies) text += `${colors.tones.warning(`! ${clean(line)}`)}\n`;
    if (entry.accounts.length === 0) text += 'No accounts with positions in the input.\n';
    for (const account of entry.accounts) {
      const view = replayAccountView(account);
      text += `\n${colors.bold(clean(view.headline))}\n`;
      for (const note of view.notes) text += `${colors.tones.warning(`! ${clean(note)}`)}\n`;
      text += drawTableView(view.summary, colors);
      text += drawTableView(view.positions, colors);
      text += `Contagion:\n${view.contagion.map((line) => `  ${clean(line)}`).join('\n')}\n`;
    }
    parts.push(text);
  }
  const leftOut = document.leftOut === undefined || document.leftOut.length === 0 ? '' : `${colors.tones.warning(`! ${clean(leftOutText(document.leftOut))}`)}\n`;
  if (parts.length === 0) return `No events replayed.\n${leftOut}`;
  const verdicts = replayVerdicts(document);
  if (verdicts.length > 0) {
    let text = `\n${colors.bold('Verdict: which mode lost less')}\n`;
    for (const { account, verdict } of verdicts) {
      text += `\n${colors.bold(clean(`Account ${account}:`))} ${clean(verdictSentence(verdict))}\n${drawTableView(verdictTableView(verdict), colors)}`;
    }
    parts.push(text);
  }
  return `${parts.join('')}${leftOut === '' ? '' : `\n${leftOut}`}\n${REPLAY_LEGEND.map(colors.dim).join('\n')}\n`;
}
