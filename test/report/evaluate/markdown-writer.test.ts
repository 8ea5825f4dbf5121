// The Markdown writer: the exact report for a small case, and cells that cannot break a table.

import { describe, expect, it } from 'vitest';
import type { EvaluateReportInputs } from '../../../src/report/evaluate/evaluate-document.js';
import { createMarkdownEvaluateWriter } from '../../../src/report/evaluate/markdown-writer.js';
import { markdownCell } from '../../../src/report/format/markdown-text.js';
import { sampleEvaluation } from '../sample-evaluation.js';

const INPUTS: EvaluateReportInputs = {
  venue: 'binance-coinm',
  allocation: 'notional',
  files: { positions: 'positions.csv', balances: null, tiers: null },
  wallet: 1,
  skipInvalid: false,
};

const EXPECTED = `# Margin evaluation

Positions \`positions.csv\`, \`--wallet 1\`; default venue \`binance-coinm\`, isolated-mode allocation \`notional\`.

## desk

Account desk: 2 positions; isolated mode: each position kept above maintenance first, the rest by leverage (entry notional / leverage, the rest free).

|  | exported | isolated | cross |
| --- | ---: | ---: | ---: |
| Equity (USDT) | 11,500.25 | 11,500.25 | 11,500.25 |
| Maintenance margin (USDT) | 210.00 | 210.00 | 210.00 |
| Margin ratio (MM / equity) | 1.83% | 1.83% | 1.83% |
| Free balance (USDT) | 0.00 | 1,200.00 | 0.00 |
| Liquidatable now | no | no | no |
| All marks down to liquidation | -20.00% | -16.78% | -31.00% |
| All marks up to liquidation | +7.80% | +7.80% | — |
| Collateral pools | 1 | 0 | 0 |

| Symbol | Side | Held | Size | Mark price | Notional (USDT) | Liq. exported | Liq. isolated | Liq. cross |
| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |
| ETHUSDT | short | isolated | 2 | 3,000.0 | 6,000.00 | 3,234.0 (+7.80%) | 3,234.0 (+7.80%) | 8,000.5 (+166.7%) |
| BTCUSDT | long | cross | 0.5 | 90,000.5 | 45,000.25 | 72,500.3 (-19.44%) | 74,900.0 (-16.78%) | 72,500.3 (-19.44%) |

**Verdict:** Cross is safer: by distance of all marks moving together.

| Lens | Isolated | Cross | Safer |
| --- | ---: | ---: | --- |
| distance of all marks moving together | 7.80% | 31.00% | cross |

Modes: exported = each position as held; isolated = every position isolated (cross ones get margin by the allocation policy); cross = one shared pool per account and settlement asset. Liq. <mode>: the mark of that symbol at which the position is liquidated in that mode, other marks unchanged (distance = liq. / mark - 1). — = no such price. Margin ratio: all pools of the mode together; each pool is liquidated on its own, at 100% of its own ratio (the riskiest pool's is shown when a mode has several). Uniform moves beyond +1,000% are shown as >+1,000%.
`;

describe('createMarkdownEvaluateWriter', () => {
  it('writes a summary table and a positions table per account, exactly', () => {
    const writer = createMarkdownEvaluateWriter();
    expect(writer.begin(INPUTS) + writer.account(sampleEvaluation()) + writer.end()).toBe(EXPECTED);
  });

  it('escapes pipes and line breaks inside cells', () => {
    expect(markdownCell('a|b\nc')).toBe('a\\|b c');
  });

  it('lists warnings as quoted lines', () => {
    const writer = createMarkdownEvaluateWriter();
    writer.begin(INPUTS);
    const text = writer.account({ ...sampleEvaluation(), warnings: ['allocations scaled down to 80 % of the wallet'] });
    expect(text).toContain('> **Warning:** allocations scaled down to 80 % of the wallet');
  });
});
