// Bundles the command-line entry with esbuild (the last step of `npm run build`, after tsc), to
// cut start-up: Node's ES module loader pays a file read, URL resolution, compile and link for
// every module, and simulate alone loaded about 260 of ours and yargs'. tsc still compiles
// everything into dist/ (the library, dist/src/index.js, stays unbundled, with its own workers);
// this step then replaces tsc's dist/src/cli/ (which nothing else imports) with main.js and the
// command's files in dist/src/cli/chunks/.
//   Layout: a command runs from three scripts. `chunks/cli-core.cjs` holds every module of ours that
//   main.ts imports (the command line: yargs, the options, the error classes) and its packages;
//   `chunks/main.cjs` is main.ts over it; and each command main.ts loads on demand
//   (`import('./x-command.js')`, here a require of it) is one file, `chunks/x-command.cjs`, holding
//   everything the command reaches except the core, which it requires from cli-core.cjs: so main and
//   the command share one instance of each core module (a UsageError a command throws is main's
//   UsageError). What a command imports on demand
//   (output writers, venue importers, the `--corr FILE` and `--history` parsers) is inlined in its
//   file, initialised when first imported. Code splitting across all commands instead (esbuild's
//   `splitting`) cut simulate's code into some 55 chunks by which commands share it: one file per
//   command measured 15 % less CPU for a short simulate and for a small evaluate, and 5 % for --version.
//   A core module is re-exported from cli-core.cjs under a unique name (m<k>$<export>), and every
//   import of it in main.ts or a command becomes a re-export of those names from that file (its require).
//   Vega is not bundled (it loads from node_modules, only for the HTML report). yargs, csv-parse
//   and simple-statistics are: about 80 fewer modules to resolve and load at start-up. yargs
//   reads no locale file: the command sets its locale to English (command-line.ts).
//   They stay dependencies in package.json (the library, unbundled, imports them), so they are
//   installed with their licenses as before.
//   Workers and path models are loaded by URL, `new URL('./worker.js', import.meta.url)`, and in
//   a bundle import.meta.url is the URL of the file the code landed in: always chunks/ (the core
//   and the commands are there), so the worker entries and the path models are bundled into
//   chunks/ under the file names those URLs ask for (chunks/worker.js, chunks/gbm-model.js, …),
//   split among themselves (a worker and the model it loads share one instance of their code).
//   After writing, every `new URL("…", import.meta.url)` in the output is resolved from the file it
//   sits in and the build fails if the file is not there, so a new worker or model, or code that
//   moves into main.js, is caught here rather than at run time. `compiledBuild()` (workers only
//   from .js or .cjs) holds for chunks, and src/io/package-root.ts walks up from a chunk to package.json.
//   The generated WebAssembly modules (`*-binary.ts`) are TypeScript modules, bundled like the rest.
//   No source maps: the command prints no stack traces (MARGINSCOPE_DEBUG=1 shows bundle lines).
//   Code caches: those three files are CommonJS scripts (`.cjs`), not ES modules, because Node 20
//   keeps no compiled code for an ES module: `main.js` (the file `node` and the package's bin start)
//   is a small script that runs them through src/cli/code-cached-modules.ts, which compiles each
//   as a vm.Script with the V8 code cache beside it (`<file>.cjs.code-cache`), so V8 neither parses
//   the file nor compiles the functions the cache holds (measured: a 1,000-path simulate of a
//   one-asset book 0.88 of the CPU time, the sample evaluate 0.82, --version 0.90). In a script, `import.meta` is the wrapper's `importMeta` (esbuild's define)
//   and each `import("x")` of an external (vega, node:crypto) is rewritten to the wrapper's
//   `importModule("x")`, main.js's own import(). The caches are made here, at build time, never
//   when the command runs: the last step runs sample commands with scripts/record-code-cache.mjs,
//   which writes each script's cache after the command ran (so it holds the functions the command
//   compiled). V8 rejects a cache made by another V8 or under other engine flags, and the script is
//   then compiled from source, as without a cache. main.js is CommonJS too, made so by
//   dist/src/cli/package.json (`"type": "commonjs"`; chunks/package.json says module again, for the
//   workers and path models): Node then starts no ES module loader for it (a further 0.93 of the
//   CPU for --version, 0.97 for the sample evaluate and the short simulate).
//   Lazy modules: yargs and its help layout (cliui) measure text with `string-width`, whose module
//   body builds an Intl.Segmenter and Unicode-property regular expressions (\p{RGI_Emoji}): about
//   20 ms at every start, though only a help or usage text is ever measured. Each import of it is
//   given a stand-in whose default export calls the real function, loaded on first call
//   (esbuild turns that `require` of a bundled ES module into a lazy initialiser).
import { build, transform } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Packages whose module body runs on the first call of their default export, not at start-up. */
const LAZY_DEFAULT_EXPORTS = /^string-width$/;

/** esbuild plugin: an import of a LAZY_DEFAULT_EXPORTS package gets a stand-in that loads it when called. */
const lazyDefaultExports = {
  name: 'lazy-default-exports',
  setup(bundler) {
    bundler.onResolve({ filter: LAZY_DEFAULT_EXPORTS }, async (args) => {
      if (args.pluginData === 'lazy-target') return undefined;
      const real = await bundler.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'lazy-target' });
      if (real.errors.length > 0) return { errors: real.errors };
      return { path: relative(root, real.path), namespace: 'lazy-default' };
    });
    bundler.onLoad({ filter: /.*/, namespace: 'lazy-default' }, (args) => ({
      contents: `export default function lazyDefault(...args) { return require(${JSON.stringify(join(root, args.path))}).default(...args); }\n`,
      resolveDir: root,
      loader: 'js',
    }));
  },
};

/**
 * Node's `assert`, loaded only for a check that fails, for yargs' platform shim (its only importer
 * here), which takes `notStrictEqual` and `strictEqual` from it for checks of its own API's use,
 * made at every start: the module (with its assertion error, call tracker and colour support)
 * cost about 3 ms at every start.
 */
const lazyAssert = {
  name: 'lazy-assert',
  setup(bundler) {
    bundler.onResolve({ filter: /^(node:)?assert$/ }, (args) => (/[\\/]yargs[\\/]lib[\\/]platform-shims[\\/]/.test(args.importer) ? { path: 'assert', namespace: 'lazy-assert' } : undefined));
    bundler.onLoad({ filter: /.*/, namespace: 'lazy-assert' }, () => ({
      // Node's own test first (both compare with Object.is); the module only for a failing check, which throws its error.
      contents: [
        "export function notStrictEqual(actual, expected, ...rest) { if (!Object.is(actual, expected)) return; require('node:assert').notStrictEqual(actual, expected, ...rest); }",
        "export function strictEqual(actual, expected, ...rest) { if (Object.is(actual, expected)) return; require('node:assert').strictEqual(actual, expected, ...rest); }",
      ].join('\n'),
      loader: 'js',
    }));
  },
};

/**
 * yargs' platform shim takes the program's folder from its own file's path, up to `node_modules`;
 * bundled, that path (chunks/cli-core.cjs) has none, so it took the working directory, from which
 * yargs looks for a package.json at every start (to guess a version the command line then sets
 * itself): run from a folder without one it read that folder and every folder above it and failed
 * a check, loading Node's `assert` to throw an error it then caught (about 4 ms, more in a large
 * folder). Here the shim's folder is its own file's (the bundle's chunks/, whose package.json is
 * found at once), whatever the working directory.
 */
const yargsMainFilename = {
  name: 'yargs-main-filename',
  setup(bundler) {
    bundler.onLoad({ filter: /[\\/]yargs[\\/]lib[\\/]platform-shims[\\/]esm\.mjs$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const line = "const mainFilename = __dirname.substring(0, __dirname.lastIndexOf('node_modules'));";
      if (!source.includes(line)) throw new Error(`bundle-cli: yargs' platform shim no longer has: ${line}`);
      return { contents: source.replace(line, 'const mainFilename = __dirname;'), resolveDir: dirname(args.path), loader: 'js' };
    });
  },
};

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = join(root, 'dist/src/cli');
const CHUNKS = 'chunks';

/** Entries loaded by URL (worker threads and path models), named as those URLs name them. */
const URL_ENTRIES = [
  { in: 'src/kernel/worker.ts', out: `${CHUNKS}/worker` },
  { in: 'src/flows/evaluate-worker.ts', out: `${CHUNKS}/evaluate-worker` },
  { in: 'src/cascade/cascade-worker.ts', out: `${CHUNKS}/cascade-worker` },
  { in: 'src/scenarios/models/gbm-model.ts', out: `${CHUNKS}/gbm-model` },
  { in: 'src/scenarios/models/student-t-model.ts', out: `${CHUNKS}/student-t-model` },
  { in: 'src/scenarios/models/bootstrap-model.ts', out: `${CHUNKS}/bootstrap-model` },
];
const MAIN = join(root, 'src/cli/main.ts');
/** The file of the modules main.cjs and the commands share, in chunks/. */
const CORE = 'cli-core.cjs';

const common = {
  absWorkingDir: root,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['vega', 'vega-lite'],
  tsconfig: join(root, 'tsconfig.build.json'),
  metafile: true,
  logLevel: 'warning',
};

/**
 * The command's own files: CommonJS scripts (`.cjs`) that main.js runs through
 * src/cli/code-cached-modules.ts, whose wrapper gives each its `importMeta` and `importModule`.
 * Written by `writeScripts`, which also turns each `import("x")` of an external into `importModule("x")`.
 */
const script = {
  ...common,
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  define: { 'import.meta': 'importMeta' },
  write: false,
};

rmSync(join(outdir, CHUNKS), { recursive: true, force: true });
// tsc's modules of the command (the unbundled main.js and all it imports, their maps and types):
// nothing loads them (the library does not import src/cli), and under dist/src/cli/package.json
// they would read as CommonJS.
for (const entry of readdirSync(outdir, { withFileTypes: true })) if (entry.isFile()) rmSync(join(outdir, entry.name));

/** esbuild plugin: main.ts's `import('./x.js')` of a command is the command's own file in chunks/. */
function commandsOnDemand(found) {
  return {
    name: 'commands-on-demand',
    setup(bundler) {
      bundler.onResolve({ filter: /^\.\/[\w-]+\.js$/ }, (args) => {
        if (args.kind !== 'dynamic-import' || args.importer !== MAIN) return undefined;
        found?.push(join(dirname(MAIN), args.path.replace(/\.js$/, '.ts')));
        return { path: args.path.replace(/\.js$/, '.cjs'), namespace: 'command-file' };
      });
      // main.cjs sits beside the commands; its require goes through the loader (the one core).
      bundler.onLoad({ filter: /.*/, namespace: 'command-file' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
      bundler.onResolve({ filter: /^\.\/[\w-]+\.cjs$/, namespace: 'command-file' }, (args) => ({ path: args.path, external: true }));
    },
  };
}

// 1. The core: every module of ours main.ts imports (the command line: yargs, options, errors), and
//    the commands main.ts loads on demand.
const commands = [];
const reached = await build({ ...common, entryPoints: [MAIN], write: false, outdir, plugins: [lazyAssert, yargsMainFilename, lazyDefaultExports, commandsOnDemand(commands)] });
const core = Object.keys(reached.metafile.inputs).filter((input) => input.startsWith('src/') && join(root, input) !== MAIN);
const coreIndex = new Map(core.map((input, k) => [input, k]));

// 2. Each core module's export names, to re-export them from the one core file under unique names.
const transpiled = await build({ ...common, bundle: false, external: [], entryPoints: core.map((input) => join(root, input)), write: false, outdir: join(outdir, CHUNKS) });
const exportsOf = new Map(Object.values(transpiled.metafile.outputs).map((output) => [output.entryPoint, output.exports]));
const alias = (k, name) => `m${k}$${name}`;

// 3. chunks/cli-core.cjs: the core modules bundled once, every export re-exported as m<k>$<name>.
const barrel = core.map((input, k) => {
  const names = exportsOf.get(input) ?? [];
  return names.length === 0 ? `import ${JSON.stringify(`./${input}`)};` : `export { ${names.map((n) => `${n} as ${alias(k, n)}`).join(', ')} } from ${JSON.stringify(`./${input}`)};`;
});
const coreBuild = await build({
  ...script,
  stdin: { contents: barrel.join('\n'), resolveDir: root, sourcefile: 'cli-core.js', loader: 'js' },
  outfile: join(outdir, CHUNKS, CORE),
  plugins: [lazyAssert, yargsMainFilename, lazyDefaultExports],
});

/** esbuild plugin: an import of a core module is its re-export from the core file at `corePath`. */
function sharedCore(corePath) {
  return {
    name: 'shared-core',
    setup(bundler) {
      bundler.onResolve({ filter: /^\./ }, async (args) => {
        if (args.pluginData === 'shared-core' || args.namespace === 'core-ref') return undefined;
        const resolved = await bundler.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'shared-core' });
        const input = relative(root, resolved.path);
        return coreIndex.has(input) ? { path: input, namespace: 'core-ref' } : undefined;
      });
      bundler.onLoad({ filter: /.*/, namespace: 'core-ref' }, (args) => {
        const k = coreIndex.get(args.path);
        const names = exportsOf.get(args.path) ?? [];
        const contents = names.length === 0 ? 'import "cli-core";' : `export { ${names.map((n) => `${alias(k, n)} as ${n}`).join(', ')} } from "cli-core";`;
        return { contents, resolveDir: root, loader: 'js' };
      });
      bundler.onResolve({ filter: /^cli-core$/, namespace: 'core-ref' }, () => ({ path: corePath, external: true }));
    },
  };
}

/** An external's `import("x")` in a script's output: the wrapper's `importModule("x")` stands for it. */
const DYNAMIC_IMPORT = /\bimport\((?=\s*["'])/g;

/** A character outside ASCII (one code point). */
const NON_ASCII = /[^\x00-\x7f]/gu;

/**
 * The script with every non-ASCII character written as its escape text `\u{…}`, so the file is
 * ASCII and Node reads it into a one-byte string (src/cli/code-cached-modules.ts reads ASCII as
 * latin1): esbuild's output is ASCII in code already (its default `charset: 'ascii'` escapes
 * strings, template literals, regular expressions and identifiers), but comments it keeps (doc
 * comments of class fields) pass through as written, and a single `−` or `≥` in one made the whole
 * file a two-byte string: for simulate's 0.8 MB, 14 ms to read and decode instead of 4, and 14 ms
 * to compile from its code cache instead of 9. In a comment the escape text means nothing.
 */
async function asciiComments(text) {
  if (!/[^\x00-\x7f]/u.test(text)) return text;
  const ascii = text.replace(NON_ASCII, (character) => `\\u{${character.codePointAt(0).toString(16)}}`);
  // Proof that only comments changed: without its comments (esbuild's whitespace minifier drops
  // them), the file is the same code before and after.
  const code = async (source) => (await transform(source, { minifyWhitespace: true, platform: 'node' })).code;
  if ((await code(ascii)) !== (await code(text))) throw new Error('bundle-cli: a non-ASCII character outside a comment');
  return ascii;
}

/** Writes a script build's files, each `import(` of an external rewritten (their count checked against esbuild's). */
async function writeScripts(result) {
  for (const file of result.outputFiles) {
    const expected = result.metafile.outputs[relative(root, file.path)].imports.filter((entry) => entry.kind === 'dynamic-import' && entry.external).length;
    // main.ts's `#!` line means nothing inside the wrapper (the line stays, empty: lines keep their numbers).
    const text = await asciiComments(file.text.replace(/^#!.*/, '').replace(DYNAMIC_IMPORT, 'importModule('));
    const rewritten = file.text.match(DYNAMIC_IMPORT)?.length ?? 0;
    if (rewritten !== expected) throw new Error(`bundle-cli: ${relative(root, file.path)} has ${rewritten} import( calls, esbuild reports ${expected} dynamic imports`);
    mkdirSync(dirname(file.path), { recursive: true });
    writeFileSync(file.path, text);
  }
  return result;
}

/**
 * esbuild ends a CommonJS bundle with `module.exports = __toCommonJS(x_exports)`: a copy of the
 * exports object whose every property is one shared getter, `() => from[key]`, so each use of a
 * core export in a command (`import_cli_core.m4$inRange(...)`, a range constant in the row
 * parser) was a call doing a keyed load that saw every name (megamorphic; 2 % of an evaluate's
 * CPU). The core's exports object itself, marked as an ES module the same way, has one getter per
 * name returning its binding, which the optimising compiler inlines.
 */
function coreExportsAsIs(result) {
  const file = result.outputFiles.find((output) => output.path === join(outdir, CHUNKS, CORE));
  const pattern = /^module\.exports = __toCommonJS\((\w+)\);$/gm;
  const matches = [...file.text.matchAll(pattern)];
  if (matches.length !== 1) throw new Error(`bundle-cli: ${CORE} has ${matches.length} module.exports = __toCommonJS(...) lines, expected 1`);
  const text = file.text.replace(pattern, 'module.exports = __defProp($1, "__esModule", { value: true });');
  return { ...result, outputFiles: result.outputFiles.map((output) => (output === file ? { path: output.path, text } : output)) };
}

// 4. chunks/main.cjs: main.ts over the core. 5. Each command, whole, in chunks/<command>.cjs over
//    the core (what it imports on demand inlined: one file to load). 6. main.js, the script `node`
//    starts: the loader, running main.cjs. 7. The URL entries, split among themselves.
await writeScripts(coreExportsAsIs(coreBuild));
const mainBuild = await writeScripts(await build({ ...script, entryPoints: [{ in: MAIN, out: `${CHUNKS}/main` }], outdir, plugins: [commandsOnDemand(null), sharedCore(`./${CORE}`)] }));
const commandsBuild = await writeScripts(
  await build({
    ...script,
    entryPoints: commands.map((file) => ({ in: file, out: `${CHUNKS}/${basename(file, '.ts')}` })),
    outdir,
    plugins: [lazyDefaultExports, sharedCore(`./${CORE}`)],
  }),
);
const entry = [
  "import { join } from 'node:path';",
  "import { codeCachedModules } from './src/cli/code-cached-modules.ts';",
  `codeCachedModules((specifier) => import(specifier))(join(__dirname, ${JSON.stringify(`${CHUNKS}/main.cjs`)}));`,
].join('\n');
const loaderBuild = await build({
  ...common,
  format: 'cjs',
  stdin: { contents: entry, resolveDir: root, sourcefile: 'main.js', loader: 'ts' },
  outfile: join(outdir, 'main.js'),
  banner: { js: '#!/usr/bin/env node' },
});
// main.js is CommonJS (package.json's "type" says module): Node then starts no ES module loader
// for it. The folders say so to Node; chunks/ holds the workers and path models, ES modules.
writeFileSync(join(outdir, 'package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);
writeFileSync(join(outdir, CHUNKS, 'package.json'), `${JSON.stringify({ type: 'module' })}\n`);
if (!existsSync(join(outdir, CHUNKS, 'main.cjs'))) throw new Error('bundle-cli: main.js runs chunks/main.cjs, which the bundle does not have');
const urlBuild = await build({
  ...common,
  entryPoints: URL_ENTRIES.map((entry) => ({ in: join(root, entry.in), out: entry.out })),
  outdir,
  chunkNames: `${CHUNKS}/[name]-[hash]`,
  splitting: true,
  plugins: [lazyDefaultExports],
});
// The workers and path models ASCII too (Node's module loader then reads each into a one-byte string).
for (const output of Object.keys(urlBuild.metafile.outputs)) {
  const file = join(root, output);
  const text = readFileSync(file, 'utf8');
  const ascii = await asciiComments(text);
  if (ascii !== text) writeFileSync(file, ascii);
}
const outputs = [coreBuild, mainBuild, commandsBuild, loaderBuild, urlBuild].flatMap((result) => Object.keys(result.metafile.outputs));

const failures = [];
const URL_OF_MODULE = /new URL\(\s*(["'`])([^"'`]+)\1\s*,\s*(?:import\.meta|importMeta)\.url\s*\)/g;
for (const output of outputs) {
  const file = join(root, output);
  const text = readFileSync(file, 'utf8');
  for (const [, , target] of text.matchAll(URL_OF_MODULE)) {
    if (!existsSync(join(dirname(file), target))) failures.push(`${relative(root, file)} loads ${target}, which the bundle does not have beside it`);
  }
}
if (failures.length > 0) {
  for (const failure of failures) console.error(`bundle-cli: ${failure}`);
  process.exit(1);
}

// 8. The code caches: sample commands run with the recorder, which writes each script's cache at
//    exit. A run finds the caches of the runs before it and adds to them, but only while V8 keeps
//    the compiled code: a long run drops the code of functions it ran only at its start (the
//    command line's), so the runs are short, and the ones a cache matters most for come last.
const RECORDER = join(root, 'scripts/record-code-cache.mjs');
const samples = ['data/samples/positions.csv', '--balances', 'data/samples/balances.csv'];
const cascadeSamples = [
  'data/samples/cascade-own.csv', '--balances', 'data/samples/cascade-own-balances.csv', '--crowd', 'data/samples/crowd.csv',
  '--crowd-balances', 'data/samples/crowd-balances.csv', '--depth', 'data/samples/depth.csv', '--insurance-fund', 'USDT=3000000',
];
const scratch = mkdtempSync(join(tmpdir(), 'marginscope-code-cache-'));
const SAMPLE_RUNS = [
  ['report', ...samples, '--paths', '200', '--threads', '1', '--out', join(scratch, 'report.html')],
  ['cascade', ...cascadeSamples, '--event', '2025-10-10'],
  ['replay', ...samples, '--event', '2025-10-10'],
  ['events'],
  ['--version'],
  ['evaluate', ...samples, '--format', 'json'],
  ['evaluate', ...samples],
  ['simulate', ...samples, '--paths', '1000', '--threads', '1', '--quiet'],
  ['simulate', ...samples, '--paths', '1000', '--threads', '1', '--format', 'json', '--quiet'],
];
// As `node main.js` runs: engine flags from NODE_OPTIONS would make caches every plain run rejects.
const { NODE_OPTIONS: _builderOptions, ...plainEnv } = process.env;
try {
  for (const args of SAMPLE_RUNS) {
    execFileSync(process.execPath, ['--import', RECORDER, join(outdir, 'main.js'), ...args], { cwd: root, env: plainEnv, stdio: ['ignore', 'ignore', 'inherit'] });
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
