// `evaluate --format table` with extras: each account as the plain terminal table draws it, then
// its extras (extras-text-blocks.ts) as titled box tables and bullet sentences.

import { drawBoxTable, type BoxCell } from '../format/box-table.js';
import { withoutControlCharacters } from '../format/display-width.js';
import type { EvaluateExtrasWriter } from './evaluate-extras.js';
import { extrasTextBlocks, type TextBlock } from './extras-text-blocks.js';
import { createTableEvaluateWriter, type TableWriterOptions } from './table-writer.js';
import type { TableView } from './account-view.js';

const BOLD = '\u001b[1m';
const RESET = '\u001b[0m';

function boxTable(view: TableView): string {
  const plain = (text: string): string => text;
  const cells = (row: readonly { text: string }[]): BoxCell[] => row.map((c) => ({ text: c.text, paint: plain }));
  return drawBoxTable({ header: cells(view.header.map((text) => ({ text }))), align: view.align, rows: view.rows.map(cells) });
}

function blockText(block: TextBlock, color: boolean): string {
  switch (block.kind) {
    case 'title': {
      const text = `${withoutControlCharacters(block.text)}:`;
      return `\n${color ? `${BOLD}${text}${RESET}` : text}\n`;
    }
    case 'table':
      return boxTable(block.view);
    case 'list':
      return block.items.map((item) => `- ${withoutControlCharacters(item)}\n`).join('');
    case 'note':
      return `${withoutControlCharacters(block.text)}\n`;
  }
}

/** The plain table writer, with each account's extras after its tables. */
export function createTableExtrasWriter(options: TableWriterOptions): EvaluateExtrasWriter {
  const plain = createTableEvaluateWriter(options);
  return {
    begin: (inputs) => plain.begin(inputs),
    account: (evaluation, extras) => plain.account(evaluation) + extrasTextBlocks(evaluation, extras).map((b) => blockText(b, options.color)).join(''),
    end: (summary) => plain.end(summary),
  };
}
