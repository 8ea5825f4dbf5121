// Runs the built command's CommonJS files (dist/src/cli/chunks/*.cjs, written by
// scripts/bundle-cli.mjs) together with the V8 code cache the build made for each, so that V8
// neither parses the file nor compiles the functions the cache holds. Node 20 caches no compiled
// code for ES modules or for `require`, so the command's main.js hands its files
// to this loader, which compiles each as a `vm.Script` given the file's cache. The cache is only
// read here, never written: the build writes it after running sample commands (so it holds the
// functions they ran). V8 checks that a cache fits the file's length, its own version and its
// flags (a `node --max-old-space-size=…` or a profiler's flag is another set), and otherwise
// rejects it: the file is then compiled from source as if no cache were there. A missing cache
// file is the same.

import { isAscii } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as vm from 'node:vm';

/** The suffix of a file's code cache beside it: `chunks/simulate-command.cjs.code-cache`. */
export const CODE_CACHE_SUFFIX = '.code-cache';

/** `import(specifier)` from an ES module next to the command (the files' own `import()`s go through it). */
export type ImportModule = (specifier: string) => Promise<unknown>;

/** Loads one of the command's CommonJS files (an absolute path) once and returns its exports. */
export type LoadModule = (file: string) => unknown;

/**
 * The wrapper a file's source is compiled in: Node's CommonJS parameters, then the two that stand
 * for what an ES module has and a script has not, `import.meta` and `import()` (the build rewrites
 * those to `importMeta` and `importModule`). Strict, as the ES modules the files are built from.
 * On the file's first line, so stack traces show the file's own line numbers.
 */
const WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname, importMeta, importModule) {"use strict";';
const WRAPPER_TAIL = '\n})';

/** A specifier of another of the command's files, beside the one that requires it. */
const SIBLING_FILE = /^\.\/[^/]+\.cjs$/;

/** The file's code cache, or undefined when there is none to read. */
function readCodeCache(file: string): Buffer | undefined {
  try {
    return readFileSync(file + CODE_CACHE_SUFFIX);
  } catch {
    return undefined;
  }
}

/**
 * A file's bytes as its source text: an ASCII file (every script the build writes, see
 * scripts/bundle-cli.mjs `asciiComments`) decoded as latin1, byte for character, which is the same
 * text as UTF-8 decoding gives it but copied without UTF-8's checks (1 against 2.5 ms for the
 * core's 0.33 MB); anything else as UTF-8.
 */
function sourceText(bytes: Buffer): string {
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

type CompiledFile = (
  exports: unknown,
  require: NodeJS.Require,
  module: { exports: unknown },
  filename: string,
  dirname: string,
  importMeta: { url: string },
  importModule: ImportModule,
) => void;

/**
 * A loader of the command's files: each is compiled (with its code cache when V8 accepts it) and
 * run once; a file's `require('./x.cjs')` loads its sibling through the same loader, so every file
 * shares one instance of each (the commands and main share the core), and any other `require` is
 * Node's, from the file's folder.
 */
export function codeCachedModules(importModule: ImportModule): LoadModule {
  const loaded = new Map<string, { exports: unknown }>();
  const load = (file: string): unknown => {
    const known = loaded.get(file);
    if (known !== undefined) return known.exports;
    const source = sourceText(readFileSync(file));
    // vm.Script read at the call, not bound at import: a build-time recorder may stand in for it.
    const script = new vm.Script(WRAPPER_HEAD + source + WRAPPER_TAIL, { filename: file, cachedData: readCodeCache(file) });
    const module = { exports: {} as unknown };
    loaded.set(file, module);
    const folder = dirname(file);
    const nodeRequire = createRequire(file);
    const requireHere = Object.assign((specifier: string): unknown => (SIBLING_FILE.test(specifier) ? load(join(folder, specifier)) : nodeRequire(specifier)), nodeRequire);
    const run = script.runInThisContext() as CompiledFile;
    run(module.exports, requireHere as NodeJS.Require, module, file, folder, { url: pathToFileURL(file).href }, importModule);
    return module.exports;
  };
  return load;
}
