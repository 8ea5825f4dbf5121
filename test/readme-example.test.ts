// The README's library example is runnable: extracted from the README and run with node from the
// repository root (the package imports itself by name through its `exports`), on the built dist.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

describe('README library example', () => {
  it('runs and prints every sample account', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const match = /## Library[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme);
    expect(match).not.toBeNull();
    // The example is plain JavaScript in a ts block; it must stay so to be runnable as is.
    const dir = mkdtempSync(join(ROOT, '.readme-example-'));
    try {
      const file = join(dir, 'example.mjs');
      writeFileSync(file, match![1]!);
      const out = execFileSync(process.execPath, [file], { cwd: ROOT, encoding: 'utf8' });
      for (const account of ['hedged-desk', 'degen-50x', 'miner-hedge', 'mixed']) expect(out).toMatch(new RegExp(`^${account} `, 'm'));
      expect(out).toMatch(/BTCUSDT long \d/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
