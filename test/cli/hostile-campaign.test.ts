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
}

const BOOK = { 'positions.csv': sample('positions.csv'), 'balances.csv': sample('balances.csv') };
const ONE_ACCOUNT = 'account,symbol,side,size,entry_price,mark_price\nmain,BTCUSDT,long,1,100,100\n';

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
    stderr: /^marginscope: warning: .*typo\.csv:3: column account: no positions in .*one\.csv for this account: its collateral is not used \(got "mian"\)$/m,
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
  ...(['simulate', 'replay', 'report'] as const).map(
    (command): Case => ({
      name: `a venue export given to ${command} says where exports are read, in one line`,
      files: { 'export.json': '{"assetPositions": [], "marginSummary": {"accountValue": "0"}}' },
      args: [command, '@export.json'],
      code: 2,
      stderr: new RegExp(`^marginscope: .*export\\.json is a venue export .*; ${command} reads the canonical positions CSV`),
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
    expect(run.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
    if (c.quietStdout === true) expect(run.stdout).toBe('');
  });
});
