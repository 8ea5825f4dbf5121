// `npm run bench`: the project's throughput and memory figures, each workload in its own child
// process so peak memory is measured cleanly. Not part of `npm test`.
//
//   node dist/test/bench/run.js                 all benchmarks
//   node dist/test/bench/run.js SECTION         one section: evaluate-cli, evaluate-shapes,
//                                               evaluate-export, anchors, evaluate, simulate, cascade
//   node dist/test/bench/run.js evaluate N      one in-process evaluate run on N generated positions (child mode)
//
// evaluate-cli: the built CLI's `evaluate --format csv` on 250,000 and 1,000,000 generated
// positions (1,000 accounts), median of MARGINSCOPE_BENCH_REPEAT runs (default 3): positions per
// second end to end and peak RSS. evaluate-shapes: the same on books of other shapes
// (book-shapes.ts). evaluate-export: the same on a venue export of one account of 25,000 and
// 100,000 coins (venue-export-book.ts: the JSON reader and the one large cross pool). anchors: the Monte Carlo against the C and numpy anchors in the same run
// (anchors.ts), on the shared workload and on the shapes, C at 500,000 paths and numpy at 50,000
// (the goals' path counts), on the shared workload the C program built for SSE2 too (two f64
// lanes, WebAssembly's SIMD width), and marginscope alone on a book of three accounts and on a
// batch of twenty small accounts (1 and 2 threads).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runKernelBenchmark } from '../../src/kernel/kernel-benchmark.js';
import { anchorsDir, compareWorkload, marginscopeBookLine, prepareAnchors, runAnchors } from './anchors.js';
import { BATCH_ACCOUNTS_SHAPE, EVALUATE_SHAPES, MONTE_CARLO_SHAPES, SEVERAL_ACCOUNTS_SHAPE, writeShapeBook } from './book-shapes.js';
import { runCliEvaluate, type CliEvaluateInput, type CliEvaluateResult } from './cli-evaluate-bench.js';
import { runCascadeBench } from './cascade-bench.js';
import { cascadeThreadsBenchLine } from './cascade-threads-bench.js';
import { runEvaluateBench } from './evaluate-bench.js';
import { generateBook } from './generate-book.js';
import { withPeakMemory } from './peak-memory.js';
import { writeHyperliquidExport } from './venue-export-book.js';

const self = fileURLToPath(import.meta.url);

async function child(kind: string, size: number): Promise<void> {
  if (kind === 'evaluate') {
    const dir = mkdtempSync(join(tmpdir(), 'marginscope-bench-'));
    try {
      const book = await generateBook(dir, size);
      const r = await runEvaluateBench(book);
      process.stdout.write(
        `import+evaluate  ${r.positions.toLocaleString('en-US').padStart(10)} positions  ${r.accounts.toLocaleString('en-US').padStart(8)} accounts  ` +
          `${r.seconds.toFixed(2).padStart(6)} s  ${Math.round(r.rowsPerSecond).toLocaleString('en-US').padStart(10)} rows/s  ` +
          `peak RSS ${r.peakRssMiB.toFixed(0)} MiB  peak heap ${r.peakHeapMiB.toFixed(0)} MiB  issues ${r.issues}\n`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return;
  }
  if (kind === 'simulate') {
    // Fixed workload: one cross account, 20 positions on 10 assets, correlated GBM, 96 steps
    // over 24 h; `size` paths on every core.
    const { result: r, memory } = await withPeakMemory(() => runKernelBenchmark({ paths: size }));
    process.stdout.write(
      `monte carlo      ${r.paths.toLocaleString('en-US').padStart(10)} paths × ${r.steps} steps × ${r.positions} positions on ${r.threads} threads  ` +
        `${r.seconds.toFixed(2).padStart(6)} s  ${(r.positionStepsPerSecond / 1e6).toFixed(1)} M position-steps/s  ` +
        `peak RSS ${memory.peakRssMiB.toFixed(0)} MiB (main thread view)\n`,
    );
    return;
  }
  if (kind === 'cascade') {
    // Fixed market: 100,000 accounts on 10 symbols; `size` paths × 96 steps, one thread.
    const { result: r, memory } = await withPeakMemory(() => Promise.resolve(runCascadeBench(100_000, size)));
    process.stdout.write(
      `cascade          ${r.accounts.toLocaleString('en-US')} accounts (${r.positions.toLocaleString('en-US')} positions) × ${r.paths.toLocaleString('en-US')} paths × ${r.steps} steps  ` +
        `${r.seconds.toFixed(2).padStart(6)} s (${((r.seconds * 1000) / r.paths).toFixed(1)} ms/path, setup ${r.setupSeconds.toFixed(2)} s)  ` +
        `${r.liquidationsPerPath.toFixed(0)} liquidations/path  fund exhausted on ${(r.depletedShare * 100).toFixed(1)} % of paths  peak RSS ${memory.peakRssMiB.toFixed(0)} MiB\n`,
    );
    return;
  }
  if (kind === 'cascade-threads') return void process.stdout.write(await cascadeThreadsBenchLine(100_000, size));
  throw new Error(`unknown benchmark ${kind}`);
}

function runChild(kind: string, size: number): void {
  const run = spawnSync(process.execPath, ['--expose-gc', self, kind, String(size)], { stdio: 'inherit' });
  if (run.status !== 0) process.exitCode = 1;
}

/** The built CLI next to this file (dist/test/bench → dist/src/cli). */
const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const REPEAT = Math.max(1, Number(process.env['MARGINSCOPE_BENCH_REPEAT'] ?? 3) || 3);

function medianOf(results: readonly CliEvaluateResult[], key: keyof CliEvaluateResult): number {
  const sorted = results.map((r) => r[key]).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function cliEvaluateLine(label: string, dir: string, input: CliEvaluateInput): void {
  const runs: CliEvaluateResult[] = [];
  for (let i = 0; i < REPEAT; i++) runs.push(runCliEvaluate(CLI, input, join(dir, 'out.csv')));
  process.stdout.write(
    `evaluate (CLI, CSV out)  ${label}: ${input.positions.toLocaleString('en-US')} positions  median of ${REPEAT}: ${medianOf(runs, 'seconds').toFixed(2)} s  ` +
      `${Math.round(medianOf(runs, 'positionsPerSecond')).toLocaleString('en-US')} positions/s  peak RSS ${medianOf(runs, 'peakRssMiB').toFixed(0)} MiB  ` +
      `output ${medianOf(runs, 'outputMiB').toFixed(0)} MiB\n`,
  );
}

async function evaluateCliSection(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'marginscope-bench-'));
  try {
    for (const size of [250_000, 1_000_000]) {
      const book = await generateBook(dir, size, size / 1_000);
      cliEvaluateLine('1,000 accounts', dir, { positionsPath: book.positionsPath, balancesPath: book.balancesPath, positions: book.positions });
      rmSync(book.positionsPath, { force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function evaluateShapesSection(): void {
  const dir = mkdtempSync(join(tmpdir(), 'marginscope-bench-'));
  try {
    for (const shape of EVALUATE_SHAPES) {
      const book = writeShapeBook(dir, shape);
      cliEvaluateLine(shape.name, dir, { positionsPath: book.positionsPath, balancesPath: book.balancesPath, tiersPath: book.tiersPath, positions: book.positions });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function evaluateExportSection(): void {
  const dir = mkdtempSync(join(tmpdir(), 'marginscope-bench-'));
  try {
    for (const size of [25_000, 100_000]) {
      const positionsPath = writeHyperliquidExport(dir, size);
      cliEvaluateLine('one Hyperliquid account (clearinghouseState JSON), one coin a position', dir, { positionsPath, positions: size });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function anchorsSection(): void {
  const found = anchorsDir();
  if (found === null) {
    process.stdout.write('monte carlo anchors skipped: no mc_limit.c / mc_reference.py in MARGINSCOPE_BENCH_ANCHORS (default ../shared/bench)\n');
    return;
  }
  const tools = prepareAnchors(found);
  const print = (r: { workload: string; lines: readonly string[] }) => process.stdout.write(`monte carlo vs anchors: ${r.workload}\n${r.lines.join('\n')}\n`);
  print(runAnchors(tools, CLI, compareWorkload(found), 500_000, 50_000, true));
  const dir = mkdtempSync(join(tmpdir(), 'marginscope-bench-'));
  try {
    for (const shape of MONTE_CARLO_SHAPES) {
      const book = writeShapeBook(dir, shape);
      print(runAnchors(tools, CLI, { name: shape.name, positionsPath: book.positionsPath, tiersPath: book.tiersPath, volArgs: book.volArgs, wallet: book.wallet, positions: book.positions }, 500_000, 50_000));
    }
    print({ workload: SEVERAL_ACCOUNTS_SHAPE.name, lines: [marginscopeBookLine(CLI, writeShapeBook(dir, SEVERAL_ACCOUNTS_SHAPE), 50_000)] });
    const batch = writeShapeBook(dir, BATCH_ACCOUNTS_SHAPE);
    print({ workload: BATCH_ACCOUNTS_SHAPE.name, lines: [marginscopeBookLine(CLI, batch, 10_000, 1), marginscopeBookLine(CLI, batch, 10_000, 2)] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const SECTIONS: Readonly<Record<string, () => void | Promise<void>>> = {
  'evaluate-cli': evaluateCliSection,
  'evaluate-shapes': evaluateShapesSection,
  'evaluate-export': evaluateExportSection,
  anchors: anchorsSection,
  evaluate: () => {
    runChild('evaluate', 250_000);
    runChild('evaluate', 1_000_000);
  },
  simulate: () => runChild('simulate', 500_000),
  cascade: () => runChild('cascade', 1_000),
  'cascade-threads': () => runChild('cascade-threads', 1_000),
};

const [kind, size] = process.argv.slice(2);
if (kind !== undefined && size !== undefined) {
  await child(kind, Number(size));
} else {
  process.stdout.write(`marginscope benchmarks (node ${process.version}, ${(await import('node:os')).availableParallelism()} cores)\n`);
  const selected = kind === undefined ? Object.keys(SECTIONS) : [kind];
  for (const name of selected) {
    const section = SECTIONS[name];
    if (section === undefined) throw new Error(`unknown section ${name}; one of ${Object.keys(SECTIONS).join(', ')}`);
    await section();
  }
}
