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

  it('shows the oldest account still running when the accounts of a batch overlap', () => {
    const stream = new PassThrough();
    const written: string[] = [];
    stream.on('data', (chunk: Buffer) => written.push(chunk.toString('utf8')));
    let nowMs = 1000;
    const progress = terminalProgress(stream, 'book.csv', { bytes: 0, lines: 10 }, { verb: 'simulated', now: () => nowMs });
    const step = (account: string, done: number): void => {
      nowMs += 150;
      progress.paths(account, done, 4096);
    };
    step('alice', 1024);
    step('bob', 1024);
    step('alice', 2048);
    step('bob', 2048);
    step('alice', 4096);
    step('bob', 3072);
    nowMs += 150;
    progress.accountDone();
    progress.finish();
    const frames = written.join('').split('\r').filter((frame) => frame !== '');
    const shown = frames.map((frame) => /: (\w+) \[/.exec(frame)?.[1] ?? null);
    // alice until her paths are done, then bob: never alice, bob, alice.
    expect(shown).toEqual(['alice', 'alice', 'alice', 'alice', 'bob', 'bob', 'bob', null]);
    expect(frames[5]).toContain('bob [##################......] 3,072/4,096 paths; 10 rows read, 0 accounts simulated');
    expect(frames[6]).toContain('1 account simulated');
  });
});
