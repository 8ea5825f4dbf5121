// The loader of the command's CommonJS scripts (src/cli/code-cached-modules.ts, built with esbuild):
// a script gets Node's CommonJS parameters, its import.meta and import(), strict mode and one
// instance of each sibling; the code cache the build's recorder (scripts/record-code-cache.mjs)
// writes is taken, and one V8 rejects (another source, another engine, not a cache at all) or a
// missing one leaves the script compiled from source, with the same result. Each load is a new
// process, as a command's is: V8 keeps what it compiled for the rest of a process.

import { buildSync } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './run-cli.js';

const RECORDER = join(REPO_ROOT, 'scripts/record-code-cache.mjs');
const RECORD_SCRIPTS = join(REPO_ROOT, 'test/cli/fixtures/record-scripts.mjs');
const CODE_CACHE_SUFFIX = '.code-cache';

const MAIN_SOURCE = [
  "const shared = require('./shared.cjs');",
  "const again = require('./shared.cjs');",
  "const { join } = require('node:path');",
  'shared.count++;',
  'function strict() { return this; }',
  'exports.sameInstance = shared === again;',
  'exports.count = shared.count;',
  'exports.url = importMeta.url;',
  'exports.file = __filename;',
  'exports.joined = join(__dirname, "x");',
  'exports.strict = strict() === undefined;',
  'exports.square = (n) => n * n;',
  "exports.crypto = importModule('node:crypto');",
  'exports.text = shared.text;',
].join('\n');

/** Text outside ASCII in the sibling's source (main.cjs is ASCII): the loader reads each file its way, the same characters. */
const NON_ASCII_TEXT = '≥ −1 € 😀';

let folder = '';
let main = '';
/** URL of the loader, built from its source into the scratch folder (an ES module). */
let loader = '';

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'marginscope-code-cache-'));
  main = join(folder, 'main.cjs');
  const loaderFile = join(folder, 'code-cached-modules.mjs');
  buildSync({ entryPoints: [join(REPO_ROOT, 'src/cli/code-cached-modules.ts')], format: 'esm', platform: 'node', target: 'node20', outfile: loaderFile, logLevel: 'error' });
  loader = pathToFileURL(loaderFile).href;
  writeFileSync(join(folder, 'shared.cjs'), `exports.count = 0;\nexports.text = ${JSON.stringify(NON_ASCII_TEXT)};\n`);
});
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});
beforeEach(() => {
  writeFileSync(main, `${MAIN_SOURCE}\n`);
  for (const file of ['main.cjs', 'shared.cjs']) rmSync(join(folder, file + CODE_CACHE_SUFFIX), { force: true });
});

/** A new process loading main.cjs through the loader: what it exports, and each script's compile (rejected: null when given no cache). */
function loadInNewProcess(preload: string): { exports: Record<string, unknown>; scripts: Array<{ file: string; cacheRejected: boolean | null }> } {
  const log = join(folder, 'scripts.json');
  const program = [
    `import { codeCachedModules } from ${JSON.stringify(loader)};`,
    `const m = codeCachedModules((specifier) => import(specifier))(${JSON.stringify(main)});`,
    'const { sameInstance, count, url, file, joined, strict, text } = m;',
    'const crypto = typeof (await m.crypto).randomBytes;',
    'console.log(JSON.stringify({ sameInstance, count, url, file, joined, strict, square: m.square(7), crypto, text }));',
  ].join('\n');
  const stdout = execFileSync(process.execPath, ['--import', preload, '--input-type=module', '-e', program], { env: { ...process.env, SCRIPT_LOG: log }, encoding: 'utf8' });
  return { exports: JSON.parse(stdout) as Record<string, unknown>, scripts: preload === RECORD_SCRIPTS ? (JSON.parse(readFileSync(log, 'utf8')) as Array<{ file: string; cacheRejected: boolean | null }>) : [] };
}

/** What a correct load of main.cjs exports, however it was compiled. */
function expectRan(exports: Record<string, unknown>): void {
  expect(exports).toEqual({
    sameInstance: true,
    count: 1,
    url: pathToFileURL(main).href,
    file: main,
    joined: join(folder, 'x'),
    strict: true,
    square: 49,
    crypto: 'function',
    text: NON_ASCII_TEXT,
  });
}

describe('codeCachedModules', () => {
  it('runs a script with its CommonJS parameters, import.meta, import() and strict mode; each sibling once', () => {
    const run = loadInNewProcess(RECORD_SCRIPTS);
    expectRan(run.exports);
    expect(run.scripts).toEqual([
      { file: main, cacheRejected: null },
      { file: join(folder, 'shared.cjs'), cacheRejected: null },
    ]);
  });

  it("takes the caches the build's recorder wrote", () => {
    expectRan(loadInNewProcess(RECORDER).exports);
    const run = loadInNewProcess(RECORD_SCRIPTS);
    expectRan(run.exports);
    expect(run.scripts.map((script) => script.cacheRejected)).toEqual([false, false]);
  });

  it('compiles from source when V8 rejects the cache: another source, another engine, not a cache', () => {
    expectRan(loadInNewProcess(RECORDER).exports);
    const cache = readFileSync(main + CODE_CACHE_SUFFIX);
    const otherEngine = Buffer.from(cache);
    // The field after the magic number is the engine's version hash.
    otherEngine.writeUInt32LE(~otherEngine.readUInt32LE(4) >>> 0, 4);
    const rejectedCaches = { otherEngine, notACache: Buffer.from('not a code cache at all'), empty: Buffer.alloc(0) };
    for (const [name, rejected] of Object.entries(rejectedCaches)) {
      writeFileSync(main + CODE_CACHE_SUFFIX, rejected);
      const run = loadInNewProcess(RECORD_SCRIPTS);
      expectRan(run.exports);
      expect(run.scripts[0]!.cacheRejected, name).toBe(true);
    }
    // The file changed after its cache was made (one more line): the cache no longer fits.
    writeFileSync(main + CODE_CACHE_SUFFIX, cache);
    writeFileSync(main, `${MAIN_SOURCE}\n// one more line\n`);
    const changed = loadInNewProcess(RECORD_SCRIPTS);
    expectRan(changed.exports);
    expect(changed.scripts[0]!.cacheRejected).toBe(true);
  });
});
