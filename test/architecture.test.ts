// The layering rule as a test: imports flow one way
//   domain ← venues ← import, margin, scenarios ← kernel ← contagion, cascade, book-changes
//     ← boundary, recommendation ← results ← report, io ← flows ← library entry ← cli
// and only the CLI and io touch the filesystem; only the CLI the console.

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

/** Rank of each layer: a file may import its own layer or a lower rank, never a higher one. */
const RANK: Readonly<Record<string, number>> = {
  domain: 0,
  venues: 1,
  import: 2,
  margin: 2,
  scenarios: 2,
  kernel: 3,
  contagion: 4,
  cascade: 4,
  'book-changes': 4,
  boundary: 5,
  recommendation: 5,
  results: 6,
  report: 7,
  io: 7,
  flows: 8,
  library: 9, // src/index.ts, the library's public surface
  cli: 10,
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

function layerOf(path: string): string {
  const parts = relative(SRC, path).split(sep);
  return parts.length === 1 ? 'library' : parts[0]!;
}

const files = sourceFiles(SRC).map((path) => ({ path, layer: layerOf(path), text: readFileSync(path, 'utf8') }));

describe('architecture', () => {
  it('knows every layer', () => {
    for (const f of files) expect(RANK[f.layer], relative(SRC, f.path)).toBeTypeOf('number');
  });

  it('imports flow one way', () => {
    const violations: string[] = [];
    let checked = 0;
    for (const f of files) {
      for (const match of f.text.matchAll(/from '(\.[^']+)'/g)) {
        checked++;
        const target = join(f.path, '..', match[1]!);
        const layer = layerOf(target);
        if (layer !== f.layer && RANK[layer]! >= RANK[f.layer]!) violations.push(`${relative(SRC, f.path)} imports ${relative(SRC, target)}`);
      }
    }
    expect(violations).toEqual([]);
    expect(checked).toBeGreaterThan(200);
  });

  it('only the CLI and io touch the filesystem, and only the CLI the console', () => {
    const fsUsers = files.filter((f) => /from 'node:fs(\/promises)?'/.test(f.text)).map((f) => f.layer);
    expect([...new Set(fsUsers)].filter((l) => l !== 'cli' && l !== 'io')).toEqual([]);
    const consoleUsers = files.filter((f) => /\bconsole\.(log|error|warn|info)\(/.test(f.text)).map((f) => relative(SRC, f.path));
    expect(consoleUsers).toEqual([]);
    const yargsUsers = files.filter((f) => /from 'yargs'/.test(f.text)).map((f) => f.layer);
    expect([...new Set(yargsUsers)].filter((l) => l !== 'cli')).toEqual([]);
  });

  it('library code never uses Math.random', () => {
    expect(files.filter((f) => /Math\.random\(/.test(f.text)).map((f) => relative(SRC, f.path))).toEqual([]);
  });
});
