// `--format table` for replay: per event a title with its window and every proxy in plain words,
// then per account the modes side by side, the positions and the contagion of that path.

import type { WriterOptions } from '../evaluate/evaluate-document.js';
import { withoutControlCharacters } from '../format/display-width.js';
import { drawTableView, tablePalette } from '../format/terminal-table.js';
import { REPLAY_LEGEND, eventHeaderLines, replayAccountView } from './account-view.js';
import type { ReplayDocument } from './replay-document.js';

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
  if (parts.length === 0) return 'No events replayed.\n';
  return `${parts.join('')}\n${REPLAY_LEGEND.map(colors.dim).join('\n')}\n`;
}
