// The built command runs from its esbuild bundle (scripts/bundle-cli.mjs): dist/src/cli/main.js
// imports only its own chunks and packages, never tsc's modules beside it; each command is one file
// over the shared core (chunks/cli-core.js), sharing its instances with main; only help builds
// yargs' text measuring; and the worker threads and path models it loads by URL are the bundle's
// entries in chunks/, doing real work.

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ENTRY, REPO_ROOT, ensureBuilt } from './run-cli.js';

const CLI_DIR = join(REPO_ROOT, 'dist/src/cli');
const CHUNKS_DIR = join(CLI_DIR, 'chunks');
const PRELOAD = join(REPO_ROOT, 'test/cli/fixtures/record-workers.mjs');
const COUNT_SEGMENTERS = join(REPO_ROOT, 'test/cli/fixtures/count-segmenters.mjs');
const RECORD_MODULES = join(REPO_ROOT, 'test/cli/fixtures/record-modules.mjs');
const PACKAGES = Object.keys((JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies);

/** Every module specifier a bundle file imports, statically (`from "x"`, `import "x"`) or with `import("x")`. */
function specifiers(text: string): { statics: string[]; dynamics: string[] } {
  const statics = [...text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']|^import\s*["']([^"']+)["']/gms)].map((m) => (m[1] ?? m[2])!);
  const dynamics = [...text.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!);
  return { statics, dynamics };
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

/** Runs the command with `preload`: exit code and the two streams. */
function runWith(preload: string, args: readonly string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', preload, CLI_ENTRY, ...args], { cwd: REPO_ROOT, env: { ...process.env, NO_COLOR: '1', ...env } }, (error, stdout, stderr) => {
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
  it('main.js imports only its chunks and packages, and every chunk only chunks and packages', () => {
    const main = specifiers(readFileSync(join(CLI_DIR, 'main.js'), 'utf8'));
    expect(main.statics.length).toBeGreaterThan(0);
    for (const s of main.statics) expect(s.startsWith('./chunks/') || isPackage(s), s).toBe(true);
    // The six commands stay behind their dynamic imports, each a chunk.
    expect(main.dynamics.filter((s) => s.startsWith('./chunks/')).length).toBeGreaterThanOrEqual(6);
    for (const s of main.dynamics) expect(s.startsWith('./chunks/'), s).toBe(true);
    const chunks = readdirSync(CHUNKS_DIR).filter((name) => name.endsWith('.js'));
    for (const name of ['worker.js', 'evaluate-worker.js', 'cascade-worker.js', 'gbm-model.js', 'student-t-model.js', 'bootstrap-model.js']) expect(chunks).toContain(name);
    for (const name of chunks) {
      const { statics, dynamics } = specifiers(readFileSync(join(CHUNKS_DIR, name), 'utf8'));
      for (const s of [...statics, ...dynamics]) expect(/^\.\/[^/]+\.js$/.test(s) || isPackage(s), `${name}: ${s}`).toBe(true);
    }
  });

  it('main.js and each command are one file over the shared core (chunks/cli-core.js)', () => {
    const main = specifiers(readFileSync(join(CLI_DIR, 'main.js'), 'utf8'));
    expect([...new Set(main.statics.filter((s) => !isPackage(s)))]).toEqual(['./chunks/cli-core.js']);
    for (const command of ['evaluate', 'simulate', 'replay', 'events', 'report', 'cascade']) {
      expect(main.dynamics).toContain(`./chunks/${command}-command.js`);
      const { statics, dynamics } = specifiers(readFileSync(join(CHUNKS_DIR, `${command}-command.js`), 'utf8'));
      expect([...new Set([...statics, ...dynamics].filter((s) => !isPackage(s)))], command).toEqual(['./cli-core.js']);
    }
  });

  it('simulate and evaluate load main.js, the core and their command file, and no other module of ours', async () => {
    for (const args of [
      ['simulate', 'data/samples/positions.csv', '--balances', 'data/samples/balances.csv', '--paths', '10', '--threads', '1', '--format', 'json', '--quiet'],
      ['evaluate', 'data/samples/positions.csv', '--balances', 'data/samples/balances.csv', '--format', 'json'],
    ]) {
      const log = join(scratch, `modules-${args[0]}.txt`);
      const run = await runWith(RECORD_MODULES, args, { MODULE_LOG: log });
      expect(run.code, run.stderr).toBe(0);
      const ours = [...new Set(readFileSync(log, 'utf8').split('\n').filter((url) => url.includes('/dist/src/cli/')))].map((url) => url.slice(url.indexOf('/dist/src/cli/') + '/dist/src/cli/'.length));
      expect(ours.sort()).toEqual(['chunks/cli-core.js', `chunks/${args[0]}-command.js`, 'main.js']);
    }
  }, 60_000);

  it('a usage error found inside a command (its class from the shared core) is one usage line, exit 2', async () => {
    const exportFile = join(scratch, 'export.json');
    writeFileSync(exportFile, '{"positions": []}\n');
    const run = await runWith(COUNT_SEGMENTERS, ['simulate', exportFile, '--paths', '10']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('simulate reads the canonical positions CSV');
    expect(run.stderr).not.toContain('internal error');
  });

  it('vega stays out of the commands that draw no chart (its own import, in a chunk of the report)', () => {
    const text = readFileSync(join(CLI_DIR, 'main.js'), 'utf8');
    expect(text).not.toContain('"vega"');
    const withVega = readdirSync(CHUNKS_DIR).filter((name) => /\bimport\(\s*"vega"\s*\)/.test(readFileSync(join(CHUNKS_DIR, name), 'utf8')));
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

  it('simulate --threads 2 runs blocks on the bundle worker, with the output of --threads 1', async () => {
    const args = ['simulate', 'data/samples/positions.csv', '--balances', 'data/samples/balances.csv', '--paths', '20000', '--format', 'json', '--quiet'];
    const [one, two] = await Promise.all([runRecorded([...args, '--threads', '1']), runRecorded([...args, '--threads', '2'])]);
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    expect(one.workers).toEqual([]);
    expect(two.workers.length).toBeGreaterThan(0);
    for (const worker of two.workers) expect(worker.url.endsWith('/dist/src/cli/chunks/worker.js'), worker.url).toBe(true);
    expect(two.workers.reduce((sum, w) => sum + w.replies, 0)).toBeGreaterThan(0);
    expect(two.stdout).toBe(one.stdout);
    expect(JSON.parse(two.stdout)).toMatchObject({ paths: 20000, model: 'gbm' });
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
