// Locates the installed package's root (where `data/` lives), from compiled or source files alike:
// it walks up from this module (src/io/, dist/src/io/, or the command's bundle chunks in
// dist/src/cli/chunks/) to marginscope's package.json.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedRoot: string | undefined;

/** Directory holding marginscope's package.json (and its bundled `data/`). */
export function packageRoot(): string {
  if (cachedRoot !== undefined) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string };
      if (pkg.name === 'marginscope') return (cachedRoot = dir);
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('packageRoot: marginscope package.json not found above this module');
    dir = parent;
  }
}

/** Path of a bundled data file, e.g. `bundledDataPath('tiers', 'binance-usdm.json')`. */
export function bundledDataPath(...parts: string[]): string {
  return join(packageRoot(), 'data', ...parts);
}
