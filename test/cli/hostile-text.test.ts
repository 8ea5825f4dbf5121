// Every Markdown and HTML writer makes text from the input inert: account names and position ids
// that carry HTML (`<script>`, `<img onerror=…>`) or a `javascript:` link come out escaped, in
// every command's Markdown and in the HTML report, whether the text came from a CSV or a venue
// export.

import { describe, expect, it } from 'vitest';
import { runCli, useScratchFiles } from './run-cli.js';

const file = useScratchFiles('marginscope-hostile-');

const HOSTILE_ACCOUNT = '<script>alert(1)</script>';
const HOSTILE_ID = '[x](javascript:alert(1))';
const HOSTILE_OTHER = '<img src=x onerror=alert(1)>';

const positionsCsv = [
  'account,position_id,symbol,side,size,entry_price,mark_price,leverage,margin_mode',
  `"${HOSTILE_ACCOUNT}","${HOSTILE_ID}",BTCUSDT,long,0.1,60000,60000,10,cross`,
  `"${HOSTILE_ACCOUNT}","${HOSTILE_OTHER}",ETHUSDT,short,1,3000,3000,10,cross`,
].join('\n');
const balancesCsv = ['account,asset,amount', `"${HOSTILE_ACCOUNT}",USDT,5000`].join('\n');

/** No raw tag survives, and in Markdown no live link (an unescaped `](`); HTML never renders Markdown links. */
function expectInert(text: string, kind: 'markdown' | 'html'): void {
  expect(text).not.toMatch(/<script/i);
  expect(text).not.toMatch(/<img/i);
  if (kind === 'markdown') expect(text).not.toMatch(/(?<!\\)\]\(javascript:/i);
}

describe('hostile text from the input is escaped', () => {
  const positions = () => file('hostile.csv', positionsCsv);
  const balances = () => file('hostile-balances.csv', balancesCsv);

  it.each([
    ['evaluate', ['evaluate', '--format', 'markdown']],
    ['evaluate --stress', ['evaluate', '--format', 'markdown', '--stress']],
    ['simulate', ['simulate', '--format', 'markdown', '--paths', '200', '--seed', '1']],
    ['replay', ['replay', '--format', 'markdown', '--event', '2025-10-10']],
  ])('in the Markdown of %s', async (_name, args) => {
    const [command, ...rest] = args;
    const run = await runCli([command!, positions(), '--balances', balances(), ...rest, '-q']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('&lt;script&gt;');
    expectInert(run.stdout, 'markdown');
  });

  it.each(['markdown', 'html'] as const)('in the %s report', async (format) => {
    const run = await runCli(['report', positions(), '--balances', balances(), '--format', format, '--paths', '200', '--seed', '1', '-q']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('&lt;script&gt;');
    expectInert(run.stdout, format);
  });
});
