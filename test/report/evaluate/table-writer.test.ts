// The terminal table: modes side by side, positions riskiest first, units in headers, colour
// only when asked for.

import { describe, expect, it } from 'vitest';
import type { EvaluateReportInputs } from '../../../src/report/evaluate/evaluate-document.js';
import { createTableEvaluateWriter } from '../../../src/report/evaluate/table-writer.js';
import { sampleEvaluation, singlePositionEvaluation } from '../sample-evaluation.js';

const INPUTS: EvaluateReportInputs = {
  venue: 'generic',
  allocation: 'leverage',
  files: { positions: 'positions.csv', balances: 'balances.csv', tiers: null },
  wallet: null,
  skipInvalid: false,
};

const ANSI_ESCAPE = /\u001b\[/;

function render(color: boolean): string {
  const writer = createTableEvaluateWriter({ color });
  return writer.begin(INPUTS) + writer.account(sampleEvaluation()) + writer.account(singlePositionEvaluation()) + writer.end();
}

describe('createTableEvaluateWriter', () => {
  const text = render(false);

  it('shows each account with the three modes side by side and units in the labels', () => {
    expect(text).toContain('Account desk: 2 positions; isolated mode: each position kept above maintenance first, the rest by leverage (entry notional / leverage, the rest free)');
    expect(text).toMatch(/│\s+│\s+exported │\s+isolated │\s+cross │/);
    expect(text).toMatch(/│ Equity \(USDT\)\s+│\s+11,500\.25 │\s+11,500\.25 │\s+11,500\.25 │/);
    expect(text).toMatch(/│ Free balance \(USDT\)\s+│\s+0\.00 │\s+1,200\.00 │\s+0\.00 │/);
    expect(text).toMatch(/│ All marks down to liquidation │\s+-20\.00% │\s+-16\.78% │\s+-31\.00% │/);
    expect(text).toMatch(/│ Equity at marks \(USD\)\s+│\s+82,000\.00 │/);
  });

  it('lists positions riskiest first with liquidation price and distance per mode', () => {
    const eth = text.indexOf('│ ETHUSDT');
    const btc = text.indexOf('│ BTCUSDT');
    expect(eth).toBeGreaterThan(0);
    expect(btc).toBeGreaterThan(eth);
    expect(text).toMatch(/│ ETHUSDT │ short │ isolated │\s+2 │\s+3,000\.0 │\s+6,000\.00 │\s+3,234\.0 \(\+7\.80%\) │\s+3,234\.0 \(\+7\.80%\) │\s+8,000\.5 \(\+166\.7%\) │/);
    expect(text).toMatch(/│ BTCUSDT │ long\s+│ cross\s+│\s+0\.5 │\s+90,000\.5 │\s+45,000\.25 │\s+72,500\.3 \(-19\.44%\) │\s+74,900\.0 \(-16\.78%\) │/);
  });

  it('shows a dash where no liquidation price exists, and contracts for inverse sizes', () => {
    expect(text).toMatch(/│ BTCUSD_PERP │ short │ cross │ 100 ct │\s+80,000 │\s+0\.125000 │\s+— │\s+— │\s+— │/);
  });

  it('has no colour codes unless asked, and uses them when asked', () => {
    expect(text).not.toMatch(ANSI_ESCAPE);
    expect(render(true)).toMatch(ANSI_ESCAPE);
  });

  it('ends with a legend, or says there was nothing to show', () => {
    expect(text).toContain('Liq. <mode>');
    const empty = createTableEvaluateWriter({ color: false });
    expect(empty.begin(INPUTS) + empty.end()).toBe('No accounts with positions in the input.\n');
  });

  it('shows warnings under the account headline', () => {
    const writer = createTableEvaluateWriter({ color: false });
    const out = writer.account({ ...sampleEvaluation(), warnings: ['wallet covers 80 % of the allocations; scaled pro rata'] });
    expect(out.split('\n')[1]).toBe('! wallet covers 80 % of the allocations; scaled pro rata');
  });
});
