// Progress on stderr while a command works through a book: one self-overwriting line with a bar
// over the input's bytes (when its size is known) or over an account's paths (fed by the kernel's
// onProgress: of the oldest account still running, when the accounts of a batch overlap), the
// rows read and the accounts done. Shown only on a terminal and
// without --quiet; redrawn at most ten times a second, so it never slows the run. The one
// progress line of every command.

import type { StreamCounts } from './input-files.js';

/** Least time between two redraws. */
const REDRAW_INTERVAL_MS = 100;
const BAR_WIDTH_CHARS = 24;

export interface Progress {
  /** Call after each chunk of input; redraws when due. */
  tick(): void;
  /** The kernel's onProgress: `pathsDone` of `pathsTotal` paths of `account` merged. */
  paths(account: string, pathsDone: number, pathsTotal: number): void;
  /** Call after each account is done. */
  accountDone(): void;
  /** Erase the progress line before anything else is printed on stderr. */
  finish(): void;
}

/** A Progress that shows nothing (not a terminal, or --quiet). */
export const SILENT_PROGRESS: Progress = { tick() {}, paths() {}, accountDone() {}, finish() {} };

interface ProgressOptions {
  /** The input's size when known: a bar and a percentage of the bytes read are shown. */
  readonly totalBytes?: number | null;
  /** What is done to accounts, for the count (default `evaluated`). */
  readonly verb?: string;
  /** The clock (tests pass their own). */
  readonly now?: () => number;
}

function grouped(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function bar(fraction: number): string {
  const filled = Math.round(Math.min(1, fraction) * BAR_WIDTH_CHARS);
  return `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH_CHARS - filled)}]`;
}

/** Progress drawn on `stream` (a terminal); `counts` is updated by the input stream. */
export function terminalProgress(stream: NodeJS.WritableStream, label: string, counts: Readonly<StreamCounts>, options: ProgressOptions = {}): Progress {
  const totalBytes = options.totalBytes ?? null;
  const verb = options.verb ?? 'evaluated';
  const now = options.now ?? Date.now;
  let accounts = 0;
  /** Paths merged per account still running, in the order the accounts started. */
  const running = new Map<string, { done: number; total: number }>();
  let lastDrawMs = -Infinity;
  let drawn = false;

  function draw(): void {
    const t = now();
    if (t - lastDrawMs < REDRAW_INTERVAL_MS) return;
    lastDrawMs = t;
    let parts = '';
    if (totalBytes !== null && totalBytes > 0) {
      const fraction = Math.min(1, counts.bytes / totalBytes);
      parts += ` ${bar(fraction)} ${Math.floor(fraction * 100)}%`;
    }
    // The oldest account with paths to go (overlapping accounts do not take turns on the line).
    for (const [account, { done, total }] of running) {
      if (total <= 0 || done >= total) continue;
      parts += ` ${account} ${bar(done / total)} ${grouped(done)}/${grouped(total)} paths;`;
      break;
    }
    const plural = accounts === 1 ? '' : 's';
    stream.write(`\r\u001b[K${label}:${parts} ${grouped(counts.lines)} rows read, ${grouped(accounts)} account${plural} ${verb}`);
    drawn = true;
  }

  return {
    tick: draw,
    paths: (account, done, total) => {
      const entry = running.get(account);
      if (entry === undefined) running.set(account, { done, total });
      else {
        entry.done = done;
        entry.total = total;
      }
      draw();
    },
    accountDone: () => {
      accounts++;
      for (const [account, { done, total }] of running) if (done >= total) running.delete(account);
      draw();
    },
    finish: () => {
      if (drawn) stream.write('\r\u001b[K');
      drawn = false;
    },
  };
}
