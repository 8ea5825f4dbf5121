// The stress of one account (`stressAccount`: each position's symbol moved alone to its isolated
// liquidation price, and what cross margin does there) as a section of the HTML and Markdown
// reports, in the same sentences as `evaluate --stress`. The account sections of render-html.ts
// and render-markdown-report.ts know nothing of it; it is placed inside an account's section
// by `withinAccountSection`.

import type { AccountStress } from '../../contagion/stress-account.js';
import type { AccountEvaluation } from '../../margin/evaluation.js';
import { STRESS_EXPLANATION, stressSentences } from '../evaluate/stress-sentences.js';
import { escapeHtml } from '../format/html-escape.js';
import { escapeMarkdown } from '../format/markdown-text.js';

const TITLE = 'Stress: one symbol at a time';

/** The stress as an HTML fragment (a heading, the explanation, one list item per position). */
export function stressSectionHtml(stress: AccountStress, evaluation: AccountEvaluation): string {
  const sentences = stressSentences(stress, evaluation);
  const body = sentences.length === 0 ? '<p class="note">No open positions to stress.</p>' : `<ul class="stress">\n${sentences.map((s) => `<li>${escapeHtml(s)}</li>`).join('\n')}\n</ul>`;
  return `<h3>${escapeHtml(TITLE)}</h3>\n<p class="note">${escapeHtml(`${STRESS_EXPLANATION}.`)}</p>\n${body}`;
}

/** The stress as Markdown blocks (a heading, the explanation, a bullet list). */
export function stressSectionMarkdown(stress: AccountStress, evaluation: AccountEvaluation): string {
  const sentences = stressSentences(stress, evaluation);
  const body = sentences.length === 0 ? 'No open positions to stress.' : sentences.map((s) => `- ${escapeMarkdown(s)}`).join('\n');
  return `\n### ${escapeMarkdown(TITLE)}\n\n${escapeMarkdown(`${STRESS_EXPLANATION}.`)}\n\n${body}\n`;
}

/** `sectionHtml` (one account's `<section>…</section>`) with `fragment` as its last part. */
export function withinAccountSection(sectionHtml: string, fragment: string): string {
  const end = sectionHtml.lastIndexOf('</section>');
  if (end === -1 || fragment === '') return sectionHtml;
  return `${sectionHtml.slice(0, end)}${fragment}\n${sectionHtml.slice(end)}`;
}
