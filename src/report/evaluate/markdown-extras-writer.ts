// `evaluate --format markdown` with extras: each account as the plain Markdown writer writes it,
// then its extras (extras-text-blocks.ts) as `###` sections with tables and bullet lists.

import type { EvaluateExtrasWriter } from './evaluate-extras.js';
import { extrasTextBlocks, type TextBlock } from './extras-text-blocks.js';
import { escapeMarkdown, markdownTable } from '../format/markdown-text.js';
import { createMarkdownEvaluateWriter } from './markdown-writer.js';

/** One block as Markdown (with the blank line that separates it from the next). */
export function markdownBlock(block: TextBlock): string {
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
    account: (evaluation, extras) => plain.account(evaluation) + extrasTextBlocks(evaluation, extras).map(markdownBlock).join(''),
    end: (summary) => plain.end(summary),
  };
}
