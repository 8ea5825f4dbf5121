// `--format markdown` for replay: a title with the inputs, a section per event (window, proxies),
// a subsection per account with the same tables and sentences as the terminal view, then the
// verdict per account over every event (which mode lost less).

import { markdownCellTable, markdownText } from '../format/markdown-text.js';
import { REPLAY_LEGEND, eventHeaderLines, replayAccountView } from './account-view.js';
import type { ReplayDocument } from './replay-document.js';
import { replayVerdicts } from './replay-verdicts.js';
import { verdictSentence, verdictTableView } from '../verdict/verdict-text.js';
import { leftOutText } from '../left-out-accounts.js';

export function replayMarkdown(document: ReplayDocument): string {
  const { inputs } = document;
  const parts = [
    `# Crash replays\n\nVenue \`${inputs.venue}\`, isolated-mode allocation \`${inputs.allocation}\`, ` +
      `${inputs.proxy === null ? 'no proxies' : `proxy \`${inputs.proxy}\` for symbols an event lacks`}` +
      `${inputs.slippageBps > 0 ? `, slippage ${inputs.slippageBps} bps` : ''}.\n`,
  ];
  for (const entry of document.events) {
    const header = eventHeaderLines(entry);
    parts.push(`\n## ${markdownText(header.title)}\n`);
    if (header.proxies.length > 0) parts.push(`${header.proxies.map((p) => `> **Proxy:** ${markdownText(p)}`).join('\n>\n')}\n`);
    if (entry.accounts.length === 0) parts.push('No accounts with positions in the input.\n');
    for (const account of entry.accounts) {
      const view = replayAccountView(account);
      parts.push(`\n### ${markdownText(view.headline)}\n`);
      if (view.notes.length > 0) parts.push(`${view.notes.map((n) => `> **Note:** ${markdownText(n)}`).join('\n>\n')}\n`);
      parts.push(`${markdownCellTable(view.summary)}\n`, `${markdownCellTable(view.positions)}\n`);
      parts.push(`**Contagion**\n\n${view.contagion.map((line) => `- ${markdownText(line)}`).join('\n')}\n`);
    }
  }
  const verdicts = replayVerdicts(document);
  if (verdicts.length > 0) parts.push('\n## Verdict: which mode lost less\n');
  for (const { account, verdict } of verdicts) {
    parts.push(`\n### ${markdownText(account)}\n`, `**Verdict:** ${markdownText(verdictSentence(verdict))}\n`, `${markdownCellTable(verdictTableView(verdict))}\n`);
  }
  if (document.leftOut !== undefined && document.leftOut.length > 0) parts.push(`\n> **Warning:** ${markdownText(leftOutText(document.leftOut))}\n`);
  parts.push(`\n${REPLAY_LEGEND.join(' ')}\n`);
  return parts.join('\n');
}
