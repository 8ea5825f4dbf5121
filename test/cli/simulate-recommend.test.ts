// `marginscope simulate --recommend` and the joint liquidation boundary as a user runs them: the
// built binary on the sample book with few paths (the recommendation's fields, the best never
// worse than a mode it is compared with on the same paths, the same bytes whatever --threads), a
// constructed book where isolating the 50x DOGE long is clearly best, the jointBoundary object of
// a two-asset cross book, and the options' usage errors.

import { beforeAll, describe, expect, it } from 'vitest';
import { lines, runCli, useScratchFiles } from './run-cli.js';

const SAMPLE_POSITIONS = 'data/samples/positions.csv';
const SAMPLE_BALANCES = 'data/samples/balances.csv';
const MODES = ['exported', 'isolated', 'cross'] as const;

const file = useScratchFiles('marginscope-recommend-');

interface Comparison {
  objectiveValue: number;
  standardError: number | null;
  difference: number;
  differenceStandardError: number | null;
}

interface Recommendation {
  objective: string;
  asset: string;
  paths: number;
  simulatedPaths: number;
  search: string;
  candidatesEvaluated: number;
  candidatesRuledOut: number;
  candidate: string;
  mode: string | null;
  split: string | null;
  assignment: { positionId: string; marginMode: string; margin: number | null; asset: string }[];
  capital: { asset: string; capital: number; isolatedMargin: number; crossWallet: number; crossPositions: number }[];
  objectiveValue: number;
  standardError: number | null;
  comparisons: Record<(typeof MODES)[number], Comparison>;
}

interface JointBoundaryJson {
  poolId: string;
  asset: string;
  factors: { asset: string; symbols: string[]; netNotionalQuote: number }[];
  axes: { first: number[]; second: number[] };
  liquidated: { firstMove: number; cells: string }[];
  boundary: { firstMove: number; secondMoveBelow: number | null; secondMoveAbove: number | null; healthAtZero: number }[];
  uniformMove: { down: number | null; up: number | null };
  diagonalMove: { down: number | null; up: number | null };
  boundaryHitProbability: { probability: number; standardError: number; paths: number; steps: number; horizonHours: number; monitoring: string; lowerBound: boolean } | null;
}

interface SimulateJson {
  recommend: { objective: string; maxPaths: number; pathBudget: number } | null;
  boundaryGrid: number | null;
  accounts: {
    account: string;
    modes: Record<string, { liquidationProbability: number }>;
    recommendation?: Recommendation;
    jointBoundary?: JointBoundaryJson | null;
  }[];
}

/** Equal but for rounding (the recommendation breaks such ties towards a mode). */
function atMost(a: number, b: number): boolean {
  return a <= b + 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

describe('simulate --recommend on the sample book', () => {
  const args = ['simulate', SAMPLE_POSITIONS, '--balances', SAMPLE_BALANCES, '--recommend', '--paths', '500', '--steps', '6', '--format', 'json', '--quiet'];
  let json: SimulateJson;
  let one: string;
  let two: string;

  beforeAll(async () => {
    const [a, b] = await Promise.all([runCli([...args, '--threads', '1']), runCli([...args, '--threads', '2'])]);
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    one = a.stdout;
    two = b.stdout;
    json = JSON.parse(one) as SimulateJson;
  });

  it('is byte-identical for a seed with --threads 1 and --threads 2', () => {
    expect(two).toBe(one);
    expect(one).not.toMatch(/NaN|Infinity|thread/i);
  });

  it('echoes the objective and the cap on candidate paths', () => {
    expect(json.recommend).toEqual({ objective: 'liquidation', maxPaths: 5000, pathBudget: 500000 });
    expect(json.boundaryGrid).toBe(25);
  });

  it('gives every account a recommendation with the assignment, the objective and the three comparisons', () => {
    expect(json.accounts.map((a) => a.account)).toEqual(['hedged-desk', 'degen-50x', 'miner-hedge', 'mixed']);
    for (const account of json.accounts) {
      const rec = account.recommendation!;
      expect(rec, account.account).toBeDefined();
      expect(rec).toMatchObject({ objective: 'liquidation', paths: 500, simulatedPaths: 500, search: 'exhaustive' });
      expect(rec.candidatesEvaluated).toBeGreaterThanOrEqual(3);
      expect(rec.assignment.length).toBeGreaterThan(0);
      for (const a of rec.assignment) {
        expect(Object.keys(a)).toEqual(['positionId', 'marginMode', 'margin', 'asset']);
        if (a.marginMode === 'cross') expect(a.margin).toBeNull();
        else expect(a.margin).toBeGreaterThanOrEqual(0);
      }
      for (const c of rec.capital) expect(c.isolatedMargin + c.crossWallet).toBeCloseTo(c.capital, 6);
      expect(rec.objectiveValue).toBeGreaterThanOrEqual(0);
      expect(rec.objectiveValue).toBeLessThanOrEqual(1);
      expect(Object.keys(rec.comparisons)).toEqual([...MODES]);
    }
  });

  it('never recommends worse than a mode it is compared with on the same paths, with paired errors', () => {
    for (const account of json.accounts) {
      const rec = account.recommendation!;
      for (const mode of MODES) {
        const c = rec.comparisons[mode];
        expect(atMost(rec.objectiveValue, c.objectiveValue), `${account.account} vs ${mode}`).toBe(true);
        expect(c.difference).toBeCloseTo(rec.objectiveValue - c.objectiveValue, 12);
        expect(c.differenceStandardError).not.toBeNull();
        expect(c.differenceStandardError!).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('evaluates the modes on the simulation paths themselves: the all-cross value is the simulated one', () => {
    for (const account of json.accounts) {
      const rec = account.recommendation!;
      for (const mode of MODES) expect(rec.comparisons[mode].objectiveValue).toBeCloseTo(account.modes[mode]!.liquidationProbability, 12);
    }
  });

  it('puts the 50x account on cross: far below its book as held, beyond two standard errors', () => {
    const rec = json.accounts.find((a) => a.account === 'degen-50x')!.recommendation!;
    expect(rec.candidatesRuledOut).toBeGreaterThan(0);
    expect(rec.comparisons.exported.difference).toBeLessThan(-2 * rec.comparisons.exported.differenceStandardError!);
  });

  it('says it in plain words in the table', async () => {
    const run = await runCli([...args.filter((a) => a !== 'json' && a !== '--format'), '--threads', '1']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Recommendation \(minimising P\(any liquidation\) on the same capital\):/);
    expect(run.stdout).toMatch(/P\(any liquidation\) [\d.]+% ±[\d.]+% vs [\d.]+% (all-cross|as held|all-isolated) \(-?[\d.]+ ±[\d.]+ points/);
    expect(run.stdout).toMatch(/Searched 255 set-ups exhaustively/);
    expect(run.stdout).toMatch(/Joint liquidation boundary of the cross USDT pool over BTCUSDT and DOGEUSDT/);
  });
});

describe('simulate --recommend on a constructed book', () => {
  // A 50x DOGE long beside a 2x BTC long on a small wallet: on cross, a DOGE crash drains the
  // wallet and takes BTC with it; isolated, DOGE loses its own margin and BTC lives on.
  const book = (): string =>
    file('doge-btc.csv', 'symbol,side,size,entry_price,mark_price,leverage\nBTCUSDT,long,1,90000,90000,2\nDOGEUSDT,long,300000,0.15,0.15,50\n');

  it('isolates the DOGE long with a small margin and cuts the tail loss clearly', async () => {
    const run = await runCli(['simulate', book(), '--wallet', '8000', '--recommend', '--objective', 'es99', '--paths', '2000', '--steps', '8', '--format', 'json', '--quiet']);
    expect(run.code).toBe(0);
    const rec = (JSON.parse(run.stdout) as SimulateJson).accounts[0]!.recommendation!;
    expect(rec.objective).toBe('es99');
    const doge = rec.assignment.find((a) => a.positionId === 'main:DOGEUSDT:long')!;
    expect(doge.marginMode).toBe('isolated');
    expect(doge.margin!).toBeLessThan(1_000);
    // Everything else backs BTC alone, whether the search calls it isolated or its cross wallet.
    const btc = rec.assignment.find((a) => a.positionId === 'main:BTCUSDT:long')!;
    const btcBacking = btc.marginMode === 'isolated' ? btc.margin! : rec.capital[0]!.crossWallet;
    expect(btcBacking + doge.margin!).toBeCloseTo(8_000, 6);
    const vsCross = rec.comparisons.cross;
    expect(vsCross.difference).toBeLessThan(-2 * vsCross.differenceStandardError!);
    expect(rec.comparisons.exported.difference).toBeLessThan(0);
  });

  it('names it in the table', async () => {
    const run = await runCli(['simulate', book(), '--wallet', '8000', '--recommend', '--objective', 'es99', '--paths', '2000', '--steps', '8', '--quiet']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Recommendation \(minimising ES 99% on the same capital\):/);
    expect(run.stdout).toMatch(/Isolate [^\n]*DOGEUSDT long with [\d,.]+ USDT/);
    expect(run.stdout).toMatch(/ES 99% [\d,.]+ USDT ±[\d,.]+ vs [\d,.]+ USDT all-cross \(-[\d,.]+ ±[\d,.]+ USDT\)/);
  });
});

describe('the joint liquidation boundary in simulate', () => {
  // BTC and ETH longs on a thin cross wallet: a two-asset cross pool a few percent from liquidation.
  const book = (): string => file('pair.csv', 'symbol,side,size,entry_price,mark_price,leverage\nBTCUSDT,long,1,90000,90000,10\nETHUSDT,long,20,3000,3000,10\n');
  const base = (): string[] => ['simulate', book(), '--wallet', '6000', '--paths', '2000', '--steps', '6', '--format', 'json', '--quiet'];

  it('gives the factors, the grid, the exact boundary, the uniform move and the probability of reaching it', async () => {
    const run = await runCli([...base(), '--boundary-grid', '11']);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as SimulateJson;
    expect(json.boundaryGrid).toBe(11);
    const account = json.accounts[0]!;
    const jb = account.jointBoundary!;
    expect(jb.poolId).toMatch(/cross/);
    expect(jb.asset).toBe('USDT');
    expect(jb.factors.map((f) => f.asset)).toEqual(['BTC', 'ETH']);
    expect(jb.factors.map((f) => f.netNotionalQuote)).toEqual([90_000, 60_000]);
    expect(jb.axes.first).toHaveLength(11);
    expect(jb.axes.second).toEqual(jb.axes.first);
    expect(jb.axes.first[0]).toBeCloseTo(-0.6, 12);
    expect(jb.axes.first[5]).toBe(0);
    expect(jb.liquidated).toHaveLength(11);
    for (const row of jb.liquidated) expect(row.cells).toMatch(/^[01]{11}$/);
    expect(jb.liquidated[5]!.cells[5]).toBe('0');
    // The grid agrees with the exact boundary: on each row that is healthy at the ETH mark, a
    // cell is liquidated exactly when its ETH move is at or beyond the nearest root either way.
    jb.boundary.forEach((point, i) => {
      expect(point.firstMove).toBe(jb.axes.first[i]);
      if (point.healthAtZero <= 0) return;
      jb.axes.second.forEach((y, k) => {
        const beyond = (point.secondMoveAbove !== null && y >= point.secondMoveAbove - 1e-12) || (point.secondMoveBelow !== null && y <= point.secondMoveBelow + 1e-12);
        expect(jb.liquidated[i]!.cells[k], `cell ${i},${k}`).toBe(beyond ? '1' : '0');
      });
    });
    expect(jb.uniformMove.down === null || jb.uniformMove.down > 0).toBe(true);
    const hit = jb.boundaryHitProbability!;
    expect(hit).toMatchObject({ paths: 2000, steps: 6, horizonHours: 24, monitoring: 'step-end', lowerBound: true });
    expect(hit.probability).toBeGreaterThan(0);
    // The same paths, checked at step ends only: never above the continuously monitored cross pool.
    expect(hit.probability).toBeLessThanOrEqual(account.modes['cross']!.liquidationProbability);
    expect(hit.standardError).toBeCloseTo(Math.sqrt((hit.probability * (1 - hit.probability)) / 2000), 12);
  });

  it('says it in one line of the table', async () => {
    const run = await runCli([...base().filter((a) => a !== 'json' && a !== '--format')]);
    expect(run.code).toBe(0);
    const line = lines(run.stdout).find((l) => l.startsWith('Joint liquidation boundary'))!;
    expect(line).toMatch(/of the cross USDT pool over BTCUSDT and ETHUSDT \(25 × 25 grid of moves -60.00% … \+60.00%, other marks held\)/);
    expect(line).toMatch(/reach it within 24.0 h on at least [\d.]+% ±[\d.]+% of paths \(checked at the 6 step ends: a lower bound\)/);
  });

  it('is left out with --no-boundary, and null for a cross pool on one asset', async () => {
    const off = JSON.parse((await runCli([...base(), '--no-boundary'])).stdout) as SimulateJson;
    expect(off.boundaryGrid).toBeNull();
    expect(off.accounts[0]).not.toHaveProperty('jointBoundary');
    const single = file('single.csv', 'symbol,side,size,entry_price,mark_price\nBTCUSDT,long,1,90000,90000\n');
    const one = JSON.parse((await runCli(['simulate', single, '--wallet', '20000', '--paths', '200', '--steps', '2', '--format', 'json', '--quiet'])).stdout) as SimulateJson;
    expect(one.accounts[0]!.jointBoundary).toBeNull();
    expect(one.accounts[0]).not.toHaveProperty('recommendation');
  });
});

describe('simulate analysis options', () => {
  it.each([
    [['--objective', 'es99'], /--objective says what --recommend minimises; add --recommend/],
    [['--recommend', '--objective', 'tail'], /--objective: .*tail.* is not one of/],
    [['--boundary-grid', '1'], /--boundary-grid: expected a whole number from 2/],
    [['--boundary-grid', '9', '--no-boundary'], /--boundary-grid and --no-boundary cannot be used together/],
  ])('refuses %j in one line (exit 2)', async (extra, message) => {
    const run = await runCli(['simulate', SAMPLE_POSITIONS, '--balances', SAMPLE_BALANCES, '--paths', '100', ...extra]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toMatch(message);
  });
});
