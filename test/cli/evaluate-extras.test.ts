// `marginscope evaluate --stress / --what-if / --transfer / --accounts` as a user runs them: the
// built binary on the sample book, every output format, and the usage errors (exit 2, one line
// naming the bad token).

import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, lines, runCli } from './run-cli.js';

const SAMPLE = ['data/samples/positions.csv', '--balances', 'data/samples/balances.csv'];
const SAMPLE_ACCOUNTS = ['hedged-desk', 'degen-50x', 'miner-hedge', 'mixed'];
const STACK_FRAME = /^\s+at /m;

interface ContagionEntryJson {
  positionId: string;
  probability: number;
  causes: { positionId: string; share: number }[];
}

interface StressJson {
  positionId: string;
  symbol: string;
  price: number | null;
  move: number | null;
  crossLiquidated: boolean;
  victims: ContagionEntryJson[];
  rescues: ContagionEntryJson[];
  crossLiquidationPrice: number | null;
  victimsAtCrossLiquidation: ContagionEntryJson[];
}

interface PositionJson {
  positionId: string;
  liquidationPrice: number | null;
  markPrice: number;
}

interface ModeSummaryJson {
  equity: number;
  maintenanceMargin: number;
  freeBalance: number;
}

interface AccountJson {
  account: string;
  modes: Record<'exported' | 'isolated' | 'cross', { positions: PositionJson[]; equity: number }>;
  stress?: StressJson[];
  contagion?: { scenarios: number; victims: ContagionEntryJson[]; rescues: ContagionEntryJson[] };
  whatIf?: {
    changes: { option: string; text: string }[];
    before: Record<string, ModeSummaryJson> | null;
    after: Record<string, ModeSummaryJson>;
    positions: Record<string, { positionId: string; added: boolean; liquidationPrice: { before: number | null; after: number | null } }[]>;
  };
}

async function evaluateJson(args: readonly string[]): Promise<{ accounts: AccountJson[]; head: Record<string, unknown> }> {
  const run = await runCli(['evaluate', ...SAMPLE, '--format', 'json', '--quiet', ...args]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const document = JSON.parse(run.stdout) as { accounts: AccountJson[] } & Record<string, unknown>;
  return { accounts: document.accounts, head: document };
}

beforeAll(() => {
  ensureBuilt();
});

describe('evaluate --stress', () => {
  it('JSON: a stress entry per position and a contagion object with probability 1 entries', async () => {
    const { accounts, head } = await evaluateJson(['--stress']);
    expect(head['stress']).toBe(true);
    expect(accounts.map((a) => a.account).sort()).toEqual([...SAMPLE_ACCOUNTS].sort());
    for (const account of accounts) {
      const ids = account.modes.exported.positions.map((p) => p.positionId).sort();
      expect(account.stress!.map((s) => s.positionId).sort()).toEqual(ids);
      for (const entry of account.contagion!.victims.concat(account.contagion!.rescues)) {
        expect(entry.probability).toBe(1);
        expect(ids).toContain(entry.positionId);
      }
      for (const stress of account.stress!) {
        const isolated = account.modes.isolated.positions.find((p) => p.positionId === stress.positionId)!;
        // The stress price is the position's own isolated liquidation price (or its mark when liquidatable now).
        if (isolated.liquidationPrice !== null && stress.move !== 0) expect(stress.price).toBeCloseTo(isolated.liquidationPrice, 6);
        if (stress.price !== null) expect(stress.move).toBeCloseTo(stress.price / isolated.markPrice - 1, 12);
      }
    }
    // The hedged desk: BTC at its isolated liquidation price is carried by the shared collateral in cross.
    const desk = accounts.find((a) => a.account === 'hedged-desk')!;
    const btc = desk.stress!.find((s) => s.symbol === 'BTCUSDT')!;
    expect(btc.crossLiquidated).toBe(false);
    expect(btc.rescues.map((r) => r.positionId)).toContain('hedged-desk:BTCUSDT:long');
    expect(btc.victimsAtCrossLiquidation.map((v) => v.positionId).sort()).toEqual(['hedged-desk:ETHUSDT:short', 'hedged-desk:SOLUSDT:long']);
    expect(desk.contagion!.victims.map((v) => v.positionId)).toContain('hedged-desk:SOLUSDT:long');
  });

  it('table: one plain-words sentence per position', async () => {
    const run = await runCli(['evaluate', ...SAMPLE, '--stress', '--accounts', 'hedged-desk', '--quiet']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Stress: each position's symbol moved alone/m);
    expect(run.stdout).toMatch(/^- If BTCUSDT falls to 59,196 \(-35\.13%\), the isolated liquidation price of BTCUSDT:long, in cross: the pool survives/m);
    expect(run.stdout).toMatch(/The cross pool itself is liquidated at 21,517 \(-76\.42%\), taking ETHUSDT:short, SOLUSDT:long with it\./);
    expect(run.stdout.match(/^- /gm)).toHaveLength(3);
  });

  it('markdown and CSV carry the stress too', async () => {
    const markdown = await runCli(['evaluate', ...SAMPLE, '--stress', '--format', 'markdown', '--accounts', 'degen-50x', '--quiet']);
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toMatch(/^### Stress: each position's symbol/m);
    expect(markdown.stdout).toMatch(/^- If BTCUSDT falls to/m);
    const csv = await runCli(['evaluate', ...SAMPLE, '--stress', '--format', 'csv', '--accounts', 'degen-50x', '--quiet']);
    expect(csv.code).toBe(0);
    const [header, ...rows] = lines(csv.stdout);
    expect(header).toMatch(/,poolId,collateralGiven,tierSnapshot,allocationPolicy,maintenanceFloor,standing,verdict,poolCollateral,stressPrice,stressMove,stressCrossLiquidated,stressVictims,stressCrossLiquidationPrice,stressCrossMove,stressVictimsAtCrossLiquidation,stressVictimCount,stressVictimsAtCrossLiquidationCount$/);
    expect(rows).toHaveLength(9);
    const columns = header!.split(',');
    const at = (name: string): number => columns.indexOf(name);
    for (const row of rows) {
      const cells = row.split(',');
      expect(cells).toHaveLength(columns.length);
      // A small pool: every victim listed, so the count is the list's length.
      const listed = cells[at('stressVictimsAtCrossLiquidation')]!;
      expect(cells[at('stressVictimsAtCrossLiquidationCount')]).toBe(String(listed === '' ? 0 : listed.split(' ').length));
    }
    // BTCUSDT:long's cross pool takes the two other positions with it; none falls at its isolated price.
    expect(rows[0]!.endsWith(',degen-50x:DOGEUSDT:long degen-50x:SOLUSDT:short,0,2')).toBe(true);
  });
});

describe('evaluate --what-if / --transfer', () => {
  it('JSON: whatIf with the changes, before and after per mode, the new position', async () => {
    const whatIf = 'BTCUSDT long 0.5 @ 97000 x10 isolated account=hedged-desk';
    const { accounts } = await evaluateJson(['--what-if', whatIf, '--transfer', 'degen-50x:1000']);
    const desk = accounts.find((a) => a.account === 'hedged-desk')!;
    expect(desk.whatIf!.changes).toEqual([{ option: '--what-if', text: whatIf }]);
    // Entry 97,000 at a mark of 91,250: 0.5 × −5,750 of unrealised loss; the margin only moves.
    expect(desk.whatIf!.after['exported']!.equity - desk.whatIf!.before!['exported']!.equity).toBeCloseTo(-2875, 6);
    const added = desk.whatIf!.positions['exported']!.find((p) => p.added)!;
    expect(added.positionId).toBe('hedged-desk:BTCUSDT:long:what-if');
    expect(added.liquidationPrice.before).toBeNull();
    expect(added.liquidationPrice.after).toBeGreaterThan(0);
    const degen = accounts.find((a) => a.account === 'degen-50x')!;
    expect(degen.whatIf!.changes).toEqual([{ option: '--transfer', text: 'degen-50x:1000' }]);
    expect(degen.whatIf!.after['cross']!.equity - degen.whatIf!.before!['cross']!.equity).toBeCloseTo(1000, 6);
    // Untouched accounts carry no whatIf; the accounts themselves are the book as it is.
    expect(accounts.find((a) => a.account === 'mixed')!.whatIf).toBeUndefined();
    expect(desk.modes.exported.positions.some((p) => p.positionId.endsWith(':what-if'))).toBe(false);
  });

  it('table: a before → after block', async () => {
    const run = await runCli(['evaluate', ...SAMPLE, '--transfer', 'degen-50x:1000', '--accounts', 'degen-50x', '--quiet']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('What if: --transfer "degen-50x:1000":');
    expect(run.stdout).toMatch(/Equity \(USDT\)\s+│ 3,584\.00 → 4,584\.00 │/);
  });

  it('a what-if without account= goes to the only account of the file', async () => {
    const run = await runCli(['evaluate', ...SAMPLE, '--accounts', 'degen-50x', '--what-if', 'SOLUSDT short 10', '--format', 'json', '--quiet']);
    expect(run.code).toBe(0);
    const account = (JSON.parse(run.stdout) as { accounts: AccountJson[] }).accounts[0]!;
    expect(account.whatIf!.positions['cross']!.some((p) => p.positionId === 'degen-50x:SOLUSDT:short:what-if')).toBe(true);
  });

  it.each([
    [['--what-if', 'BTCUSDT longg 0.5'], /--what-if "BTCUSDT longg 0\.5": "longg" is not a side/],
    [['--what-if', 'BTCUSDT long zero'], /"zero" is not a size/],
    [['--what-if', 'BTCUSDT long 1 x0.5'], /"x0\.5" is not a leverage/],
    [['--transfer', 'degen-50x:lots'], /--transfer "degen-50x:lots": "lots" is not an amount/],
    [['--transfer', 'nobody:100'], /--transfer "nobody:100": no account "nobody" in the positions/],
    [['--transfer', 'degen-50x:-99999'], /--transfer "degen-50x:-99999": the USDT wallet of account degen-50x holds 2400/],
    [['--what-if', 'BTCUSDT long 0.5'], /the positions hold 4 accounts and none is named main; say which with account=ID/],
    [['--format-in', 'excel'], /--format-in: "excel" is not one of auto, canonical, /],
    [['--with', 'data/samples/tiers.csv'], /--with applies to a venue export/],
    [['--accounts', 'a,,b'], /--accounts: expected account ids separated by commas/],
  ])('usage error %j: exit 2, one line, nothing on stdout', async (args, message) => {
    const run = await runCli(['evaluate', ...SAMPLE, ...args]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });
});

describe('evaluate --accounts', () => {
  it('evaluates only the accounts named, in file order', async () => {
    const { accounts, head } = await evaluateJson(['--accounts', 'mixed,degen-50x']);
    expect(accounts.map((a) => a.account)).toEqual(['degen-50x', 'mixed']);
    expect(head['accountFilter']).toEqual(['mixed', 'degen-50x']);
  });
});
