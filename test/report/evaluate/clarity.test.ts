// Clarity of the evaluate views: absurd uniform moves capped in text (`>+1,000%`), the riskiest
// pool's margin ratio beside the account's (a pool is liquidated on its own), and a CSV `margin`
// column that sums to the capital posted to pools instead of repeating a cross wallet per row.

import { beforeAll, describe, expect, it } from 'vitest';
import { distanceText, uniformMoveText } from '../../../src/report/format/move-text.js';
import { ensureBuilt, runCli } from '../../cli/run-cli.js';

const SAMPLE = ['data/samples/positions.csv', '--balances', 'data/samples/balances.csv'];

beforeAll(() => ensureBuilt());

describe('evaluate views', () => {
  it('caps uniform moves beyond +1,000 % in text', () => {
    expect(uniformMoveText(8086.209, 1)).toBe('>+1,000%');
    expect(uniformMoveText(10, 1)).toBe('+1,000.0%');
    expect(uniformMoveText(0.3733, 1)).toBe('+37.33%');
    expect(uniformMoveText(0.236, -1)).toBe('-23.60%');
    expect(distanceText(8086.209)).toBe('>1,000%');
    expect(distanceText(0.236)).toBe('23.60%');
  });

  it('the hedged desk: no 808,620 % figure anywhere (modes, verdict); the degen account: the riskiest pool beside the account ratio', async () => {
    const run = await runCli(['evaluate', ...SAMPLE, '-q', '--accounts', 'hedged-desk,degen-50x']);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('808,620');
    expect(run.stdout).toMatch(/│ All marks up to liquidation\s+│\s+>\+1,000% │\s+\+37\.33% │\s+>\+1,000% │/);
    expect(run.stdout).toMatch(/│ distance of all marks moving together │\s+23\.60% │ >1,000% │ cross │/);
    // degen-50x: 14.92 % for the account in every mode; the riskiest of its several pools beside it
    // (with the fair allocation no isolated pool starts under water).
    expect(run.stdout).toMatch(/│ Margin ratio \(MM \/ equity\)\s+│\s+14\.92% │\s+14\.92% │\s+14\.92% │/);
    expect(run.stdout).toMatch(/│ Riskiest pool \(MM \/ equity\)\s+│\s+19\.13% │\s+19\.13% │\s+14\.92% │/);
    expect(run.stdout).toMatch(/│ Liquidatable now\s+│\s+no │\s+no │\s+no │/);
  });

  it('CSV margin sums to the capital posted to pools; poolCollateral keeps the pool figure', async () => {
    const csv = await runCli(['evaluate', ...SAMPLE, '-q', '--format', 'csv']);
    const json = await runCli(['evaluate', ...SAMPLE, '-q', '--format', 'json']);
    const rows = csv.stdout.trim().split('\n').map((l) => l.split(','));
    const header = rows[0]!;
    const col = (name: string) => header.indexOf(name);
    const accounts = (JSON.parse(json.stdout) as { accounts: { account: string; modes: Record<string, { pools: { poolId: string; collateral: number }[]; positions: { positionId: string; margin: number }[] }> }[] }).accounts;
    for (const account of accounts) {
      for (const mode of ['exported', 'isolated', 'cross']) {
        const mine = rows.slice(1).filter((r) => r[col('account')] === account.account && r[col('mode')] === mode);
        const sum = mine.reduce((s, r) => s + Number(r[col('margin')]), 0);
        const pooled = account.modes[mode]!.pools.reduce((s, p) => s + p.collateral, 0);
        expect(sum, `${account.account} ${mode}`).toBeCloseTo(pooled, 6);
        for (const r of mine) expect(Number(r[col('poolCollateral')])).toBe(account.modes[mode]!.positions.find((p) => p.positionId === r[col('positionId')])!.margin);
      }
    }
    // The hedged desk's cross wallet is 95,000 USDT: counted once, not three times.
    const cross = rows.filter((r) => r[col('account')] === 'hedged-desk' && r[col('mode')] === 'cross');
    expect(cross.reduce((s, r) => s + Number(r[col('margin')]), 0)).toBeCloseTo(95_000, 6);
  });
});
