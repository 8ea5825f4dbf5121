// The built command runs from its esbuild bundle (scripts/bundle-cli.mjs): dist/src/cli/main.js is
// an ES module that runs the command's CommonJS scripts in chunks/ with their build-time V8 code
// caches, and loads none of tsc's modules beside it; each command is one script over the shared
// core (chunks/cli-core.cjs), sharing its instances with main; the caches are taken, and a run
// whose V8 rejects them compiles from source with the same output; only help builds yargs' text
// measuring; the worker threads and path models it loads by URL are the bundle's entries in
// chunks/, doing real work; and a finished command exits at once, its output whole.

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ENTRY, REPO_ROOT, ensureBuilt, runCli } from './run-cli.js';

const CLI_DIR = join(REPO_ROOT, 'dist/src/cli');
const CHUNKS_DIR = join(CLI_DIR, 'chunks');
const PRELOAD = join(REPO_ROOT, 'test/cli/fixtures/record-workers.mjs');
const COUNT_SEGMENTERS = join(REPO_ROOT, 'test/cli/fixtures/count-segmenters.mjs');
const RECORD_MODULES = join(REPO_ROOT, 'test/cli/fixtures/record-modules.mjs');
const RECORD_SCRIPTS = join(REPO_ROOT, 'test/cli/fixtures/record-scripts.mjs');
const FAILING_STAT = join(REPO_ROOT, 'test/cli/fixtures/failing-stat.mjs');
const STALLED_STAT = join(REPO_ROOT, 'test/cli/fixtures/stalled-stat.mjs');
const RECORD_EXIT = join(REPO_ROOT, 'test/cli/fixtures/record-exit.mjs');
const RECORD_BUILTINS = join(REPO_ROOT, 'test/cli/fixtures/record-builtins.mjs');
const PACKAGES = Object.keys((JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies);

/** Every module specifier a bundle file imports, statically (`from "x"`, `import "x"`) or with `import("x")`. */
function specifiers(text: string): { statics: string[]; dynamics: string[] } {
  const statics = [...text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']|^import\s*["']([^"']+)["']/gms)].map((m) => (m[1] ?? m[2])!);
  const dynamics = [...text.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!);
  return { statics, dynamics };
}

/** Every module specifier a CommonJS script of the bundle loads: `require("x")`, or `importModule("x")` (its `import("x")`). */
function scriptSpecifiers(text: string): { requires: string[]; imports: string[] } {
  const requires = [...text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!);
  const imports = [...text.matchAll(/\bimportModule\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!);
  return { requires, imports };
}

interface CompiledScript {
  readonly file: string;
  readonly cacheRejected: boolean | null;
}

function isPackage(specifier: string): boolean {
  const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
  return PACKAGES.includes(name) || specifier.startsWith('node:') || builtinModules.includes(specifier);
}

interface StartedWorker {
  readonly url: string;
  readonly replies: number;
}

let scratch = '';

/** Runs the command with `preload` (after `nodeOptions`), from `cwd`: exit code and the two streams. */
function runWith(preload: string, args: readonly string[], env: Record<string, string> = {}, nodeOptions: readonly string[] = [], cwd = REPO_ROOT): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [...nodeOptions, '--import', preload, join(REPO_ROOT, CLI_ENTRY), ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error !== null && typeof error.code !== 'number') return reject(error);
      resolve({ code: error === null ? 0 : (error.code as number), stdout, stderr });
    });
  });
}

/** Runs the command with the preload recording its worker threads: stdout and the workers. */
function runRecorded(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string; workers: StartedWorker[] }> {
  const log = join(scratch, `workers-${Math.random().toString(36).slice(2)}.json`);
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', PRELOAD, CLI_ENTRY, ...args],
      { cwd: REPO_ROOT, env: { ...process.env, NO_COLOR: '1', WORKER_LOG: log }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== 'number') return reject(error);
        const workers = existsSync(log) ? (JSON.parse(readFileSync(log, 'utf8')) as StartedWorker[]) : [];
        resolve({ code: error === null ? 0 : (error.code as number), stdout, stderr, workers });
      },
    );
  });
}

beforeAll(() => {
  ensureBuilt();
  scratch = mkdtempSync(join(tmpdir(), 'marginscope-bundle-'));
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('the bundled command', () => {
  it('main.js (CommonJS) requires only packages and runs chunks/main.cjs; every chunk loads only chunks and packages', () => {
    const mainText = readFileSync(join(CLI_DIR, 'main.js'), 'utf8');
    const main = scriptSpecifiers(mainText);
    expect(main.requires.length).toBeGreaterThan(0);
    for (const s of main.requires) expect(isPackage(s), s).toBe(true);
    expect(mainText).toContain('"chunks/main.cjs"');
    // Its folder makes main.js CommonJS; chunks/ holds ES modules (the workers and path models).
    expect(JSON.parse(readFileSync(join(CLI_DIR, 'package.json'), 'utf8'))).toEqual({ type: 'commonjs' });
    expect(JSON.parse(readFileSync(join(CHUNKS_DIR, 'package.json'), 'utf8'))).toEqual({ type: 'module' });
    expect(readdirSync(CLI_DIR).sort()).toEqual(['chunks', 'main.js', 'package.json']);
    const chunks = readdirSync(CHUNKS_DIR);
    for (const name of ['worker.js', 'evaluate-worker.js', 'cascade-worker.js', 'gbm-model.js', 'student-t-model.js', 'bootstrap-model.js']) expect(chunks).toContain(name);
    for (const name of chunks.filter((file) => file.endsWith('.js'))) {
      const { statics, dynamics } = specifiers(readFileSync(join(CHUNKS_DIR, name), 'utf8'));
      for (const s of [...statics, ...dynamics]) expect(/^\.\/[^/]+\.js$/.test(s) || isPackage(s), `${name}: ${s}`).toBe(true);
    }
    const scripts = chunks.filter((file) => file.endsWith('.cjs'));
    expect(scripts.length).toBe(8);
    for (const name of scripts) {
      const text = readFileSync(join(CHUNKS_DIR, name), 'utf8');
      const { requires, imports } = scriptSpecifiers(text);
      for (const s of requires) expect(/^\.\/[^/]+\.cjs$/.test(s) || isPackage(s), `${name}: ${s}`).toBe(true);
      for (const s of imports) expect(isPackage(s), `${name}: ${s}`).toBe(true);
      // Every import() of the sources is the wrapper's importModule: a script has no import().
      expect(/\bimport\(/.test(text), name).toBe(false);
      expect(chunks, name).toContain(`${name}.code-cache`);
    }
  });

  it('every script, worker and path model is ASCII (read into one-byte strings), its comments\' other characters as \\u{…} text', () => {
    const files = readdirSync(CHUNKS_DIR).filter((file) => /\.c?js$/.test(file));
    expect(files.length).toBeGreaterThan(10);
    for (const name of files) expect(/[^\x00-\x7f]/.test(readFileSync(join(CHUNKS_DIR, name), 'latin1')), name).toBe(false);
    // The sources have such comments (a minus sign, an arrow), so the build did write escapes.
    expect(readFileSync(join(CHUNKS_DIR, 'simulate-command.cjs'), 'latin1')).toMatch(/\/\*\*[^\n]*\\u\{2212\}/);
  });

  it('main.cjs and each command are one script over the shared core (chunks/cli-core.cjs)', () => {
    const main = scriptSpecifiers(readFileSync(join(CHUNKS_DIR, 'main.cjs'), 'utf8'));
    const commands = ['evaluate', 'simulate', 'replay', 'events', 'report', 'cascade'];
    expect([...new Set(main.requires.filter((s) => !isPackage(s)))].sort()).toEqual(['./cli-core.cjs', ...commands.map((command) => `./${command}-command.cjs`)].sort());
    for (const command of commands) {
      const { requires, imports } = scriptSpecifiers(readFileSync(join(CHUNKS_DIR, `${command}-command.cjs`), 'utf8'));
      expect([...new Set([...requires, ...imports].filter((s) => !isPackage(s)))], command).toEqual(['./cli-core.cjs']);
    }
  });

  it("exports the core's own exports object (a getter per name), not esbuild's copy with one shared keyed getter", () => {
    const core = readFileSync(join(CHUNKS_DIR, 'cli-core.cjs'), 'utf8');
    expect(core.match(/^module\.exports = .*$/gm)).toEqual(['module.exports = __defProp(cli_core_exports, "__esModule", { value: true });']);
    expect(core).toMatch(/^__export\(cli_core_exports, \{$/m);
  });

  it('simulate and evaluate run main.js, then the core and their command script with their code caches, nothing else of ours', async () => {
    for (const args of [
      ['simulate', 'data/samples/positions.csv', '--balances', 'data/samples/balances.csv', '--paths', '10', '--threads', '1', '--format', 'json', '--quiet'],
      ['evaluate', 'data/samples/positions.csv', '--balances', 'data/samples/balances.csv', '--format', 'json'],
    ]) {
      const moduleLog = join(scratch, `modules-${args[0]}.txt`);
      const scriptLog = join(scratch, `scripts-${args[0]}.json`);
      const run = await runWith(RECORD_MODULES, args, { MODULE_LOG: moduleLog, SCRIPT_LOG: scriptLog }, ['--import', RECORD_SCRIPTS]);
      expect(run.code, run.stderr).toBe(0);
      // The module loader (which a preload puts in front of the entry) resolves main.js and nothing else of ours.
      const ours = [...new Set(readFileSync(moduleLog, 'utf8').split('\n').filter((url) => url.includes('/dist/src/cli/')))].map((url) => url.slice(url.indexOf('/dist/src/cli/') + '/dist/src/cli/'.length));
      expect(ours).toEqual(['main.js']);
      const scripts = JSON.parse(readFileSync(scriptLog, 'utf8')) as CompiledScript[];
      expect(scripts.map((s) => s.file.slice(s.file.indexOf('/dist/src/cli/') + '/dist/src/cli/'.length))).toEqual(['chunks/main.cjs', 'chunks/cli-core.cjs', `chunks/${args[0]}-command.cjs`]);
      for (const script of scripts) expect(script.cacheRejected, script.file).toBe(false);
    }
  }, 60_000);

  it('under other V8 flags the code caches are rejected and the scripts compile from source, with the same output', async () => {
    const args = ['simulate', 'data/samples/positions.csv', '--balances', 'data/samples/balances.csv', '--paths', '500', '--threads', '1', '--format', 'json', '--quiet'];
    const scriptLog = join(scratch, 'scripts-other-flags.json');
    const [cached, other] = await Promise.all([
      runWith(RECORD_MODULES, args),
      runWith(RECORD_SCRIPTS, args, { SCRIPT_LOG: scriptLog }, ['--max-old-space-size=3000']),
    ]);
    expect(other.code, other.stderr).toBe(0);
    const scripts = JSON.parse(readFileSync(scriptLog, 'utf8')) as CompiledScript[];
    expect(scripts.length).toBe(3);
    for (const script of scripts) expect(script.cacheRejected, script.file).toBe(true);
    expect(other.stdout).toBe(cached.stdout);
    expect(JSON.parse(other.stdout)).toMatchObject({ paths: 500 });
  }, 60_000);

  it("MARGINSCOPE_DEBUG=1 shows an internal error's stack with the scripts' own file names and lines", async () => {
    const args = ['simulate', 'data/samples/positions.csv', '--balances', 'data/samples/balances.csv', '--paths', '10', '--format', 'json', '--quiet'];
    const quiet = await runWith(FAILING_STAT, args);
    expect(quiet.code).toBe(3);
    expect(quiet.stderr).toContain('marginscope: internal error: stat failed in the test preload (a bug in marginscope');
    const debug = await runWith(FAILING_STAT, args, { MARGINSCOPE_DEBUG: '1' });
    expect(debug.code).toBe(3);
    const frame = /at \S+ \((\S+\/dist\/src\/cli\/chunks\/[\w-]+\.cjs):(\d+):(\d+)\)/.exec(debug.stderr);
    expect(frame, debug.stderr).not.toBeNull();
    // The first frame in a script is the call of stat (`(0, import_promises.stat)(path)`), at the line and column it names.
    const line = readFileSync(frame![1]!, 'utf8').split('\n')[Number(frame![2]) - 1]!;
    expect(line.slice(0, Number(frame![3]) - 1)).toMatch(/\bstat\)?$/);
  });

  it('a run left waiting with nothing to wait for is an internal error (exit 3), not a silent exit 0', async () => {
    const run = await runWith(STALLED_STAT, ['simulate', 'data/samples/positions.csv', '--balances', 'data/samples/balances.csv', '--paths', '10', '--format', 'json', '--quiet']);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('marginscope: internal error: the command stopped before it finished');
  });

  it('a finished command exits at once (process.exit, its exit listeners run) with its exit code and its whole output', async () => {
    const runs = [
      { args: ['simulate', 'data/samples/positions.csv', '--balances', 'data/samples/balances.csv', '--paths', '2000', '--threads', '2', '--format', 'json', '--quiet'], code: 0 },
      { args: ['evaluate', 'data/samples/positions.csv', '--balances', 'data/samples/balances.csv', '--format', 'json'], code: 0 },
      { args: ['--version'], code: 0 },
      { args: ['simulate', 'data/samples/positions.csv', '--paths', 'many'], code: 2 },
    ];
    for (const { args, code } of runs) {
      const log = join(scratch, `exit-${args[0]}-${code}.json`);
      const [recorded, plain] = await Promise.all([runWith(RECORD_EXIT, args, { EXIT_LOG: log }), runCli(args)]);
      expect(recorded.code, recorded.stderr).toBe(code);
      expect(JSON.parse(readFileSync(log, 'utf8'))).toEqual({ exitListeners: true, reallyExit: code });
      // Through a pipe, every byte arrived before the exit.
      expect(recorded.stdout).toBe(plain.stdout);
      if (args[0] !== '--version' && code === 0) expect(() => JSON.parse(recorded.stdout) as unknown).not.toThrow();
    }
  }, 60_000);

  it('a usage error found inside a command (its class from the shared core) is one usage line, exit 2', async () => {
    const run = await runWith(COUNT_SEGMENTERS, ['simulate', 'data/samples/positions.csv', '--with', 'data/samples/balances.csv', '--paths', '10']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--with applies to a venue export, but data/samples/positions.csv reads as the canonical positions CSV');
    expect(run.stderr).not.toContain('internal error');
  });

  it('vega stays out of the commands that draw no chart (its own import, in a chunk of the report)', () => {
    const text = readFileSync(join(CLI_DIR, 'main.js'), 'utf8');
    expect(text).not.toContain('"vega"');
    const withVega = readdirSync(CHUNKS_DIR).filter((name) => /\bimportModule\(\s*"vega"\s*\)/.test(readFileSync(join(CHUNKS_DIR, name), 'utf8')));
    expect(withVega.length).toBe(1);
  });

  it("yargs' text measuring (string-width: an Intl.Segmenter) is built only when help is printed", async () => {
    const segmenters = (stderr: string): number => Number(/segmenters: (\d+)/.exec(stderr)?.[1]);
    const version = await runWith(COUNT_SEGMENTERS, ['--version']);
    expect(version.code).toBe(0);
    expect(segmenters(version.stderr)).toBe(0);
    const simulate = await runWith(COUNT_SEGMENTERS, ['simulate', 'data/samples/positions.csv', '--balances', 'data/samples/balances.csv', '--paths', '10', '--format', 'json', '--quiet']);
    expect(simulate.code, simulate.stderr).toBe(0);
    expect(segmenters(simulate.stderr)).toBe(0);
    const usage = await runWith(COUNT_SEGMENTERS, ['simulate', 'data/samples/positions.csv', '--bogus']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('unknown option --bogus');
    // Help measures its columns: the real string-width runs, and wraps to the width asked for.
    const help = await runWith(COUNT_SEGMENTERS, ['simulate', '--help']);
    expect(help.code).toBe(0);
    expect(segmenters(help.stderr)).toBeGreaterThan(0);
    expect(help.stdout).toContain('--paths');
    expect(Math.max(...help.stdout.split('\n').map((line) => line.length))).toBeLessThanOrEqual(100);
  }, 60_000);

  it("yargs' checks of its own use pass without loading Node's assert module", async () => {
    const builtins = (stderr: string): string[] => (/builtins: (.*)/.exec(stderr)?.[1] ?? '').split(' ');
    const version = await runWith(RECORD_BUILTINS, ['--version']);
    expect(version.code).toBe(0);
    expect(builtins(version.stderr)).toContain('vm');
    expect(builtins(version.stderr)).not.toContain('assert');
    const simulate = await runWith(RECORD_BUILTINS, ['simulate', 'data/samples/positions.csv', '--balances', 'data/samples/balances.csv', '--paths', '10', '--format', 'json', '--quiet']);
    expect(simulate.code, simulate.stderr).toBe(0);
    expect(builtins(simulate.stderr)).not.toContain('assert');
    const usage = await runWith(RECORD_BUILTINS, ['simulate', 'data/samples/positions.csv', '--paths']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--paths needs a value');
    // Run from a folder with no package.json above it: yargs looks for one beside the bundle, not
    // from the working directory up (its failed check loaded assert), and prints the same.
    const elsewhere = mkdtempSync(join(tmpdir(), 'marginscope-no-package-'));
    try {
      const samples = ['simulate', join(REPO_ROOT, 'data/samples/positions.csv'), '--balances', join(REPO_ROOT, 'data/samples/balances.csv'), '--paths', '10', '--format', 'json', '--quiet'];
      for (const args of [['--version'], samples, ['simulate', '--help']]) {
        const [there, here] = await Promise.all([runWith(RECORD_BUILTINS, args, {}, [], elsewhere), runWith(RECORD_BUILTINS, args)]);
        expect(there.code, there.stderr).toBe(0);
        expect(builtins(there.stderr)).not.toContain('assert');
        expect(there.stdout).toBe(here.stdout);
      }
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  }, 60_000);

  it('a run that starts no worker thread does not load the worker module', async () => {
    const builtins = (stderr: string): string[] => (/builtins: (.*)/.exec(stderr)?.[1] ?? '').split(' ');
    const small = await runWith(RECORD_BUILTINS, ['simulate', 'data/samples/positions.csv', '--balances', 'data/samples/balances.csv', '--paths', '10', '--threads', '2', '--format', 'json', '--quiet']);
    expect(small.code, small.stderr).toBe(0);
    expect(builtins(small.stderr)).not.toContain('worker_threads');
  }, 60_000);

  it('simulate --threads 2 runs blocks on the bundle worker, with the output of --threads 1', async () => {
    // Enough paths that this thread cannot finish every block before the worker is up, even on a
    // loaded machine (at 20,000 paths a slow worker start once left it no block to run).
    const args = ['simulate', 'data/samples/positions.csv', '--balances', 'data/samples/balances.csv', '--paths', '200000', '--format', 'json', '--quiet'];
    const [one, two] = await Promise.all([runRecorded([...args, '--threads', '1']), runRecorded([...args, '--threads', '2'])]);
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    expect(one.workers).toEqual([]);
    expect(two.workers.length).toBeGreaterThan(0);
    for (const worker of two.workers) expect(worker.url.endsWith('/dist/src/cli/chunks/worker.js'), worker.url).toBe(true);
    expect(two.workers.reduce((sum, w) => sum + w.replies, 0)).toBeGreaterThan(0);
    expect(two.stdout).toBe(one.stdout);
    expect(JSON.parse(two.stdout)).toMatchObject({ paths: 200000, model: 'gbm' });
  }, 60_000);

  it('evaluate and cascade use their bundle workers, which load the student-t model entry', async () => {
    // evaluate starts its workers only for a file beyond 6 MB or the reader's window: 300 accounts
    // of 100 positions whose ids are long enough to make 6.6 MB.
    const rows = ['account,position_id,symbol,side,size,entry_price,mark_price,margin_mode,isolated_margin,leverage'];
    const balances = ['account,asset,amount'];
    for (let a = 0; a < 300; a++) {
      balances.push(`acct${a},USDT,${50_000 + a}`);
      for (let k = 0; k < 100; k++) rows.push(`acct${a},${`p${a}-${k}-`.padEnd(180, 'x')},BTCUSDT,${k % 2 === 0 ? 'long' : 'short'},0.0${1 + (k % 9)},90000,91000,cross,,10`);
    }
    const positionsPath = join(scratch, 'big-positions.csv');
    const balancesPath = join(scratch, 'big-balances.csv');
    writeFileSync(positionsPath, `${rows.join('\n')}\n`);
    writeFileSync(balancesPath, `${balances.join('\n')}\n`);
    const evaluate = await runRecorded(['evaluate', positionsPath, '--balances', balancesPath, '--format', 'csv', '--threads', '2', '--quiet']);
    expect(evaluate.code, evaluate.stderr).toBe(0);
    expect(evaluate.workers.map((w) => w.url.split('/').slice(-2).join('/'))).toEqual(['chunks/evaluate-worker.js']);
    expect(evaluate.workers[0]!.replies).toBeGreaterThan(0);
    const cascade = await runRecorded([
      'cascade', 'data/samples/cascade-own.csv', '--balances', 'data/samples/cascade-own-balances.csv', '--crowd', 'data/samples/crowd.csv',
      '--crowd-balances', 'data/samples/crowd-balances.csv', '--depth', 'data/samples/depth.csv', '--insurance-fund', 'USDT=3000000',
      '--paths', '200', '--horizon', '24h', '--steps', '48', '--model', 'student-t', '--threads', '2', '--format', 'json', '--quiet',
    ]);
    expect(cascade.code, cascade.stderr).toBe(0);
    expect(cascade.workers.length).toBe(2);
    for (const worker of cascade.workers) {
      expect(worker.url.endsWith('/dist/src/cli/chunks/cascade-worker.js'), worker.url).toBe(true);
      expect(worker.replies).toBeGreaterThan(0);
    }
  }, 60_000);
});
