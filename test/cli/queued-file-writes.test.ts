// Writes the caller does not wait for: the file gets every byte in the order queued, whatever
// order the writes finish in and however short each write call falls; a failed write or flush
// is thrown to the caller and nothing after it is written.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QueuedFileWrites } from '../../src/cli/queued-file-writes.js';

/** A deterministic stream of pseudo-random integers in [0, n). */
function randomInts(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % n;
  };
}

/** `count` parts of random lengths (some empty) and random bytes. */
function randomParts(next: (n: number) => number, count: number): Uint8Array[] {
  return Array.from({ length: count }, () => Uint8Array.from({ length: next(3000) }, () => next(256)));
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

/**
 * A file handle in memory whose writev writes at most `maxPerCall` bytes a call, finishing after
 * a random number of turns of the event loop (so calls finish out of order); `failAt` makes the call starting at that offset fail.
 */
function memoryHandle(options: { maxPerCall: number; seed: number; failAt?: number; failSync?: boolean }) {
  const next = randomInts(options.seed);
  const file = new Uint8Array(1 << 20);
  let length = 0;
  let syncs = 0;
  const handle = {
    async writev(buffers: Uint8Array[], position: number): Promise<{ bytesWritten: number; buffers: Uint8Array[] }> {
      for (let turns = next(4); turns > 0; turns--) await new Promise((resolve) => setImmediate(resolve));
      if (position === options.failAt) throw new Error(`disk full at ${position}`);
      let written = 0;
      for (const buffer of buffers) {
        const take = Math.min(buffer.length, options.maxPerCall - written);
        file.set(buffer.subarray(0, take), position + written);
        written += take;
        if (take < buffer.length) break;
      }
      length = Math.max(length, position + written);
      return { bytesWritten: written, buffers };
    },
    async datasync(): Promise<void> {
      syncs++;
      if (options.failSync === true) throw new Error('flush failed');
    },
  };
  return { handle: handle as unknown as FileHandle, bytes: () => file.subarray(0, length), syncs: () => syncs };
}

describe('QueuedFileWrites', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'marginscope-queued-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes a real file in the order queued, with small bounds that make the caller wait', async () => {
    const next = randomInts(7);
    const path = join(dir, 'out.bin');
    const handle = await open(path, 'wx');
    const writes = new QueuedFileWrites(handle, 5_000, 100_000);
    const all: Uint8Array[] = [];
    for (let k = 0; k < 100; k++) {
      const parts = randomParts(next, 1 + next(4));
      all.push(...parts);
      await writes.write(parts);
    }
    await writes.finish();
    await handle.close();
    expect(new Uint8Array(readFileSync(path))).toEqual(concat(all));
  });

  it('completes short writes and keeps the order when writes finish out of order', async () => {
    for (const seed of [1, 2, 3]) {
      const next = randomInts(seed);
      const memory = memoryHandle({ maxPerCall: 1 + next(500), seed });
      const writes = new QueuedFileWrites(memory.handle, 4_000, 10_000);
      const all: Uint8Array[] = [];
      // Each write's `written` runs once its bytes are in the file (and so they may be reused).
      let writtenBytes = 0;
      for (let k = 0; k < 60; k++) {
        const parts = randomParts(next, 1 + next(5));
        all.push(...parts);
        const end = concat(all).length;
        await writes.write(parts, () => {
          expect(memory.bytes().length).toBeGreaterThanOrEqual(end);
          writtenBytes += parts.reduce((n, part) => n + part.length, 0);
        });
      }
      await writes.finish();
      expect(memory.bytes()).toEqual(concat(all));
      expect(writtenBytes).toBe(concat(all).length);
      expect(memory.syncs()).toBeGreaterThan(0);
    }
  });

  it('throws a failed write to the caller and writes nothing queued after it', async () => {
    const memory = memoryHandle({ maxPerCall: 1 << 20, seed: 5, failAt: 300 });
    const writes = new QueuedFileWrites(memory.handle, 1_000_000, 1 << 30);
    await writes.write([new Uint8Array(300).fill(1)]);
    await writes.write([new Uint8Array(100).fill(2)]);
    await expect(writes.finish()).rejects.toThrow('disk full at 300');
    await expect(writes.write([new Uint8Array(10).fill(3)])).rejects.toThrow('disk full at 300');
    expect(memory.bytes()).toEqual(new Uint8Array(300).fill(1));
  });

  it('throws a failed background flush at the end', async () => {
    const memory = memoryHandle({ maxPerCall: 1 << 20, seed: 9, failSync: true });
    const writes = new QueuedFileWrites(memory.handle, 100, 100);
    const run = async () => {
      await writes.write([new Uint8Array(150).fill(4)]);
      await writes.write([new Uint8Array(150).fill(5)]);
      await writes.finish();
    };
    await expect(run()).rejects.toThrow('flush failed');
    await writes.settle();
  });
});
