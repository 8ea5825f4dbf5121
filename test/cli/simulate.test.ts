// `marginscope simulate` as a user runs it: the built binary on the sample book with few paths.
// The JSON has the contract's fields and only finite numbers, the same seed gives the same bytes
// whatever --threads, the table speaks plain words, and bad options are one line each (exit 2).

import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lines, runCli, useScratchFiles } from './run-cli.js';

const SAMPLE_POSITIONS = 'data/samples/positions.csv';
const SAMPLE_BALANCES = 'data/samples/balances.csv';
const SMALL = ['--paths', '1500', '--steps', '4'];
const MODES = ['exported', 'isolated', 'cross'] as const;
const STACK_FRAME = /^\s+at /m;

const file = useScratchFiles('marginscope-simulate-');

interface SimulateJson {
  schema: string;
  seed: number;
  paths: number;
  steps: number;
  horizon: string;
  model: string;
  venue: string;
  allocation: string;
  accounts: {
    account: string;
    modes: Record<string, Record<string, unknown> & { positions: Record<string, unknown>[] }>;
    contagion: { victims: { positionId: string; probability: number; causes: { positionId: string; share: number }[] }[]; rescues: unknown[] };
  }[];
}

describe('simulate JSON on the sample book', () => {
  let json: SimulateJson;
  let text: string;

  beforeAll(async () => {
    const run = await runCli(['simulate', SAMPLE_POSITIONS, '--balances', SAMPLE_BALANCES, '--format', 'json', '--threads', '1', ...SMALL]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    text = run.stdout;
    json = JSON.parse(text) as SimulateJson;
  });

  it('echoes the inputs that shape it, the seed included', () => {
    expect(json.schema).toBe('marginscope/simulate@1');
    expect(json).toMatchObject({ seed: 1, paths: 1500, steps: 4, horizon: '24h', model: 'gbm', venue: 'generic', allocation: 'leverage' });
    expect(text).not.toMatch(/thread/i);
  });

  it('has every contract field per account and mode, and no NaN', () => {
    expect(json.accounts.map((a) => a.account)).toEqual(['hedged-desk', 'degen-50x', 'miner-hedge', 'mixed']);
    expect(text).not.toMatch(/NaN|Infinity/);
    for (const account of json.accounts) {
      for (const mode of MODES) {
        const m = account.modes[mode]!;
        for (const field of ['liquidationProbability', 'expectedLoss', 'expectedBadDebt', 'asset', 'standardErrors', 'timeToLiquidation', 'horizonEquity']) {
          expect(m, `${account.account} ${mode} ${field}`).toHaveProperty(field);
        }
        expect(Object.keys(m['valueAtRisk'] as object)).toEqual(['0.95', '0.99']);
        expect(Object.keys(m['expectedShortfall'] as object)).toEqual(['0.95', '0.99']);
        const p = m['liquidationProbability'] as number;
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
        for (const position of m.positions) {
          expect(Object.keys(position)).toEqual(expect.arrayContaining(['positionId', 'symbol', 'liquidationProbability', 'expectedLoss']));
        }
      }
      expect(account.contagion).toHaveProperty('victims');
      expect(account.contagion).toHaveProperty('rescues');
    }
  });

  it('finds contagion in the 50x account, each entry with causes whose shares sum to 1', () => {
    const degen = json.accounts.find((a) => a.account === 'degen-50x')!;
    expect(degen.contagion.victims.length + degen.contagion.rescues.length).toBeGreaterThan(0);
    for (const victim of degen.contagion.victims) {
      expect(victim.probability).toBeGreaterThan(0);
      expect(victim.causes.reduce((sum, c) => sum + c.share, 0)).toBeCloseTo(1, 9);
    }
  });
});

describe('simulate determinism', () => {
  it('gives byte-identical JSON for a seed with --threads 1 and --threads 2', async () => {
    const args = ['simulate', SAMPLE_POSITIONS, '--balances', SAMPLE_BALANCES, '--format', 'json', '--seed', '7', '--paths', '2500', '--steps', '3'];
    const [one, two] = await Promise.all([runCli([...args, '--threads', '1']), runCli([...args, '--threads', '2'])]);
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const other = await runCli([...args.slice(0, -4), '--seed', '8', '--paths', '2500', '--steps', '3', '--threads', '1']);
    expect(other.stdout).not.toBe(one.stdout);
  });
});

describe('simulate determinism of the other models', () => {
  it.each(['student-t', 'bootstrap'])('gives the same JSON for %s on one and two threads', async (model) => {
    const args = ['simulate', SAMPLE_POSITIONS, '--balances', SAMPLE_BALANCES, '--format', 'json', '--model', model, '--paths', '1100', '--steps', '4', '--quiet'];
    const [one, two] = await Promise.all([runCli([...args, '--threads', '1']), runCli([...args, '--threads', '2'])]);
    expect(one.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
  });
});

describe('simulate table', () => {
  it('shows the seed, the modes side by side and the contagion in words', async () => {
    const run = await runCli(['simulate', SAMPLE_POSITIONS, '--balances', SAMPLE_BALANCES, '--threads', '1', ...SMALL]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/seed 1/);
    expect(run.stdout).toMatch(/Liquidation probability/);
    expect(run.stdout).toMatch(/VaR 99% \(USDT\)/);
    // Expected loss with its standard error beside it, in every mode column.
    expect(run.stdout).toMatch(/│ Expected loss \(USDT\)\s+│ -?[\d,]+\.\d\d ±[\d,]+\.\d\d │ -?[\d,]+\.\d\d ±[\d,]+\.\d\d │ -?[\d,]+\.\d\d ±[\d,]+\.\d\d │/);
    expect(run.stdout).toMatch(/ES 99% \(USDT\)/);
    expect(run.stdout).toMatch(/(is liquidated in cross but survives isolated|survives in cross but is liquidated isolated) on [\d.]+% of paths; (causes|held up by): /);
    expect(run.stderr).toBe('');
  });

  it('writes csv and markdown', async () => {
    const csv = await runCli(['simulate', SAMPLE_POSITIONS, '--balances', SAMPLE_BALANCES, '--format', 'csv', '--threads', '1', ...SMALL]);
    expect(csv.code).toBe(0);
    expect(lines(csv.stdout)[0]).toMatch(/^account,mode,positionId,symbol,side,asset,liquidationProbability/);
    const markdown = await runCli(['simulate', SAMPLE_POSITIONS, '--balances', SAMPLE_BALANCES, '--format', 'markdown', '--threads', '1', ...SMALL]);
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toMatch(/^# Monte Carlo simulation/);
    expect(markdown.stdout).toMatch(/## degen-50x/);
  });
});

describe('simulate model options', () => {
  const book = () =>
    file('two.csv', 'symbol,side,size,entry_price,mark_price,leverage\nAVAXUSDT,long,100,20,20,10\nBTCUSDT,short,0.02,90000,90000,10\n');

  it('names a symbol with no volatility in one line (exit 1), and runs once --vol gives one', async () => {
    const positions = book();
    const missing = await runCli(['simulate', positions, '--wallet', '1000', '--paths', '100', '--steps', '2']);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(lines(missing.stderr)).toHaveLength(1);
    expect(missing.stderr).toMatch(/no volatility for AVAX.*--vol AVAX=ANNUAL_VOL/);
    const given = await runCli(['simulate', positions, '--wallet', '1000', '--paths', '100', '--steps', '2', '--vol', 'AVAXUSDT=90%', '--format', 'json', '--quiet']);
    expect(given.code).toBe(0);
    const json = JSON.parse(given.stdout) as { vol: Record<string, number>; accounts: { model: { assets: string[]; volAnnual: number[]; volSources: string[] } }[] };
    expect(json.vol).toEqual({ AVAXUSDT: 0.9 });
    expect(json.accounts[0]!.model.assets).toEqual(['AVAX', 'BTC']);
    expect(json.accounts[0]!.model.volAnnual[0]).toBe(0.9);
    expect(json.accounts[0]!.model.volSources).toEqual(['--vol', 'calibration:BTC']);
  });

  it('takes a constant or a file correlation, student-t with --df, and a bootstrap', async () => {
    const positions = book();
    const base = ['simulate', positions, '--wallet', '1000', '--paths', '200', '--steps', '2', '--vol', 'AVAX=0.9', '--format', 'json', '--quiet'];
    const constant = JSON.parse((await runCli([...base, '--corr', '0.3'])).stdout) as { correlation: unknown; accounts: { model: { correlation: number[][] } }[] };
    expect(constant.correlation).toEqual({ source: 'constant', rho: 0.3 });
    expect(constant.accounts[0]!.model.correlation[0]![1]).toBeCloseTo(0.3, 12);
    const matrix = file('corr.csv', 'symbol,AVAX,BTC\nAVAX,1,-0.2\nBTC,-0.2,1\n');
    const fromFile = JSON.parse((await runCli([...base, '--corr', matrix])).stdout) as { accounts: { model: { correlation: number[][] } }[] };
    expect(fromFile.accounts[0]!.model.correlation[0]![1]).toBeCloseTo(-0.2, 12);
    const t = JSON.parse((await runCli([...base, '--model', 'student-t', '--df', '5'])).stdout) as { model: string; df: number; accounts: { model: { df: number } }[] };
    expect(t).toMatchObject({ model: 'student-t', df: 5 });
    expect(t.accounts[0]!.model.df).toBe(5);
    const boot = await runCli(['simulate', 'data/samples/positions.csv', '--paths', '200', '--steps', '24', '--model', 'bootstrap', '--format', 'json', '--quiet']);
    expect(boot.code).toBe(0);
    expect(boot.stdout).not.toMatch(/NaN/);
  });

  it('calibrates from --history', async () => {
    const rows = ['timestamp,symbol,close'];
    let avax = 20;
    let btc = 90_000;
    for (let h = 0; h < 200; h++) {
      const t = new Date(Date.UTC(2025, 0, 1, h)).toISOString();
      avax *= 1 + 0.01 * Math.sin(h * 1.7);
      btc *= 1 + 0.004 * Math.cos(h * 2.3);
      rows.push(`${t},AVAXUSDT,${avax}`, `${t},BTCUSDT,${btc}`);
    }
    const history = file('history.csv', `${rows.join('\n')}\n`);
    const run = await runCli(['simulate', book(), '--wallet', '1000', '--paths', '200', '--steps', '2', '--history', history, '--format', 'json', '--quiet']);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as { calibration: { kind: string }; accounts: { model: { volSources: string[] } }[] };
    expect(json.calibration.kind).toBe('history');
    expect(json.accounts[0]!.model.volSources).toEqual(['calibration:AVAXUSDT', 'calibration:BTCUSDT']);
  });
});

describe('simulate usage errors', () => {
  const asymmetric = () => file('asym.csv', 'symbol,BTC,ETH\nBTC,1,0.5\nETH,0.4,1\n');
  const wrongSize = () => file('short.csv', 'symbol,BTC,ETH\nBTC,1,0.5\nETH,0.5\n');

  it.each([
    [['--paths', '0'], /--paths: expected a whole number/],
    [['--paths', 'many'], /--paths: expected a whole number/],
    [['--vol', 'BTC=-0.5'], /--vol: the annual volatility must be in \[0, 20\]/],
    [['--vol', 'BTC'], /--vol: expected SYMBOL=ANNUAL_VOL/],
    [['--df', '2'], /--df: Student-t degrees of freedom must be a number above 2/],
    [['--horizon', '24'], /--horizon: expected a duration with a unit m, h or d/],
    [['--steps', '0'], /--steps: expected a whole number/],
    [['--seed', '-1'], /--seed: expected a whole number/],
    [['--threads', '0'], /--threads: expected a whole number/],
    [['--slippage', '-5'], /--slippage: expected basis points/],
    [['--corr', '1.5'], /--corr: a constant correlation must be in \[-1, 1\]/],
    [['--model', 'heston'], /--model: "heston" is not one of gbm, student-t, bootstrap/],
    [['--corr', 'ASYM'], /--corr: not a valid correlation matrix: .*must be symmetric/],
    [['--corr', 'SHORT'], /--corr: not a valid correlation matrix: .*the row has 2 fields, expected 3/],
  ])('%j is one line, exit 2', async (options, message) => {
    const resolved = options.map((o) => (o === 'ASYM' ? asymmetric() : o === 'SHORT' ? wrongSize() : o));
    const run = await runCli(['simulate', SAMPLE_POSITIONS, ...resolved]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });

  it('--help lists every simulate option', async () => {
    const run = await runCli(['simulate', '--help']);
    expect(run.code).toBe(0);
    for (const option of ['--paths', '--horizon', '--steps', '--seed', '--model', '--vol', '--corr', '--history', '--df', '--threads', '--slippage', '--balances', '--wallet', '--format']) {
      expect(run.stdout).toContain(option);
    }
  });
});
