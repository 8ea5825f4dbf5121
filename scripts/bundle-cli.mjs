// Bundles the command-line entry with esbuild (the last step of `npm run build`, after tsc), to
// cut start-up: Node's ES module loader pays a file read, URL resolution and compile for every
// module, and simulate alone loaded about 260 of ours and yargs'. tsc still compiles everything
// into dist/ (the library, dist/src/index.js, stays unbundled, with its own workers); this step
// then replaces dist/src/cli/main.js with a bundle of src/cli/main.ts and writes its chunks to
// dist/src/cli/chunks/.
//   Code splitting: each command, output writer, venue importer and the report (Vega) stays
//   behind the `import()` that loads it on demand, as its own chunk. Vega is not bundled (it
//   loads from node_modules, only for the HTML report). yargs, csv-parse and simple-statistics
//   are: about 80 fewer modules to resolve and load at start-up, 15 to 20 % of a short command's
//   CPU. yargs reads no locale file: the command sets its locale to English (command-line.ts).
//   They stay dependencies in package.json (the library, unbundled, imports them), so they are
//   installed with their licenses as before.
//   Workers and path models are loaded by URL, `new URL('./worker.js', import.meta.url)`, and in
//   a bundle import.meta.url is the URL of the chunk the code landed in. Every piece of our code
//   the entry reaches through `import()` lands in chunks/, so the scheme is: the worker entries
//   and the path models are bundle entries too, written into chunks/ under the file names those
//   URLs ask for (chunks/worker.js, chunks/gbm-model.js, …), sharing chunks with the rest. After
//   writing, every `new URL("…", import.meta.url)` in the output is resolved from the file it
//   sits in and the build fails if the file is not there, so a new worker or model, or code that
//   moves into main.js, is caught here rather than at run time. `compiledBuild()` (workers only
//   from .js) holds for chunks, and src/io/package-root.ts walks up from a chunk to package.json.
//   The generated WebAssembly modules (`*-binary.ts`) are TypeScript modules, bundled like the rest.
//   No source maps: the command prints no stack traces (MARGINSCOPE_DEBUG=1 shows bundle lines).
//   Lazy modules: yargs and its help layout (cliui) measure text with `string-width`, whose module
//   body builds an Intl.Segmenter and Unicode-property regular expressions (\p{RGI_Emoji}): about
//   20 ms at every start, though only a help or usage text is ever measured. Each import of it is
//   given a stand-in whose default export calls the real function, loaded on first call
//   (esbuild turns that `require` of a bundled ES module into a lazy initialiser).
import { build } from 'esbuild';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
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

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = join(root, 'dist/src/cli');
const CHUNKS = 'chunks';

/** Bundle entries: the command, then every module loaded by URL, named as those URLs name them. */
const ENTRIES = [
  { in: 'src/cli/main.ts', out: 'main' },
  { in: 'src/kernel/worker.ts', out: `${CHUNKS}/worker` },
  { in: 'src/flows/evaluate-worker.ts', out: `${CHUNKS}/evaluate-worker` },
  { in: 'src/cascade/cascade-worker.ts', out: `${CHUNKS}/cascade-worker` },
  { in: 'src/scenarios/models/gbm-model.ts', out: `${CHUNKS}/gbm-model` },
  { in: 'src/scenarios/models/student-t-model.ts', out: `${CHUNKS}/student-t-model` },
  { in: 'src/scenarios/models/bootstrap-model.ts', out: `${CHUNKS}/bootstrap-model` },
];

rmSync(join(outdir, CHUNKS), { recursive: true, force: true });
// tsc's map of the unbundled main.js would describe a file that is no longer there.
rmSync(join(outdir, 'main.js.map'), { force: true });

const result = await build({
  absWorkingDir: root,
  entryPoints: ENTRIES.map((entry) => ({ in: join(root, entry.in), out: entry.out })),
  outdir,
  chunkNames: `${CHUNKS}/[name]-[hash]`,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['vega', 'vega-lite'],
  tsconfig: join(root, 'tsconfig.build.json'),
  metafile: true,
  plugins: [lazyDefaultExports],
  logLevel: 'warning',
});

const failures = [];
const URL_OF_MODULE = /new URL\(\s*(["'`])([^"'`]+)\1\s*,\s*import\.meta\.url\s*\)/g;
for (const output of Object.keys(result.metafile.outputs)) {
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
