// The hostile-input campaign kept as a table: each case is a command line a user (or an attacker)
// might type, with the files it reads, and what must come out: the exit code, a pattern every
// stderr must match, and that nothing reaches stdout on a refusal. A case that once failed stays
// here so it stays fixed.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli, useScratchFiles } from './run-cli.js';

const file = useScratchFiles('marginscope-campaign-');
const SAMPLES = join(REPO_ROOT, 'data', 'samples');
const sample = (name: string) => readFileSync(join(SAMPLES, name), 'utf8');

interface Case {
  readonly name: string;
  /** Input files written to the scratch folder: name → text. Arguments refer to them as `@name`. */
  readonly files: Readonly<Record<string, string>>;
  readonly args: readonly string[];
  readonly code: number;
  readonly stderr: RegExp;
  /** Stdout must be empty (every refusal writes nothing). */
  readonly quietStdout?: boolean;
  /** A pattern stdout must match (a result computed right). */
  readonly stdout?: RegExp;
}

const BOOK = { 'positions.csv': sample('positions.csv'), 'balances.csv': sample('balances.csv') };
const ONE_ACCOUNT = 'account,symbol,side,size,entry_price,mark_price\nmain,BTCUSDT,long,1,100,100\n';

/** 60 hourly closes of BTCUSDT alternating ×3 and ÷3: an annual volatility of about 104 (10,369 %). */
function absurdHistory(): string {
  let text = 'timestamp,symbol,close\n';
  let price = 100;
  for (let i = 0; i < 60; i++) {
    price = i % 2 === 1 ? price * 3 : price / 3;
    text += `${new Date(Date.UTC(2025, 0, 1) + i * 3_600_000).toISOString()},BTCUSDT,${price.toFixed(6)}\n`;
  }
  return text;
}

const CASES: readonly Case[] = [
  {
    name: '--accounts naming no account of the file is an input problem, not an empty success',
    files: BOOK,
    args: ['evaluate', '@positions.csv', '--balances', '@balances.csv', '--accounts', 'nobody'],
    code: 1,
    stderr: /^--accounts: no positions for an account of that name in .*positions\.csv \(got "nobody"\)$/m,
    quietStdout: true,
  },
  {
    name: '--accounts in report likewise',
    files: BOOK,
    args: ['report', '@positions.csv', '--balances', '@balances.csv', '--accounts', 'mixed,nobody', '--no-shocks'],
    code: 1,
    stderr: /--accounts: .*\(got "nobody"\)/,
    quietStdout: true,
  },
  {
    name: 'a balance row of an account with no positions is a warning naming its line',
    files: { 'one.csv': ONE_ACCOUNT, 'typo.csv': 'account,asset,amount\nmain,USDT,100\nmian,USDT,500\n' },
    args: ['evaluate', '@one.csv', '--balances', '@typo.csv'],
    code: 0,
    stderr: /^marginscope: warning: .*typo\.csv:3: column account: no positions in .*one\.csv for this account: evaluated on its collateral alone, with nothing at risk \(got "mian"\)$/m,
  },
  {
    name: 'many balance rows of accounts with no positions: the first 10 in full, the rest counted in one line naming the first and last',
    files: { 'one.csv': ONE_ACCOUNT, 'many.csv': `account,asset,amount\nmain,USDT,100\n${Array.from({ length: 25 }, (_, k) => `x${k + 1},USDT,5\n`).join('')}` },
    args: ['evaluate', '@one.csv', '--balances', '@many.csv'],
    code: 0,
    // Lines 3-12 (x1 … x10) in full, then x11 … x25 (lines 13-27) in one line, and nothing after it.
    stderr: /many\.csv:12: column account: .*\(got "x10"\)\nmarginscope: warning: .*many\.csv: column account: 15 more like the above, lines 13–27: no positions in .*one\.csv for this account: evaluated on its collateral alone, with nothing at risk \(first "x11", last "x25"\)\n(?!marginscope: warning)/,
  },
  {
    name: '"got" values are escaped once: a backslash and a quote show as typed',
    files: { 'escapes.csv': 'account,symbol,side,size,entry_price,mark_price\nmain,BTCUSDT,long,abc\\def,100,100\nmain,ETHUSDT,long,"1""x",100,100\n' },
    args: ['evaluate', '@escapes.csv'],
    code: 1,
    stderr: /escapes\.csv:2: column size: not a number \(got "abc\\def"\)\n.*escapes\.csv:3: column size: not a number \(got "1"x"\)/,
    quietStdout: true,
  },
  {
    name: '--wallet of 1e308 is refused with the range',
    files: BOOK,
    args: ['evaluate', '@positions.csv', '--accounts', 'mixed', '--wallet', '1e308'],
    code: 2,
    stderr: /--wallet: out of range: amounts must be 0 or of a magnitude within 1e-12 … 1e15 \(got "1e308"\)/,
    quietStdout: true,
  },
  {
    name: '--transfer of 1e308 is refused with the range',
    files: BOOK,
    args: ['evaluate', '@positions.csv', '--balances', '@balances.csv', '--transfer', 'mixed:1e308'],
    code: 2,
    stderr: /--transfer "mixed:1e308": out of range: amounts must be 0 or of a magnitude within 1e-12 … 1e15 \(got "1e308"\)/,
    quietStdout: true,
  },
  {
    name: '-o with no value names --out',
    files: BOOK,
    args: ['evaluate', '@positions.csv', '-o'],
    code: 2,
    stderr: /^marginscope: --out needs a value/,
    quietStdout: true,
  },
  {
    name: '--df with the gbm model is refused, not ignored',
    files: BOOK,
    args: ['simulate', '@positions.csv', '--balances', '@balances.csv', '--df', '4', '--paths', '100'],
    code: 2,
    stderr: /--df sets the Student-t degrees of freedom and applies to --model student-t only \(the model is gbm\)/,
    quietStdout: true,
  },
  {
    name: '--corr NaN is a bad number, not a missing file',
    files: BOOK,
    args: ['simulate', '@positions.csv', '--balances', '@balances.csv', '--corr', 'NaN', '--paths', '100'],
    code: 2,
    stderr: /--corr: a constant correlation must be a number in \[-1, 1\].*\(got "NaN"\)/,
    quietStdout: true,
  },
  {
    name: 'a size of 1e308 is a located input problem naming the range, not an internal error',
    files: { 'huge.csv': 'account,symbol,side,size,entry_price,mark_price\nmain,BTCUSDT,long,1e308,100,100\n' },
    args: ['evaluate', '@huge.csv'],
    code: 1,
    stderr: /^.*huge\.csv:2: column size: out of range: sizes must be within 1e-12 … 1e12 \(got "1e308"\)$/m,
    quietStdout: true,
  },
  {
    name: 'a --what-if size of 1e308 is a usage error naming the range',
    files: { 'one.csv': ONE_ACCOUNT },
    args: ['evaluate', '@one.csv', '--wallet', '1000', '--what-if', 'BTCUSDT long 1e308 @ 97000 x10 isolated'],
    code: 2,
    stderr: /^marginscope: --what-if "BTCUSDT long 1e308 @ 97000 x10 isolated": "1e308" is not a size: use a number within 1e-12 … 1e12/m,
    quietStdout: true,
  },
  {
    name: 'a --what-if leverage of 1e9 is a usage error naming the range',
    files: { 'one.csv': ONE_ACCOUNT },
    args: ['evaluate', '@one.csv', '--what-if', 'BTCUSDT long 1 x1e9'],
    code: 2,
    stderr: /"x1e9" is not a leverage: use x followed by a number within 1 … 1000/,
    quietStdout: true,
  },
  {
    name: 'prices, sizes and leverage out of their range are located problems, every one of them',
    files: {
      'ranges.csv':
        'account,symbol,side,size,entry_price,mark_price,leverage,margin_mode,isolated_margin\n' +
        'main,BTCUSDT,long,1,100,1e-320,,,\n' +
        'main,ETHUSDT,long,1,1e13,100,,,\n' +
        'main,SOLUSDT,long,1e-13,100,100,,,\n' +
        'main,XRPUSDT,long,1,100,100,1e9,isolated,10\n' +
        'main,ADAUSDT,long,1,100,100,,isolated,1e16\n',
    },
    args: ['evaluate', '@ranges.csv'],
    code: 1,
    stderr: new RegExp(
      [
        'ranges\\.csv:2: column mark_price: out of range: prices must be within 1e-12 … 1e12 \\(got "1e-320"\\)',
        'ranges\\.csv:3: column entry_price: out of range: prices must be within 1e-12 … 1e12 \\(got "1e13"\\)',
        'ranges\\.csv:4: column size: out of range: sizes must be within 1e-12 … 1e12 \\(got "1e-13"\\)',
        'ranges\\.csv:5: column leverage: out of range: leverage must be within 1 … 1000 \\(got "1e9"\\)',
        'ranges\\.csv:6: column isolated_margin: out of range: amounts must be within 1e-12 … 1e15 \\(got "1e16"\\)',
      ].join('\\n.*'),
    ),
    quietStdout: true,
  },
  {
    name: 'a balance of 1e308 is a located problem naming the range',
    files: { 'one.csv': ONE_ACCOUNT, 'rich.csv': 'account,asset,amount\nmain,USDT,1e308\n' },
    args: ['evaluate', '@one.csv', '--balances', '@rich.csv'],
    code: 1,
    stderr: /rich\.csv:2: column amount: out of range: amounts must be 0 or of a magnitude within 1e-12 … 1e15 \(got "1e308"\)/,
    quietStdout: true,
  },
  {
    name: 'a tier whose maintenance_amount makes maintenance margin negative in its bracket is refused',
    files: {
      'one.csv': ONE_ACCOUNT,
      'tiers.csv':
        'symbol,notional_floor,notional_cap,maintenance_margin_rate,maintenance_amount,max_leverage\n' +
        'BTCUSDT,0,10000,0.01,0,50\nBTCUSDT,10000,,0.02,500,20\n',
    },
    args: ['evaluate', '@one.csv', '--tiers', '@tiers.csv'],
    code: 1,
    stderr: /tiers\.csv:3: column maintenance_amount: BTCUSDT tier 2: maintenance amount 500 makes maintenance margin negative in the bracket \(floor 10000 × rate 0\.02 − amount = -300\)/,
    quietStdout: true,
  },
  {
    name: 'a first tier with an amount makes maintenance margin negative for small positions: refused',
    files: {
      'one.csv': ONE_ACCOUNT,
      'tiers.csv': 'symbol,notional_floor,notional_cap,maintenance_margin_rate,maintenance_amount,max_leverage\nBTCUSDT,0,,0.01,5,50\n',
    },
    args: ['evaluate', '@one.csv', '--tiers', '@tiers.csv'],
    code: 1,
    stderr: /tiers\.csv:2: column maintenance_amount: BTCUSDT tier 1: maintenance amount 5 makes maintenance margin negative/,
    quietStdout: true,
  },
  {
    name: 'a venue export with a mark of 1e15 is a located problem naming the range',
    files: {
      'positionRisk.json':
        '[\n  {"symbol": "BTCUSDT", "positionAmt": "0.100", "entryPrice": "64000.5", "markPrice": "1e15", "leverage": "20", "marginType": "cross", "isolatedMargin": "0", "positionSide": "BOTH"}\n]\n',
    },
    args: ['evaluate', '@positionRisk.json'],
    code: 1,
    stderr: /positionRisk\.json:2: column \[0\]: mark price out of range: prices must be within 1e-12 … 1e12 \(got "1000000000000000"\)/,
    quietStdout: true,
  },
  {
    name: 'a long at the top of the price range (mark 1e12, entry 100) has its liquidation price, 1e-10 of the mark',
    files: { 'edge.csv': 'account,symbol,side,size,entry_price,mark_price\nmain,BTCUSDT,long,1,100,1e12\n' },
    args: ['evaluate', '@edge.csv', '--format', 'csv', '-q'],
    code: 0,
    stderr: /^$/,
    // LP = 100 / (1 − 0.004) in the first bracket of the bundled generic table
    stdout: /^main,exported,main:BTCUSDT:long,BTCUSDT,long,1,USDT,1000000000000,1000000000000,0,999999999900,[\d.]+,100\.4016064\d*,-0\.99999999989959/m,
  },
  {
    name: 'marks of 1e-8 and 1e9 compute: liquidation prices found, finite, on the right side',
    files: {
      'scale.csv':
        'account,symbol,side,size,entry_price,mark_price,margin_mode,isolated_margin\n' +
        'main,BTCUSDT,long,1e9,1e-8,1e-8,isolated,1\nmain,ETHUSDT,short,0.001,1e9,1e9,isolated,100000\n',
    },
    args: ['evaluate', '@scale.csv', '--format', 'csv', '-q'],
    code: 0,
    stderr: /^$/,
    // 10x: the long liquidated 9.6 % below 1e-8 (1e-8 × (1 − 0.1) / (1 − 0.004)), the short 9.4 % above 1e9
    stdout: /^(?=[\s\S]*^main,exported,main:BTCUSDT:long,BTCUSDT,long,1000000000,USDT,1e-8,10,1,0,0\.04,9\.036144\d*e-9,-0\.0963855\d*,isolated)(?=[\s\S]*^main,exported,main:ETHUSDT:short,ETHUSDT,short,0\.001,USDT,1000000000,1000000,100000,0,5550,1093840039\.7\d*,0\.0938400\d*,isolated)/m,
  },
  {
    name: '--history calibrating an absurd volatility draws the limit --vol applies, naming the symbol and the file',
    files: { 'one.csv': ONE_ACCOUNT, 'history.csv': absurdHistory() },
    args: ['simulate', '@one.csv', '--wallet', '100', '--history', '@history.csv', '--paths', '100'],
    code: 1,
    stderr: /history\.csv: column symbol: the volatility calibrated for BTCUSDT is 103\.7 \(10,369 %\/yr\), above 20 \(the most --vol accepts\).*\(got "BTCUSDT"\)$/m,
    quietStdout: true,
  },
  {
    name: 'a repeated JSON member name is a located problem naming the key and both lines, not the last value silently',
    files: {
      'positionRisk.json':
        '[\n  {"symbol": "BTCUSDT", "positionAmt": "0.100", "entryPrice": "64000.5",\n   "markPrice": "65000", "leverage": "20", "marginType": "cross",\n   "markPrice": "1", "isolatedMargin": "0", "positionSide": "BOTH"}\n]\n',
    },
    args: ['evaluate', '@positionRisk.json', '--wallet', '1000'],
    code: 1,
    stderr: /positionRisk\.json:4: column \[0\]\.markPrice: the member name "markPrice" repeats in one object \(first on line 3, again on line 4\): which value is meant cannot be told; keep one \(got "1"\)/,
    quietStdout: true,
  },
  ...(
    [
      ['positions', 'account,symbol,side,size,entry_price,mark_price\rmain,BTCUSDT,long,1,100,100\r', 'account,symbol,side,size,entry_price,mark_price'],
      ['a venue export CSV', 'symbol,positionAmt,entryPrice,markPrice,positionSide\rBTCUSDT,0.1,64000,65000,BOTH\r', 'symbol,positionAmt,entryPrice,markPrice,positionSide'],
    ] as const
  ).map(
    ([what, text, header]): Case => ({
      name: `bare-CR line endings (classic Mac OS) in ${what} are named, not read as one long row`,
      files: { 'mac.csv': text },
      args: ['evaluate', '@mac.csv', '--wallet', '1000'],
      code: 1,
      stderr: new RegExp(
        `mac\\.csv:1: line breaks are bare CR characters \\(classic Mac OS\\), not LF or CRLF, so the file reads as one line; save it with LF or CRLF line endings \\(got "${header}"\\)`,
      ),
      quietStdout: true,
    }),
  ),
  {
    name: 'bare-CR line endings in --balances are named too',
    files: { 'one.csv': ONE_ACCOUNT, 'mac.csv': 'account,asset,amount\rmain,USDT,100\r' },
    args: ['evaluate', '@one.csv', '--balances', '@mac.csv'],
    code: 1,
    stderr: /mac\.csv:1: line breaks are bare CR characters \(classic Mac OS\)/,
    quietStdout: true,
  },
  {
    name: 'a venue CSV export cut off inside its last markPrice (no final line break) is evaluated with a warning naming the row',
    files: {
      'positionRisk.csv':
        'symbol,positionAmt,entryPrice,positionSide,marginType,markPrice\nBTCUSDT,0.1,64000,BOTH,cross,65432.1\nETHUSDT,1,3000,BOTH,cross,6543',
    },
    args: ['evaluate', '@positionRisk.csv', '--wallet', '1000'],
    code: 0,
    stderr: /^marginscope: warning: .*positionRisk\.csv:3: the file does not end with a line break, as a download cut off mid-row does: check that this last row is complete$/m,
  },
  {
    name: 'a venue CSV export row with fewer fields than the header is an error, not empty cells',
    files: {
      'positionRisk.csv': 'symbol,positionAmt,entryPrice,markPrice,positionSide,marginType\nBTCUSDT,0.1,64000,65432.1,BOTH,cross\nETHUSDT,1,3000,31\n',
    },
    args: ['evaluate', '@positionRisk.csv'],
    code: 1,
    stderr: /^.*positionRisk\.csv:3: row has 4 fields but the header has 6 \(cut short\?\)$/m,
    quietStdout: true,
  },
  ...(['simulate', 'replay', 'report'] as const).map(
    (command): Case => ({
      name: `a broken venue export given to ${command} is read as evaluate reads it: its problem located, exit 1`,
      files: { 'export.json': '{"assetPositions": [], "marginSummary": {"accountValue": "0"}}' },
      args: [command, '@export.json'],
      code: 1,
      stderr: /^.*export\.json:1: column crossMarginSummary: crossMarginSummary \(the cross account value\) is missing$/m,
      quietStdout: true,
    }),
  ),
];

describe('the hostile-input campaign', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const paths = Object.fromEntries(Object.entries(c.files).map(([name, text]) => [name, file(`${c.name.replace(/\W+/g, '-').slice(0, 40)}-${name}`, text)]));
    const args = c.args.map((arg) => (arg.startsWith('@') ? paths[arg.slice(1)]! : arg));
    const run = await runCli(args);
    expect(run.code, run.stderr).toBe(c.code);
    expect(run.stderr).toMatch(c.stderr);
    expect(run.stderr).not.toMatch(/internal error|at .*\.c?js:\d+/);
    if (c.quietStdout === true) expect(run.stdout).toBe('');
    if (c.stdout !== undefined) expect(run.stdout).toMatch(c.stdout);
  });
});
