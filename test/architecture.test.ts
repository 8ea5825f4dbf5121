// The layering rule as a test: imports flow one way
//   domain ← venues, csv ← import, margin, scenarios ← kernel ← contagion, cascade, book-changes
//     ← boundary, recommendation ← verdict ← results ← report, io ← flows ← library entry ← cli
// and only the CLI and io touch the filesystem; only the CLI the console. No import cycles, and
// no source file over 400 lines.

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

/** Rank of each layer: a file may import its own layer or a lower rank, never a higher one. */
const RANK: Readonly<Record<string, number>> = {
  domain: 0,
  venues: 1,
  csv: 1, // CSV text → records with line numbers; read by both import and scenarios
  import: 2,
  margin: 2,
  scenarios: 2,
  kernel: 3,
  contagion: 4,
  cascade: 4,
  'book-changes': 4,
  boundary: 5,
  recommendation: 5,
  verdict: 5.5, // reads figures of the modes (margin, contagion), feeds results and report
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

/**
 * The import cycles of a graph: its strongly connected components of more than one file (or a
 * file importing itself), each sorted, found by Tarjan's algorithm.
 */
function importCycles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (edges.get(v) ?? []).includes(v)) cycles.push(component.sort());
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return cycles;
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

  it('has no import cycles', () => {
    const bySource = new Map(files.map((f) => [f.path, f]));
    const edges = new Map<string, string[]>();
    for (const f of files) {
      const targets: string[] = [];
      for (const match of f.text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)) {
        const target = join(f.path, '..', match[1]!).replace(/\.js$/, '.ts');
        if (bySource.has(target)) targets.push(target);
      }
      edges.set(f.path, targets);
    }
    expect(importCycles(edges).map((cycle) => cycle.map((path) => relative(SRC, path)).join(' → '))).toEqual([]);
  });

  it('finds a cycle when there is one (the check itself)', () => {
    const edges = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(importCycles(edges)).toEqual([['a', 'b', 'c']]);
    expect(importCycles(new Map([['a', ['b']], ['b', []]]))).toEqual([]);
  });

  it('keeps every source file under 400 lines', () => {
    const long = files.filter((f) => f.text.split('\n').length > 400).map((f) => `${relative(SRC, f.path)}: ${f.text.split('\n').length} lines`);
    expect(long).toEqual([]);
  });

  it('library code never uses Math.random', () => {
    expect(files.filter((f) => /Math\.random\(/.test(f.text)).map((f) => relative(SRC, f.path))).toEqual([]);
  });
});
