// The entry point's lower bound on a positions file's positions (its size over the longest line
// it assumes), which decides whether a simulation starts its worker threads before reading it.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { positionsAtLeast } from '../../src/cli/positions-lower-bound.js';

const dir = mkdtempSync(join(tmpdir(), 'positions-bound-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('positionsAtLeast', () => {
  it('is the file size over 256 bytes a line, at least 1', () => {
    const line = 'desk,p1,BTCUSDT,long,0.618557,95091.996283,97000,cross,,20\n';
    const big = join(dir, 'big.csv');
    writeFileSync(big, line.repeat(100));
    expect(positionsAtLeast(big, false)).toBe(Math.floor((line.length * 100) / 256));
    const small = join(dir, 'small.csv');
    writeFileSync(small, line);
    expect(positionsAtLeast(small, false)).toBe(1);
  });

  it('is 1 for standard input, a missing file, or only some accounts', () => {
    const big = join(dir, 'some.csv');
    writeFileSync(big, 'x'.repeat(10_000));
    expect(positionsAtLeast('-', false)).toBe(1);
    expect(positionsAtLeast(join(dir, 'missing.csv'), false)).toBe(1);
    expect(positionsAtLeast(big, true)).toBe(1);
  });
});
