// A terminal table drawn with box characters: a header, a rule, then one line per row. Widths
// are measured in terminal columns; colour codes are added after measuring, so they never
// shift the columns. Written for speed (a few string operations per cell), because a large book
// draws millions of cells.

import { displayWidth, withoutControlCharacters } from './display-width.js';

type ColumnAlignment = 'left' | 'right';

/** A cell's text and how to colour it once padded (identity when colour is off). */
export interface BoxCell {
  readonly text: string;
  readonly paint: (padded: string) => string;
}

interface BoxTable {
  readonly header: readonly BoxCell[];
  readonly align: readonly ColumnAlignment[];
  readonly rows: readonly (readonly BoxCell[])[];
}

function pad(text: string, width: number, align: ColumnAlignment): string {
  const gap = width - displayWidth(text);
  if (gap <= 0) return text;
  return align === 'right' ? ' '.repeat(gap) + text : text + ' '.repeat(gap);
}

function rule(widths: readonly number[], left: string, middle: string, right: string): string {
  return `${left}${widths.map((w) => '─'.repeat(w + 2)).join(middle)}${right}`;
}

function line(cells: readonly BoxCell[], widths: readonly number[], align: readonly ColumnAlignment[]): string {
  let text = '│';
  for (let k = 0; k < widths.length; k++) {
    const cell = cells[k];
    const content = cell === undefined ? '' : withoutControlCharacters(cell.text);
    const padded = pad(content, widths[k]!, align[k] ?? 'left');
    text += ` ${cell === undefined ? padded : cell.paint(padded)} │`;
  }
  return text;
}

/** Draws the table; every line ends with a newline. */
export function drawBoxTable(table: BoxTable): string {
  const widths = table.header.map((h) => displayWidth(withoutControlCharacters(h.text)));
  for (const row of table.rows) {
    for (let k = 0; k < widths.length; k++) {
      const cell = row[k];
      if (cell !== undefined) widths[k] = Math.max(widths[k]!, displayWidth(withoutControlCharacters(cell.text)));
    }
  }
  const lines = [rule(widths, '┌', '┬', '┐'), line(table.header, widths, table.align), rule(widths, '├', '┼', '┤')];
  for (const row of table.rows) lines.push(line(row, widths, table.align));
  lines.push(rule(widths, '└', '┴', '┘'));
  return `${lines.join('\n')}\n`;
}
