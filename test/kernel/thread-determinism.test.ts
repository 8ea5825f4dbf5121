// Bit-identical results whatever the thread count: the compiled build (dist/, made by
// `npm run build`, which `npm test` runs first) is run in a child process with 1, 2 and 3 threads
// (the calling thread and 0, 1, 2 workers) on the benchmark account; outcomes and the per-path
// observer stream must be identical, and the workers must have run some of the blocks.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const distRoot = new URL('../../dist/', import.meta.url);

/** The compiled modules every script below uses (each runs in a child process, as a user would). */
const SCRIPT_IMPORTS = `
const root = ${JSON.stringify(distRoot.href)};
const { benchmarkWorkload } = await import(root + 'src/kernel/benchmark-workload.js');
const { runBlocks, idleSimulationWorkers, prestartSimulationWorkers } = await import(root + 'src/kernel/run-blocks.js');
const { SMALL_RUN_POSITION_STEPS } = await import(root + 'src/kernel/simulation-workers.js');
const { createGbmModel } = await import(root + 'src/scenarios/models/gbm-model.js');
`;

const script = `${SCRIPT_IMPORTS}
const workload = benchmarkWorkload(24);
const recipe = { moduleUrl: root + 'src/scenarios/models/gbm-model.js', exportName: 'createGbmModel', spec: workload.modelSpec };
// A small run uses workers only when they are up (SMALL_RUN_POSITION_STEPS): start them first.
prestartSimulationWorkers(20000, 3);
const lines = [];
for (const threads of [1, 2, 3]) {
  let digest = 0;
  let weighted = 0;
  const outcome = await runBlocks({
    book: workload.book, model: createGbmModel(workload.modelSpec), recipe,
    modelAssets: workload.modelAssets, correlation: workload.correlation,
    seed: 7, paths: 20000, blockSize: 250, threads,
    options: { slippageBps: 5, monitoring: 'continuous' },
    observer: (r) => {
      for (let m = 0; m < 3; m++) {
        digest = (Math.imul(digest, 31) + r.pathIndex + 7 * r.firstLiquidationStep(m)) | 0;
        for (let j = 0; j < r.positionCount; j++) digest = (Math.imul(digest, 17) + r.liquidationStep(m, j)) | 0;
        weighted += r.loss(m) * (r.pathIndex + 1);
      }
    },
  });
  // The work counters gradientMemberSteps and lazySkippedPoolSteps may differ by thread (KernelDiagnostics).
  const { threads: used, workerBlocks, gradientMemberSteps, lazySkippedPoolSteps, ...diagnostics } = outcome.diagnostics;
  lines.push(JSON.stringify({ used, workerBlocks, result: { ...outcome, diagnostics }, digest, weighted }));
}
console.log(lines.join('\\n'));
`;

describe('thread-count determinism (compiled build)', () => {
  it('gives byte-identical outcomes and observer streams with 1, 2 and 3 threads', () => {
    const worker = new URL('src/kernel/worker.js', distRoot);
    expect(existsSync(fileURLToPath(worker)), 'dist/ is missing: run `npm run build` first').toBe(true);
    const run = spawnSync(process.execPath, ['--input-type=module'], { input: script, encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr, run.stderr).toBe('');
    const [one, two, three] = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { used: number; workerBlocks: number; result: unknown; digest: number; weighted: number });
    expect(one!.used).toBe(1);
    // The calling thread runs blocks too; the workers took some of them.
    expect(one!.workerBlocks).toBe(0);
    // On a very busy machine a worker may come up after this thread has taken every block of a
    // run; over the two runs with workers, they took some.
    expect(two!.workerBlocks + three!.workerBlocks).toBeGreaterThan(0);
    expect(two!.used).toBe(2);
    expect(three!.used).toBe(3);
    expect(JSON.stringify(two!.result)).toBe(JSON.stringify(one!.result));
    expect(JSON.stringify(three!.result)).toBe(JSON.stringify(one!.result));
    expect(two!.digest).toBe(one!.digest);
    expect(three!.weighted).toBe(one!.weighted);
  });

  it('keeps its workers from one run to the next (accounts of a batch), with the same results as in process', () => {
    // Three runs on different books and step counts, each on 1 then 2 threads: the second
    // thread is the same worker every time (its thread id), idle between runs, and the process
    // still ends on its own (an idle worker does not keep it alive).
    const batch = `${SCRIPT_IMPORTS}
// Small runs use workers only when they are up (SMALL_RUN_POSITION_STEPS): a batch starts them.
prestartSimulationWorkers(8000, 2);
const lines = [];
for (const steps of [24, 12, 48]) {
  const workload = benchmarkWorkload(steps);
  const recipe = { moduleUrl: root + 'src/scenarios/models/gbm-model.js', exportName: 'createGbmModel', spec: workload.modelSpec };
  const run = (threads) => runBlocks({
    book: workload.book, model: createGbmModel(workload.modelSpec), recipe,
    modelAssets: workload.modelAssets, correlation: workload.correlation,
    seed: 11, paths: 8000, blockSize: 250, threads, options: { slippageBps: 5, monitoring: 'continuous' },
  });
  const strip = ({ diagnostics: { threads, workerBlocks, gradientMemberSteps, lazySkippedPoolSteps, ...diagnostics }, ...outcome }) => JSON.stringify({ ...outcome, diagnostics });
  const one = await run(1);
  const two = await run(2);
  lines.push(JSON.stringify({ same: strip(one) === strip(two), workerBlocks: two.diagnostics.workerBlocks, idle: idleSimulationWorkers() }));
}
console.log(lines.join('\\n'));
`;
    const started = Date.now();
    const run = spawnSync(process.execPath, ['--input-type=module'], { input: batch, encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr, run.stderr).toBe('');
    expect(run.status).toBe(0);
    const runs = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { same: boolean; workerBlocks: number; idle: number[] });
    expect(runs).toHaveLength(3);
    for (const r of runs) {
      expect(r.same).toBe(true);
      expect(r.idle).toHaveLength(1);
      expect(r.idle[0]).toBe(runs[0]!.idle[0]);
    }
    // The worker ran blocks (on a busy machine the calling thread may take all of a short run's).
    expect(runs.reduce((sum, r) => sum + r.workerBlocks, 0)).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('runs overlapping runs (the accounts of a batch) each to the result it has alone', () => {
    // Three runs started together on 2 threads share this thread and one worker, oldest first;
    // each must equal its own in-process run, observer stream included.
    const overlapping = `${SCRIPT_IMPORTS}
const request = (steps, seed, threads, digest) => {
  const workload = benchmarkWorkload(steps);
  const recipe = { moduleUrl: root + 'src/scenarios/models/gbm-model.js', exportName: 'createGbmModel', spec: workload.modelSpec };
  return {
    book: workload.book, model: createGbmModel(workload.modelSpec), recipe,
    modelAssets: workload.modelAssets, correlation: workload.correlation,
    seed, paths: 9000, blockSize: 200, threads, options: { slippageBps: 5, monitoring: 'continuous' },
    observer: (r) => { for (let m = 0; m < 3; m++) digest.value = (Math.imul(digest.value, 31) + r.pathIndex + 7 * r.firstLiquidationStep(m)) | 0; },
  };
};
const strip = ({ diagnostics: { threads, workerBlocks, gradientMemberSteps, lazySkippedPoolSteps, ...diagnostics }, ...outcome }) => JSON.stringify({ ...outcome, diagnostics });
const settings = [[24, 3], [12, 4], [48, 5]];
// Small runs use workers only when they are up (SMALL_RUN_POSITION_STEPS): a batch starts them.
prestartSimulationWorkers(9000, 2);
const alone = [];
for (const [steps, seed] of settings) {
  const digest = { value: 0 };
  alone.push({ result: strip(await runBlocks(request(steps, seed, 1, digest))), digest: digest.value });
}
const digests = settings.map(() => ({ value: 0 }));
const together = await Promise.all(settings.map(([steps, seed], i) => runBlocks(request(steps, seed, 2, digests[i]))));
console.log(JSON.stringify({
  same: together.map((outcome, i) => strip(outcome) === alone[i].result && digests[i].value === alone[i].digest),
  workerBlocks: together.map((outcome) => outcome.diagnostics.workerBlocks),
  idle: idleSimulationWorkers().length,
}));
`;
    const run = spawnSync(process.execPath, ['--input-type=module'], { input: overlapping, encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr, run.stderr).toBe('');
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout.trim()) as { same: boolean[]; workerBlocks: number[]; idle: number };
    expect(result.same).toEqual([true, true, true]);
    // The worker ran blocks (how many of which run depends on when it came up).
    expect(result.workerBlocks.reduce((sum, blocks) => sum + blocks, 0)).toBeGreaterThan(0);
    // After the last run, the one worker waits idle for the next.
    expect(result.idle).toBe(1);
  });

  it('reports a worker that cannot start, and stops the calling thread’s share too', () => {
    const failing = `${SCRIPT_IMPORTS}
const workload = benchmarkWorkload(24);
const recipe = { moduleUrl: root + 'src/scenarios/models/gbm-model.js', exportName: 'noSuchFactory', spec: workload.modelSpec };
const started = Date.now();
try {
  await runBlocks({ book: workload.book, model: createGbmModel(workload.modelSpec), recipe, modelAssets: workload.modelAssets,
    correlation: workload.correlation, seed: 7, paths: 2_000_000, blockSize: 100, threads: 2 });
  console.log('finished');
} catch (error) {
  console.log(JSON.stringify({ message: error.message, seconds: (Date.now() - started) / 1000, idle: idleSimulationWorkers().length }));
}
`;
    const run = spawnSync(process.execPath, ['--input-type=module'], { input: failing, encoding: 'utf8', timeout: 60_000 });
    const result = JSON.parse(run.stdout.trim()) as { message: string; seconds: number; idle: number };
    expect(result.message).toMatch(/worker failed: .*exports no function noSuchFactory/);
    // The failed run's worker was stopped, not kept for the next run.
    expect(result.idle).toBe(0);
    // Two million paths would take minutes: the run stopped at the failure.
    expect(result.seconds).toBeLessThan(20);
  });
});

describe('worker threads only where they pay', () => {
  it('runs a small run on this thread unless workers are up, and starts them for a big one', () => {
    // SMALL_RUN_POSITION_STEPS (40 M paths × steps × positions): below it a run asked for 2
    // threads starts no worker; once workers are up (here, those of the big run) it uses them.
    const rule = `${SCRIPT_IMPORTS}
const run = async (steps, paths) => {
  const workload = benchmarkWorkload(steps);
  const recipe = { moduleUrl: root + 'src/scenarios/models/gbm-model.js', exportName: 'createGbmModel', spec: workload.modelSpec };
  const outcome = await runBlocks({
    book: workload.book, model: createGbmModel(workload.modelSpec), recipe,
    modelAssets: workload.modelAssets, correlation: workload.correlation, seed: 3, paths, threads: 2,
  });
  return { positionSteps: paths * steps * workload.book.positionCount, threads: outcome.diagnostics.threads, idle: idleSimulationWorkers().length };
};
const lines = [await run(24, 4000), await run(96, 21000), await run(24, 4000)];
console.log(JSON.stringify({ limit: SMALL_RUN_POSITION_STEPS, lines }));
`;
    const run = spawnSync(process.execPath, ['--input-type=module'], { input: rule, encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr, run.stderr).toBe('');
    const { limit, lines } = JSON.parse(run.stdout.trim()) as { limit: number; lines: { positionSteps: number; threads: number; idle: number }[] };
    const [small, big, smallAfter] = lines;
    expect(small!.positionSteps).toBeLessThan(limit);
    expect(small!.threads).toBe(1);
    expect(small!.idle).toBe(0);
    expect(big!.positionSteps).toBeGreaterThanOrEqual(limit);
    expect(big!.threads).toBe(2);
    expect(big!.idle).toBe(1);
    expect(smallAfter!.threads).toBe(2);
  });
});

describe('a slow worker', () => {
  it('does not hold a run up: this thread runs its blocks again, with the same result', () => {
    // The worker's path model waits 100 ms a path (a block of 100 paths: 10 s, so that even a very
    // busy machine does not blur the difference); this thread runs a block in milliseconds. Once it has nothing else to run, it runs again the blocks the worker
    // holds, so the run ends long before the worker would, and the result is the in-process one.
    const slow = `${SCRIPT_IMPORTS}
const workload = benchmarkWorkload(24, 60000);
const strip = ({ diagnostics: { threads, workerBlocks, gradientMemberSteps, lazySkippedPoolSteps, ...diagnostics }, ...outcome }) => JSON.stringify({ ...outcome, diagnostics });
const request = (threads) => ({
  book: workload.book, model: createGbmModel(workload.modelSpec),
  recipe: { moduleUrl: ${JSON.stringify(new URL('fixtures/slow-gbm-model.mjs', import.meta.url).href)}, exportName: 'createSlowGbmModel', spec: { gbm: workload.modelSpec, delayMs: 100 } },
  modelAssets: workload.modelAssets, correlation: workload.correlation,
  seed: 5, paths: 3000, blockSize: 100, threads, options: { slippageBps: 5, monitoring: 'continuous' },
});
// The worker is up before the run (so it surely starts one of the run's blocks).
prestartSimulationWorkers(3000, 2);
await new Promise((resolve) => setTimeout(resolve, 500));
const started = Date.now();
const two = await runBlocks(request(2));
const seconds = (Date.now() - started) / 1000;
const alone = strip(await runBlocks(request(1)));
console.log(JSON.stringify({ same: strip(two) === alone, seconds, workerBlocks: two.diagnostics.workerBlocks, threads: two.diagnostics.threads }));
process.exit(0);
`;
    const run = spawnSync(process.execPath, ['--input-type=module'], { input: slow, encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr, run.stderr).toBe('');
    const result = JSON.parse(run.stdout.trim()) as { same: boolean; seconds: number; workerBlocks: number; threads: number };
    expect(result.threads).toBe(2);
    expect(result.same).toBe(true);
    // The worker's first block alone takes 10 s: this thread ran it (and every other) sooner.
    expect(result.workerBlocks).toBe(0);
    expect(result.seconds).toBeLessThan(9);
  });
});
