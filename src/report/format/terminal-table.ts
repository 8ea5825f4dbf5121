// Colour for the terminal outputs (`--format table`) and a TableView drawn as a box table with
// it: header in bold, each cell in its tone. ANSI codes only when the caller says stdout is a
// terminal; without colour every painter returns its text unchanged.

import { drawBoxTable, type BoxCell } from './box-table.js';
import type { TableView, Tone } from './table-view.js';

const ANSI = { bold: '\u001b[1m', red: '\u001b[31m', yellow: '\u001b[33m', dim: '\u001b[2m', reset: '\u001b[0m' } as const;

type Paint = (text: string) => string;

function painter(code: string, color: boolean): Paint {
  return color ? (text) => (text === '' ? text : `${code}${text}${ANSI.reset}`) : (text) => text;
}

/** The painters of one document. */
export interface TablePalette {
  readonly bold: Paint;
  readonly dim: Paint;
  readonly tones: Readonly<Record<Tone, Paint>>;
}

export function tablePalette(color: boolean): TablePalette {
  return {
    bold: painter(ANSI.bold, color),
    dim: painter(ANSI.dim, color),
    tones: { plain: (text) => text, warning: painter(ANSI.yellow, color), danger: painter(ANSI.red, color) },
  };
}

/** A view's table drawn with box characters, header in bold, cells in their tone. */
export function drawTableView(view: TableView, colors: TablePalette): string {
  const header: BoxCell[] = view.header.map((text) => ({ text, paint: colors.bold }));
  const rows = view.rows.map((row) => row.map((c): BoxCell => ({ text: c.text, paint: colors.tones[c.tone] })));
  return drawBoxTable({ header, align: view.align, rows });
}
