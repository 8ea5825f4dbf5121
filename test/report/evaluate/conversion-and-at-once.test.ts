// Two clarity fixes of the evaluate views: a total that counts another asset says so in its label
// ("Equity (USDT; USDC at 1.0000)", collateral with its haircut), and a what-if whose liquidation
// price is already past the mark is flagged "(liquidatable at once)" in the before → after view.

import { beforeAll, describe, expect, it } from 'vitest';
import type { ModeEvaluation } from '../../../src/margin/evaluation.js';
import { conversionsText, labelWithConversions } from '../../../src/report/evaluate/conversion-label.js';
import { liquidatableAtOnce } from '../../../src/report/evaluate/what-if-view.js';
import { ensureBuilt, runCli } from '../../cli/run-cli.js';

const SAMPLE = ['data/samples/positions.csv', '--balances', 'data/samples/balances.csv'];

beforeAll(() => ensureBuilt());

/** A mode with only what the views read here. */
function mode(fields: Partial<ModeEvaluation>): ModeEvaluation {
  return { mode: 'cross', asset: 'USDT', pools: [], positions: [], ...fields } as ModeEvaluation;
}

describe('converted assets named beside the totals', () => {
  it('names each converted asset once with its price, and a haircut', () => {
    const modes = [
      mode({ conversions: [{ asset: 'USDC', price: 1, haircut: 0 }] }),
      mode({ conversions: [{ asset: 'USDC', price: 1, haircut: 0 }, { asset: 'BTC', price: 91250.5, haircut: 0.05 }] }),
    ];
    expect(conversionsText(modes)).toBe('USDC at 1.0000, BTC at 91,250.5 less 5 %');
    expect(labelWithConversions('Equity', 'USDT', modes)).toBe('Equity (USDT; USDC at 1.0000, BTC at 91,250.5 less 5 %)');
    expect(labelWithConversions('Equity', 'USDT', [mode({})])).toBe('Equity (USDT)');
    expect(labelWithConversions('Equity', '', [mode({ conversions: [{ asset: 'USDC', price: 0.9998, haircut: 0 }] })])).toBe('Equity (USDC at 0.9998)');
  });

  it('the mixed sample account (a USDC pool beside USDT ones) says USDC is counted at 1, in the table and in Markdown; a USDT-only account does not', async () => {
    const table = await runCli(['evaluate', ...SAMPLE, '-q', '--accounts', 'mixed,hedged-desk']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/│ Equity \(USDT; USDC at 1\.0000\) │ 24,216\.00 │ 24,216\.00 │ 24,216\.00 │/);
    expect(table.stdout).toMatch(/│ Equity \(USDT\)\s+│ 105,515\.00 │ 105,515\.00 │ 105,515\.00 │/);
    expect(table.stdout.match(/USDC at 1\.0000/g)).toHaveLength(1);
    const markdown = await runCli(['evaluate', ...SAMPLE, '-q', '--accounts', 'mixed', '--format', 'markdown']);
    expect(markdown.stdout).toContain('| Equity (USDT; USDC at 1.0000) | 24,216.00 | 24,216.00 | 24,216.00 |');
  });
});

describe('a what-if already past its liquidation price', () => {
  it('is liquidatable at once when its price is on the wrong side of the mark or its pool is under maintenance', () => {
    const position = (side: 'long' | 'short', liquidationPrice: number | null) => ({ positionId: 'p', poolId: 'q', side, markPrice: 100, liquidationPrice });
    const pool = (liquidatable: boolean) => [{ poolId: 'q', liquidatable }];
    const at = (side: 'long' | 'short', price: number | null, underwater = false) =>
      liquidatableAtOnce(mode({ positions: [position(side, price)], pools: pool(underwater) } as unknown as Partial<ModeEvaluation>), 'p');
    expect(at('long', 101)).toBe(true);
    expect(at('long', 99)).toBe(false);
    expect(at('short', 99)).toBe(true);
    expect(at('short', 101)).toBe(false);
    expect(at('short', null)).toBe(false);
    expect(at('long', null, true)).toBe(true);
    expect(liquidatableAtOnce(mode({}), 'p')).toBe(false);
  });

  it('flags a long bought far above the mark, in every mode where it is past, and not a sound what-if', async () => {
    const past = await runCli(['evaluate', ...SAMPLE, '-q', '--accounts', 'degen-50x', '--what-if', 'BTCUSDT long 1 @ 120000 x100 isolated account=degen-50x']);
    expect(past.code).toBe(0);
    expect(past.stdout).toMatch(
      /│ BTCUSDT:long:what-if \(new\) │ — → 119,347 \(liquidatable at once\) │ — → 119,347 \(liquidatable at once\) │\s+— → 105,827 \(liquidatable at once\) │/,
    );
    const sound = await runCli(['evaluate', ...SAMPLE, '-q', '--accounts', 'degen-50x', '--format', 'markdown', '--what-if', 'BTCUSDT long 0.01 x2 isolated account=degen-50x']);
    expect(sound.stdout).toContain('| BTCUSDT:long:what-if (new) | — → 45,808 | — → 45,808 | — → 87,471 |');
    expect(sound.stdout).not.toContain('liquidatable at once');
  });
});
