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

Positions \`positions.csv\`, \`--wallet 1\`;

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
