// A notebook's outputs, recorded without a Jupyter frontend: the code cells run as one Deno module
// (see notebook-runner.ts) whose `Deno.jupyter` stand-in writes every display as one marked line,
// and a marked line opens each cell; the printed lines and displays are then split back per cell
// into nbformat outputs (`stream` and `display_data`, as the Deno kernel sends them). The same
// inputs give the same bytes: no timings, no kernel metadata, execution counts 1, 2, … in order.

import { cellText, jupyterShim, machinePathsIn, notebookModule, type Notebook, type NotebookCell } from './notebook-runner.js';

/** Starts each line the recording module writes for itself (never in a notebook's own output). */
export const RECORD_MARK = '\u001emarginscope-notebook';

/** The stand-in that records each display as `MARK display {bundle as JSON}` on its own line. */
export const RECORDING_SHIM = jupyterShim(`console.log(${JSON.stringify(RECORD_MARK)} + " display " + JSON.stringify(bundle));`);

/** The notebook's code cells as one module that marks where each cell starts and records displays. */
export function recordingModule(notebook: Notebook): string {
  return notebookModule(notebook, RECORDING_SHIM, (index) => `console.log(${JSON.stringify(`${RECORD_MARK} cell ${index}`)});\n`);
}

export type StreamOutput = { readonly output_type: 'stream'; readonly name: 'stdout'; readonly text: readonly string[] };
export type DisplayOutput = {
  readonly output_type: 'display_data';
  readonly data: Readonly<Record<string, unknown>>;
  readonly metadata: Readonly<Record<string, unknown>>;
};
export type CellOutput = StreamOutput | DisplayOutput | { readonly output_type: string; readonly [key: string]: unknown };

/** Text split into lines that keep their `\n`, as nbformat stores multi-line strings. */
export function textLines(text: string): string[] {
  return text.split(/(?<=\n)/).filter((line) => line !== '');
}

/** Media stored as lines (text and SVG); anything else (JSON) is kept as it is. */
function storedValue(mime: string, value: unknown): unknown {
  return typeof value === 'string' && (mime.startsWith('text/') || mime === 'image/svg+xml') ? textLines(value) : value;
}

/**
 * The outputs of each code cell (by its index among all cells) from what a recording module
 * printed. Throws when the module stopped before a cell (it failed there).
 */
export function outputsFromRecording(notebook: Notebook, stdout: string): Map<number, CellOutput[]> {
  const outputs = new Map<number, CellOutput[]>();
  let current: CellOutput[] | null = null;
  let pending: string[] = [];
  const flush = (): void => {
    if (pending.length > 0 && current !== null) current.push({ output_type: 'stream', name: 'stdout', text: textLines(pending.join('')) });
    pending = [];
  };
  for (const line of textLines(stdout)) {
    if (!line.startsWith(RECORD_MARK)) {
      pending.push(line);
      continue;
    }
    flush();
    const [, kind, rest] = /^\S+ (cell|display) (.*)\n?$/s.exec(line) ?? [];
    if (kind === 'cell') outputs.set(Number(rest), (current = []));
    else if (kind === 'display' && current !== null && rest !== undefined) {
      const bundle = JSON.parse(rest) as Record<string, unknown>;
      const data = Object.fromEntries(Object.entries(bundle).map(([mime, value]) => [mime, storedValue(mime, value)]));
      current.push({ output_type: 'display_data', data, metadata: {} });
    }
  }
  flush();
  notebook.cells.forEach((cell, index) => {
    if (cell.cell_type === 'code' && !outputs.has(index)) throw new Error(`the notebook stopped before cell ${index + 1}`);
  });
  return outputs;
}

type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Keys sorted at every level, as Jupyter writes a notebook. */
function sortedKeys(value: unknown): JsonValue {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]));
  }
  return value as JsonValue;
}

/**
 * The notebook with these outputs stored, code cells numbered 1, 2, … in order, and every cell's
 * metadata emptied of what a run leaves (`execution` timings, `collapsed`, `scrolled`), as the
 * file's text: Jupyter's layout (one-space indent, sorted keys, final newline).
 */
export function notebookWithOutputs(notebook: Notebook, outputs: ReadonlyMap<number, readonly CellOutput[]>): string {
  let count = 0;
  const cells = notebook.cells.map((cell, index): NotebookCell & Record<string, unknown> => {
    const metadata = { ...((cell as { metadata?: Record<string, unknown> }).metadata ?? {}) };
    for (const key of ['execution', 'collapsed', 'scrolled', 'ExecuteTime']) delete metadata[key];
    if (cell.cell_type !== 'code') return { ...cell, metadata };
    return { ...cell, metadata, source: textLines(cellText(cell)), execution_count: ++count, outputs: outputs.get(index) ?? [] };
  });
  return `${JSON.stringify(sortedKeys({ ...notebook, cells }), null, 1)}\n`;
}

/**
 * What the outputs show as plain lines, the way the printing stand-in prints them: stream text as
 * it is; per display, `[MIME: N chars]` for each medium other than text, then its text.
 */
export function printedText(outputs: readonly CellOutput[]): string {
  const join = (value: unknown): string => (Array.isArray(value) ? value.join('') : typeof value === 'string' ? value : JSON.stringify(value));
  return outputs
    .map((output) => {
      if (output.output_type === 'stream') return join((output as StreamOutput).text);
      if (output.output_type !== 'display_data') return `[${output.output_type}]\n`;
      const data = (output as DisplayOutput).data;
      const lines = Object.entries(data)
        .filter(([mime]) => mime !== 'text/plain' && mime !== 'text/markdown')
        .map(([mime, value]) => `[${mime}: ${join(value).length} chars]\n`);
      const text = data['text/plain'] ?? data['text/markdown'];
      return lines.join('') + (text === undefined ? '' : `${join(text)}\n`);
    })
    .join('');
}

/** The outputs a notebook file stores, per code cell index. */
export function storedOutputs(notebook: Notebook): Map<number, readonly CellOutput[]> {
  const outputs = new Map<number, readonly CellOutput[]>();
  notebook.cells.forEach((cell, index) => {
    if (cell.cell_type === 'code') outputs.set(index, (cell.outputs ?? []) as readonly CellOutput[]);
  });
  return outputs;
}

/** Paths of the machine in a saved notebook's text (it must carry none). */
export const machinePaths = machinePathsIn;
