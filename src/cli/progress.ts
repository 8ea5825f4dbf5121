// Progress on stderr while a book is read and evaluated: one self-overwriting line with a bar
// (when the input size is known), rows read and accounts evaluated. Shown only on a terminal and
// without --quiet; redrawn at most a few times a second so it never slows the run.

import type { StreamCounts } from './input-files.js';

/** Least time between two redraws. */
const REDRAW_INTERVAL_MS = 100;
const BAR_WIDTH_CHARS = 24;

export interface Progress {
  /** Call after each chunk of input; redraws when due. */
  tick(): void;
  /** Call after each account is evaluated. */
  accountDone(): void;
  /** Erase the progress line before anything else is printed on stderr. */
  finish(): void;
}

/** A Progress that shows nothing (not a terminal, or --quiet). */
export const SILENT_PROGRESS: Progress = { tick() {}, accountDone() {}, finish() {} };

function grouped(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Progress drawn on `stream` (a terminal). `counts` is updated by the input stream; `totalBytes`
 * is the input size when known (then a bar and a percentage are shown).
 */
export function terminalProgress(
  stream: NodeJS.WritableStream,
  label: string,
  counts: Readonly<StreamCounts>,
  totalBytes: number | null,
  now: () => number = Date.now,
): Progress {
  let accounts = 0;
  let lastDrawMs = -Infinity;
  let drawn = false;

  function draw(force: boolean): void {
    const t = now();
    if (!force && t - lastDrawMs < REDRAW_INTERVAL_MS) return;
    lastDrawMs = t;
    let bar = '';
    if (totalBytes !== null && totalBytes > 0) {
      const fraction = Math.min(1, counts.bytes / totalBytes);
      const filled = Math.round(fraction * BAR_WIDTH_CHARS);
      bar = `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH_CHARS - filled)}] ${Math.floor(fraction * 100)}% `;
    }
    const plural = accounts === 1 ? '' : 's';
    stream.write(`\r\u001b[K${label}: ${bar}${grouped(counts.lines)} rows read, ${grouped(accounts)} account${plural} evaluated`);
    drawn = true;
  }

  return {
    tick: () => draw(false),
    accountDone: () => {
      accounts++;
      draw(false);
    },
    finish: () => {
      if (drawn) stream.write('\r\u001b[K');
      drawn = false;
    },
  };
}
