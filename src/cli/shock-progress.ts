// Progress on stderr while accounts are simulated or replayed: one self-overwriting line with a
// bar over the current account's paths (fed by the kernel's onProgress), the rows read and the
// accounts done. Shown only on a terminal and without --quiet; redrawn at most ten times a
// second, so it never slows the run.

import type { StreamCounts } from './input-files.js';

const REDRAW_INTERVAL_MS = 100;
const BAR_WIDTH_CHARS = 24;

export interface ShockProgress {
  /** Call after each chunk of the positions file. */
  tick(): void;
  /** The kernel's onProgress: `pathsDone` of `pathsTotal` paths of `account` merged. */
  paths(account: string, pathsDone: number, pathsTotal: number): void;
  /** Call after each account is done. */
  accountDone(): void;
  /** Erase the line before anything else is printed on stderr. */
  finish(): void;
}

/** A ShockProgress that shows nothing (not a terminal, or --quiet). */
export const SILENT_SHOCK_PROGRESS: ShockProgress = { tick() {}, paths() {}, accountDone() {}, finish() {} };

function grouped(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Progress drawn on `stream` (a terminal); `verb` says what is done to accounts (`simulated`). */
export function terminalShockProgress(
  stream: NodeJS.WritableStream,
  label: string,
  counts: Readonly<StreamCounts>,
  verb: string,
  now: () => number = Date.now,
): ShockProgress {
  let accounts = 0;
  let current: { account: string; done: number; total: number } | null = null;
  let lastDrawMs = -Infinity;
  let drawn = false;

  function draw(force: boolean): void {
    const t = now();
    if (!force && t - lastDrawMs < REDRAW_INTERVAL_MS) return;
    lastDrawMs = t;
    let bar = '';
    if (current !== null && current.total > 0) {
      const fraction = Math.min(1, current.done / current.total);
      const filled = Math.round(fraction * BAR_WIDTH_CHARS);
      bar = ` ${current.account} [${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH_CHARS - filled)}] ${grouped(current.done)}/${grouped(current.total)} paths;`;
    }
    const plural = accounts === 1 ? '' : 's';
    stream.write(`\r\u001b[K${label}:${bar} ${grouped(counts.lines)} rows read, ${grouped(accounts)} account${plural} ${verb}`);
    drawn = true;
  }

  return {
    tick: () => draw(false),
    paths: (account, done, total) => {
      current = { account, done, total };
      draw(false);
    },
    accountDone: () => {
      accounts++;
      current = null;
      draw(false);
    },
    finish: () => {
      if (drawn) stream.write('\r\u001b[K');
      drawn = false;
    },
  };
}
