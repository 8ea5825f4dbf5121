// Progress on a terminal: a self-overwriting line, throttled, erased at the end.

import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { StreamCounts } from '../../src/cli/input-files.js';
import { terminalProgress } from '../../src/cli/progress.js';

describe('terminalProgress', () => {
  it('draws a bar with rows and accounts, at most every 100 ms, and erases itself', () => {
    const stream = new PassThrough();
    const written: string[] = [];
    stream.on('data', (chunk: Buffer) => written.push(chunk.toString('utf8')));
    const counts: StreamCounts = { bytes: 0, lines: 0 };
    let nowMs = 1000;
    const progress = terminalProgress(stream, 'book.csv', counts, { totalBytes: 1000, now: () => nowMs });

    counts.bytes = 500;
    counts.lines = 12345;
    progress.tick();
    progress.tick();
    nowMs += 150;
    progress.accountDone();
    progress.finish();

    const frames = written.join('').split('\r').filter((frame) => frame !== '');
    expect(frames).toEqual([
      '\u001b[Kbook.csv: [############............] 50% 12,345 rows read, 0 accounts evaluated',
      '\u001b[Kbook.csv: [############............] 50% 12,345 rows read, 1 account evaluated',
      '\u001b[K',
    ]);
  });
});
