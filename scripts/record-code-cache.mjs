// Build-time preload (`node --import`) of the command runs scripts/bundle-cli.mjs makes to write
// the bundle's V8 code caches: it records every `vm.Script` the command compiles for one of its
// CommonJS files (src/cli/code-cached-modules.ts) and, when the process exits (after the command
// ran, so the cache holds every function it compiled on the way), writes each script's
// `createCachedData()` beside its file as `<file>.code-cache`. A run that finds a cache from an
// earlier run uses it, and its cache keeps those functions too.
//   V8 rejects a cache made under other engine flags. `evaluate` turns allocation-site pretenuring
// off (src/cli/pretenuring.ts) after its file is compiled, so a cache written at exit would carry
// that flag and be rejected by every later run: here the switch is left undone (a heuristic of
// the garbage collector, with no effect on what the command computes).
import { writeFileSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';

const require = createRequire(import.meta.url);
const vm = require('node:vm');
const v8 = require('node:v8');
const CODE_CACHE_SUFFIX = '.code-cache';

const compiled = [];
const Original = vm.Script;
vm.Script = class RecordedScript extends Original {
  constructor(source, options) {
    super(source, options);
    if (typeof options?.filename === 'string' && options.filename.endsWith('.cjs')) compiled.push({ file: options.filename, script: this });
  }
};
v8.setFlagsFromString = () => {};
syncBuiltinESMExports();

process.on('exit', () => {
  for (const { file, script } of compiled) writeFileSync(file + CODE_CACHE_SUFFIX, script.createCachedData());
});
