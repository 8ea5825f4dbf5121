// `npm run bench`: the project's throughput and memory figures, each workload in its own child
// process so peak memory is measured cleanly. Not part of `npm test`.
//
//   node dist/test/bench/run.js            all benchmarks
//   node dist/test/bench/run.js evaluate N one evaluate run on N generated positions (child mode)

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runKernelBenchmark } from '../../src/kernel/benchmark-workload.js';
import { runCascadeBench } from './cascade-bench.js';
import { cascadeThreadsBenchLine } from './cascade-threads-bench.js';
import { runEvaluateBench } from './evaluate-bench.js';
import { generateBook } from './generate-book.js';
import { withPeakMemory } from './peak-memory.js';

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

const [kind, size] = process.argv.slice(2);
if (kind !== undefined) {
  await child(kind, Number(size));
} else {
  process.stdout.write(`marginscope benchmarks (node ${process.version}, ${(await import('node:os')).availableParallelism()} cores)\n`);
  runChild('evaluate', 250_000);
  runChild('evaluate', 1_000_000);
  runChild('simulate', 500_000);
  runChild('cascade', 1_000);
  runChild('cascade-threads', 1_000);
}
