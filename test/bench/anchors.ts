// The Monte Carlo speed anchors, timed in the same run as marginscope: the C program written for
// speed (mc_limit.c, the practical limit) and the vectorised numpy program (mc_reference.py), as
// the team's `bench/compare` script runs them, on the same workload. Found in the folder named by
// MARGINSCOPE_BENCH_ANCHORS (default: ../shared/bench from the project root). A missing folder, C
// compiler or numpy is said and that ratio skipped; it never fails the benchmark. On the compare
// workload the C program is also timed built for SSE2 (`-march=x86-64`): two f64 lanes, the width
// of WebAssembly's SIMD, where the native build may use AVX-512's eight; the README's speed section
// says why that figure matters for a WebAssembly engine.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** One Monte Carlo workload: a positions file, its tier table, the vols and the wallet. */
export interface McWorkload {
  readonly name: string;
  readonly positionsPath: string;
  readonly tiersPath: string;
  /** `--vol SYMBOL=VOL` arguments. */
  readonly volArgs: readonly string[];
  readonly wallet: number;
  /** Positions in the book (for position-steps per second). */
  readonly positions: number;
}

export interface AnchorTools {
  readonly dir: string;
  /** The built C program, or why there is none. */
  readonly cBinary: string | { readonly missing: string };
  /** The same program built for SSE2 (two f64 lanes, as WebAssembly's SIMD), or why there is none. */
  readonly cBinaryTwoLanes: string | { readonly missing: string };
  /** The python that imports numpy, or why there is none. */
  readonly python: string | { readonly missing: string };
}

const STEPS = 96;
const CORRELATION = '0.6';

/** The anchors' folder, or null when it is not there. */
export function anchorsDir(): string | null {
  const dir = resolve(process.env['MARGINSCOPE_BENCH_ANCHORS'] ?? join('..', 'shared', 'bench'));
  return existsSync(join(dir, 'mc_limit.c')) && existsSync(join(dir, 'mc_reference.py')) ? dir : null;
}

/** mc_limit.c built with `-march=ARCH` into the temporary folder (kept while the source is older), or why it could not be. */
function buildMcLimit(source: string, arch: string, suffix: string): string | { readonly missing: string } {
  const binary = join(tmpdir(), `marginscope-mc_limit${suffix}-${process.getuid?.() ?? 0}`);
  if (existsSync(binary) && statSync(source).mtimeMs <= statSync(binary).mtimeMs) return binary;
  const cc = process.env['CC'] ?? 'gcc';
  const build = spawnSync(cc, ['-std=gnu11', '-O3', `-march=${arch}`, '-Wall', '-Wextra', '-Wno-psabi', '-o', binary, source, '-lm', '-lpthread'], { encoding: 'utf8' });
  if (build.error !== undefined || build.status !== 0) {
    return { missing: `no C compiler could build mc_limit.c for ${arch} (${cc}: ${build.error?.message ?? build.stderr.split('\n')[0]})` };
  }
  return binary;
}

/** Builds mc_limit.c for this CPU (as compare does: gcc -O3 -march=native) and for SSE2, and finds numpy. */
export function prepareAnchors(dir: string): AnchorTools {
  const source = join(dir, 'mc_limit.c');
  const cBinary = buildMcLimit(source, 'native', '');
  const cBinaryTwoLanes = buildMcLimit(source, 'x86-64', '-sse2');
  const probe = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' });
  const python: AnchorTools['python'] = probe.error === undefined && probe.status === 0 ? 'python3' : { missing: 'python3 with numpy is not installed' };
  return { dir, cBinary, cBinaryTwoLanes, python };
}

/** The default workload of compare: one cross account, 20 positions on 10 assets, wallet 20,000. */
export function compareWorkload(dir: string): McWorkload {
  return {
    name: 'compare workload (20 positions, 10 assets, margin ratio ~52 %)',
    positionsPath: join(dir, 'positions.csv'),
    tiersPath: join(dir, 'tiers.csv'),
    volArgs: readFileSync(join(dir, 'vols.txt'), 'utf8').trim().split(/\s+/),
    wallet: 20_000,
    positions: 20,
  };
}

/** Wall seconds of one command (output thrown away); null when it fails. */
function timed(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): number | null {
  const started = process.hrtime.bigint();
  const run = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.error !== undefined || run.status !== 0) {
    process.stderr.write(`bench: ${command} ${args.slice(0, 2).join(' ')} failed: ${run.error?.message ?? run.stderr.split('\n').slice(0, 3).join(' ')}\n`);
    return null;
  }
  return seconds;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** marginscope's `simulate` on the workload, as compare runs it (2 threads, JSON out). */
function marginscopeSeconds(cli: string, w: McWorkload, paths: number): number | null {
  return timed(process.execPath, [
    cli, 'simulate', w.positionsPath, '--tiers', w.tiersPath, '--wallet', String(w.wallet), ...w.volArgs, '--corr', CORRELATION, '--model', 'gbm',
    '--paths', String(paths), '--steps', String(STEPS), '--horizon', '24h', '--seed', '1', '--threads', '2', '--format', 'json', '--quiet',
  ]);
}

/**
 * marginscope's `simulate` on a book of several accounts (their own balances file), as compare
 * runs it otherwise: wall seconds and M position-steps per second, or null when it fails.
 */
export function marginscopeBookLine(cli: string, book: { positionsPath: string; balancesPath: string; tiersPath: string; volArgs: readonly string[]; positions: number }, paths: number, threads = 2): string {
  const seconds = timed(process.execPath, [
    cli, 'simulate', book.positionsPath, '--balances', book.balancesPath, '--tiers', book.tiersPath, ...book.volArgs, '--corr', CORRELATION, '--model', 'gbm',
    '--paths', String(paths), '--steps', String(STEPS), '--horizon', '24h', '--seed', '1', '--threads', String(threads), '--format', 'json', '--quiet',
  ]);
  const engine = `marginscope, ${threads} thread${threads === 1 ? '' : 's'}`;
  if (seconds === null) return `  ${engine} ${paths} paths: failed`;
  return `  ${engine.padEnd(28)}${String(paths).padStart(9)}${seconds.toFixed(2).padStart(10)} s${((paths * STEPS * book.positions) / seconds / 1e6).toFixed(0).padStart(8)} M position-steps/s (no anchor: C and numpy model one account)`;
}

export interface AnchorRatios {
  readonly workload: string;
  readonly lines: readonly string[];
}

/**
 * The table and ratios of compare for one workload: C (median of three runs) and marginscope at
 * `pathsC`, numpy and marginscope at `pathsNumpy`, all in this run; with `twoLanes`, the C program
 * built for SSE2 too (median of three), and marginscope's ratio to it.
 */
export function runAnchors(tools: AnchorTools, cli: string, w: McWorkload, pathsC: number, pathsNumpy: number, twoLanes = false): AnchorRatios {
  const lines: string[] = [];
  const mps = (paths: number, s: number) => ((paths * STEPS * w.positions) / s / 1e6).toFixed(0);
  const row = (engine: string, paths: number, s: number | null) =>
    `  ${engine.padEnd(28)}${String(paths).padStart(9)}${s === null ? '     failed' : `${s.toFixed(2).padStart(10)} s${mps(paths, s).padStart(8)} M position-steps/s`}`;
  const ratios: string[] = [];
  if (typeof tools.cBinary === 'string') {
    const cArgs = [w.positionsPath, w.tiersPath, '--wallet', String(w.wallet), ...w.volArgs, '--corr', CORRELATION, '--paths', String(pathsC), '--steps', String(STEPS), '--hours', '24', '--seed', '1', '--threads', '2'];
    const runs = [0, 1, 2].map(() => timed(tools.cBinary as string, cArgs)).filter((s): s is number => s !== null);
    const c = runs.length === 0 ? null : median(runs);
    const ours = marginscopeSeconds(cli, w, pathsC);
    lines.push(row('C, 2 threads (the limit)', pathsC, c), row('marginscope, 2 threads', pathsC, ours));
    if (c !== null && ours !== null) ratios.push(`marginscope / C ${(ours / c).toFixed(2)} (goal <= 3.0)`);
    if (twoLanes && typeof tools.cBinaryTwoLanes === 'string') {
      const sse2Runs = [0, 1, 2].map(() => timed(tools.cBinaryTwoLanes as string, cArgs)).filter((s): s is number => s !== null);
      const sse2 = sse2Runs.length === 0 ? null : median(sse2Runs);
      lines.push(row('C built for SSE2 (2 lanes)', pathsC, sse2));
      if (sse2 !== null && ours !== null) ratios.push(`marginscope / C for SSE2 ${(ours / sse2).toFixed(2)}`);
    } else if (twoLanes && typeof tools.cBinaryTwoLanes !== 'string') {
      lines.push(`  C for SSE2 skipped: ${tools.cBinaryTwoLanes.missing}`);
    }
  } else {
    lines.push(`  C anchor skipped: ${tools.cBinary.missing}`);
  }
  if (typeof tools.python === 'string') {
    const env = { ...process.env };
    delete env['OPENBLAS_CORETYPE'];
    delete env['OPENBLAS_L2_SIZE'];
    const np = timed(tools.python, [join(tools.dir, 'mc_reference.py'), w.positionsPath, w.tiersPath, '--wallet', String(w.wallet), ...w.volArgs, '--corr', CORRELATION, '--paths', String(pathsNumpy), '--steps', String(STEPS), '--hours', '24', '--seed', '1'], env);
    const ours = marginscopeSeconds(cli, w, pathsNumpy);
    lines.push(row('numpy, vectorised', pathsNumpy, np), row('marginscope, 2 threads', pathsNumpy, ours));
    if (np !== null && ours !== null) ratios.push(`marginscope / numpy ${(ours / np).toFixed(2)} (goal <= 0.25)`);
  } else {
    lines.push(`  numpy anchor skipped: ${tools.python.missing}`);
  }
  if (ratios.length > 0) lines.push(`  ratio: ${ratios.join('; ')}`);
  return { workload: w.name, lines };
}
