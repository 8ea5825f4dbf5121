// The cascade benchmark: a synthetic market of N accounts on 10 symbols (95 % one position, on
// the ladder; 5 % a cross basket of 2–3 symbols, on a slack heap; leverage 2–50x log-uniform), run
// over P GBM paths of 96 steps (24 h, 80 % annual vol) with depth 10 % of open interest per 1 %
// and a fund of 1 % of open interest. The engine alone (src/cascade), one thread.

import { compileCascadeMarket, type CascadeMarket, type CascadePoolInput } from '../../src/cascade/cascade-market.js';
import { CascadeEngine } from '../../src/cascade/cascade-path.js';
import type { MaintenanceSchedule } from '../../src/domain/maintenance-schedule.js';
import { nextStandardNormal } from '../../src/scenarios/random/standard-normal.js';
import { streamForBlock } from '../../src/scenarios/random/stream-for-block.js';

export interface CascadeBenchResult {
  readonly accounts: number;
  readonly positions: number;
  readonly paths: number;
  readonly steps: number;
  readonly seconds: number;
  readonly setupSeconds: number;
  readonly liquidationsPerPath: number;
  readonly depletedShare: number;
}

const SCHEDULE: MaintenanceSchedule = {
  notionalBasis: 'mark',
  bracketsOn: 'notional',
  floors: [0, 50_000, 600_000, 3_000_000],
  rates: [0.004, 0.005, 0.0065, 0.01],
  amounts: [0, 50, 950, 11_450],
  feeReserveRate: 0,
  feeReserveAmount: 0,
  liquidationFeeRate: 0.005,
  defaultLeverage: 20,
};

/** The benchmark's synthetic market of `accounts` accounts and its fund (see the file header). */
export function benchMarket(accounts: number): { market: CascadeMarket; fund: number } {
  const rng = streamForBlock(20251010, 0);
  const u = () => rng.nextUniform();
  const symbols = Array.from({ length: 10 }, (_, k) => `S${k}USDT`);
  const marks = symbols.map((_, k) => 10 * (k + 1));
  const pools: CascadePoolInput[] = [];
  const openInterest = new Float64Array(10);
  for (let a = 0; a < accounts; a++) {
    const kind = u();
    const legs = kind < 0.95 ? 1 : 2 + Math.floor(u() * 2);
    const leverage = 2 * Math.pow(25, u());
    const members = [];
    let margin = 0;
    for (let l = 0; l < legs; l++) {
      const s = Math.floor(u() * 10);
      const notional = 2_000 * Math.exp(1.2 * nextStandardNormal(rng));
      const side: 'long' | 'short' = u() < 0.55 ? 'long' : 'short';
      members.push({ positionId: `a${a}:${l}`, symbol: symbols[s]!, side, size: notional / marks[s]!, entryPrice: marks[s]!, schedule: SCHEDULE, venue: 'binance-usdm' as const });
      margin += Math.max(notional / leverage, 0.0125 * notional);
      openInterest[s]! += notional;
    }
    pools.push({ account: `a${a}`, cash: margin, members });
  }
  const depth = symbols.map((_, s) => ({ bid1pct: 0.1 * openInterest[s]!, ask1pct: 0.1 * openInterest[s]! }));
  const market = compileCascadeMarket('USDT', symbols, marks, depth, pools);
  return { market, fund: 0.01 * openInterest.reduce((x, y) => x + y, 0) };
}

export function runCascadeBench(accounts: number, paths: number, steps = 96): CascadeBenchResult {
  const t0 = performance.now();
  const { market, fund } = benchMarket(accounts);
  const marks = Array.from(market.startPrice);
  const engine = new CascadeEngine(market);
  const sigma = 0.8 * Math.sqrt(1 / 365 / steps);
  const logReturns = new Float64Array(steps * 10);
  const setupSeconds = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  let liquidations = 0;
  let depleted = 0;
  for (let p = 0; p < paths; p++) {
    const r = streamForBlock(7, p);
    for (let k = 0; k < logReturns.length; k++) logReturns[k] = sigma * nextStandardNormal(r) - 0.5 * sigma * sigma;
    const st = engine.run({ nSteps: steps, logReturns }, { fund, impactDecayPerStep: 1, recordAdl: false });
    for (let i = 0; i < market.poolCount; i++) if (st.poolLiquidationStep[i]! >= 0) liquidations++;
    if (st.fundExhausted) depleted++;
    if (process.env.CASCADE_BENCH_DEBUG === "1") process.stdout.write(`path ${p}: ${Array.from(st.price, (x, s) => (x / marks[s]! - 1).toFixed(3)).join(" ")} exo ${Array.from({ length: 10 }, (_, s) => { let t = 0; for (let k = 0; k < steps; k++) t += logReturns[k * 10 + s]!; return Math.expm1(t).toFixed(3); }).join(" ")}\n`);
  }
  return {
    accounts,
    positions: market.positionCount,
    paths,
    steps,
    seconds: (performance.now() - t1) / 1000,
    setupSeconds,
    liquidationsPerPath: liquidations / paths,
    depletedShare: depleted / paths,
  };
}
