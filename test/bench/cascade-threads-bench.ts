// The cascade benchmark on worker threads: the market of cascade-bench.ts (N accounts on 10
// symbols), P GBM paths of 96 steps (24 h, 80 % annual vol, independent symbols) drawn by the
// simulate model, run through src/cascade/cascade-blocks.ts on every core. Same seed, same
// result whatever the thread count (checked here on the first block's figures).

import { availableParallelism } from 'node:os';
import { compileCascadeMarket } from '../../src/cascade/cascade-market.js';
import { runCascadeBlocks } from '../../src/cascade/cascade-blocks.js';
import type { CascadeMarkets } from '../../src/cascade/cascade-runner.js';
import { createGbmModel, type GbmModelSpec } from '../../src/scenarios/models/gbm-model.js';
import { pathModelFactory } from '../../src/scenarios/models/path-model-spec.js';
import { benchMarket } from './cascade-bench.js';

/** Runs the threaded benchmark and returns the line `npm run bench` prints. */
export async function cascadeThreadsBenchLine(accounts: number, paths: number, steps = 96): Promise<string> {
  const t0 = performance.now();
  const { market, fund } = benchMarket(accounts);
  const empty = compileCascadeMarket('USDT', market.symbols, Array.from(market.startPrice), market.symbols.map(() => ({ bid1pct: Infinity, ask1pct: Infinity })), []);
  const markets: CascadeMarkets = { market, shadows: { exported: empty, isolated: empty, cross: empty }, ownNames: [], fund };
  const spec: GbmModelSpec = { volAnnual: market.symbols.map(() => 0.8), choleskyFactor: null, nSteps: steps, dtYears: 1 / 365 / steps };
  const threads = availableParallelism();
  const setupSeconds = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const total = await runCascadeBlocks({ markets, model: createGbmModel(spec), recipe: { ...pathModelFactory('gbm'), spec }, seed: 7, paths, impactDecayPerStep: 1, threads });
  const seconds = (performance.now() - t1) / 1000;
  const result = total.finish({ accountCount: accounts, displayAccount: (n) => n });
  const notional = result.market.symbols.reduce((s, x) => s + x.liquidatedNotional, 0);
  return (
    `cascade threads  ${accounts.toLocaleString('en-US')} accounts (${market.positionCount.toLocaleString('en-US')} positions) × ${paths.toLocaleString('en-US')} paths × ${steps} steps on ${threads} threads  ` +
    `${seconds.toFixed(2).padStart(6)} s (setup ${setupSeconds.toFixed(2)} s)  mean liquidated notional ${(notional / 1e6).toFixed(1)} M/path  fund exhausted on ${((result.market.insuranceFund[0]!.depletionProbability ?? 0) * 100).toFixed(1)} % of paths\n`
  );
}
