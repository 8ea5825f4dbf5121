// The `marginscope` command as a user runs it: the built binary, spawned with real files.
// Exit codes, one-line errors without stack traces, every output format on the sample book,
// and `--out` writing atomically.

import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, ensureBuilt, lines, runCli } from './run-cli.js';

const SAMPLE_POSITIONS = 'data/samples/positions.csv';
const SAMPLE_BALANCES = 'data/samples/balances.csv';
const BROKEN_POSITIONS = 'test/cli/fixtures/broken-positions.csv';
const SAMPLE_ACCOUNTS = ['hedged-desk', 'degen-50x', 'miner-hedge', 'mixed'];

/** The evaluation engine is wired in when these exist; until then only parsing is tested. */

const STACK_FRAME = /^\s+at /m;

beforeAll(() => {
  ensureBuilt();
});

describe('command line', () => {
  it('--help lists every command of the contract and exits 0', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const command of ['evaluate', 'simulate', 'replay', 'events', 'report']) expect(run.stdout).toContain(`marginscope ${command}`);
    expect(run.stderr).toBe('');
  });

  it('evaluate --help lists every option', async () => {
    const run = await runCli(['evaluate', '--help']);
    expect(run.code).toBe(0);
    for (const option of ['--balances', '--wallet', '--venue', '--tiers', '--format', '--out', '--delimiter', '--allocation', '--skip-invalid', '--quiet', '--threads']) {
      expect(run.stdout).toContain(option);
    }
  });

  it('--version prints the package version', async () => {
    const run = await runCli(['--version']);
    expect(run.code).toBe(0);
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(run.stdout.trim()).toBe(pkg.version);
  });

  it.each([
    [['bogus', 'x.csv'], /unknown command "bogus"/],
    [[], /no command given/],
    [['evaluate'], /missing the POSITIONS file/],
    [['evaluate', SAMPLE_POSITIONS, '--format', 'xml'], /--format: "xml" is not one of table, json, csv, markdown/],
    [['evaluate', SAMPLE_POSITIONS, '--venue', 'ftx'], /--venue: "ftx" is not one of/],
    [['evaluate', SAMPLE_POSITIONS, '--allocation', 'random'], /--allocation: "random" is not one of/],
    [['evaluate', SAMPLE_POSITIONS, '--wallet', 'lots'], /--wallet: expected an amount/],
    [['evaluate', SAMPLE_POSITIONS, '--delimiter', '|'], /--delimiter: expected/],
    [['evaluate', SAMPLE_POSITIONS, '--no-such-option'], /unknown option --no-such-option/],
    [['evaluate', SAMPLE_POSITIONS, 'extra.csv'], /unexpected argument "extra.csv"/],
    [['evaluate', SAMPLE_POSITIONS, '--out'], /--out needs a value/],
    [['evaluate', SAMPLE_POSITIONS, '--wallet', '100', '--balances', SAMPLE_BALANCES], /cannot be used together/],
    [['evaluate', SAMPLE_POSITIONS, '--format', 'json', '--format', 'csv'], /--format was given 2 times/],
    [['evaluate', SAMPLE_POSITIONS, '--threads', '0'], /--threads: expected a whole number from 1 to 256/],
  ])('usage error %j: exit 2, one line with a hint, no stack', async (args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(/--help'\)$/m);
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });

  it('speaks English under any locale (the tool is English; its messages stay the rewritten ones)', async () => {
    for (const locale of ['de_DE.UTF-8', 'fr_FR.UTF-8', 'ja_JP.UTF-8']) {
      const env = { LANG: locale, LC_ALL: locale, LC_MESSAGES: locale };
      const unknown = await runCli(['evaluate', SAMPLE_POSITIONS, '--no-such-option'], { env });
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toMatch(/^marginscope: unknown option --no-such-option \(see 'marginscope evaluate --help'\)$/m);
      const missing = await runCli(['evaluate'], { env });
      expect(missing.stderr).toMatch(/missing the POSITIONS file/);
      const help = await runCli(['simulate', '--help'], { env });
      expect(help.stdout).toMatch(/^Positionals:$/m);
      expect(help.stdout).toContain('[required]');
    }
  });

  it.each(['simulate', 'replay', 'report', 'events'])('%s --help prints its usage (exit 0)', async (command) => {
    const run = await runCli([command, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`marginscope ${command}`));
    expect(run.stderr).toBe('');
  });
});

describe('evaluate', () => {
  let scratch = '';
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'marginscope-cli-'));
  });
  afterAll(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  it.each(['table', 'json', 'csv', 'markdown'])('evaluates the sample book as %s (exit 0, stdout only)', async (format) => {
    const run = await runCli(['evaluate', SAMPLE_POSITIONS, '--balances', SAMPLE_BALANCES, '--format', format]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.length).toBeGreaterThan(0);
    for (const account of SAMPLE_ACCOUNTS) expect(run.stdout).toContain(account);
    expect(run.stdout).not.toMatch(/NaN|Infinity|undefined/);
  });

  it('the JSON result carries the schema, the inputs and every account in the three modes', async () => {
    const run = await runCli(['evaluate', SAMPLE_POSITIONS, '--balances', SAMPLE_BALANCES, '--format', 'json']);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as {
      schema: string;
      venue: string;
      allocation: string;
      files: { positions: string; balances: string };
      accounts: Array<{ account: string; modes: Record<string, { positions: unknown[] }> }>;
    };
    expect(doc.schema).toBe('marginscope/evaluate@1');
    expect(doc.venue).toBe('generic');
    expect(doc.allocation).toBe('leverage');
    expect(doc.files).toMatchObject({ positions: SAMPLE_POSITIONS, balances: SAMPLE_BALANCES });
    expect(doc.accounts.map((a) => a.account).sort()).toEqual([...SAMPLE_ACCOUNTS].sort());
    for (const account of doc.accounts) expect(Object.keys(account.modes)).toEqual(['exported', 'isolated', 'cross']);
  });

  it('gives byte-identical JSON on a second run', async () => {
    const args = ['evaluate', SAMPLE_POSITIONS, '--balances', SAMPLE_BALANCES, '--format', 'json'];
    const [first, second] = await Promise.all([runCli(args), runCli(args)]);
    expect(first.stdout).toBe(second.stdout);
  });

  it('reads positions from standard input with -', async () => {
    const run = await runCli(['evaluate', '-', '--balances', SAMPLE_BALANCES, '--format', 'csv'], {
      stdin: readFileSync(join(REPO_ROOT, SAMPLE_POSITIONS), 'utf8'),
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toMatch(/^account,mode,positionId,symbol,side,size,asset,markPrice,/);
  });

  it('a missing file: exit 1, one line, nothing on stdout, no stack', async () => {
    const run = await runCli(['evaluate', 'no-such-positions.csv', '--balances', SAMPLE_BALANCES]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('no-such-positions.csv: file not found\n');
  });

  it('every missing file is reported in one go', async () => {
    const run = await runCli(['evaluate', 'missing-a.csv', '--balances', 'missing-b.csv', '--tiers', 'missing-c.csv']);
    expect(run.code).toBe(1);
    expect(lines(run.stderr).sort()).toEqual(['missing-a.csv: file not found', 'missing-b.csv: file not found', 'missing-c.csv: file not found']);
  });

  it('a broken positions file: exit 1, one line per bad row in file order, nothing on stdout', async () => {
    const run = await runCli(['evaluate', BROKEN_POSITIONS, '--quiet']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).not.toMatch(STACK_FRAME);
    const errorLines = lines(run.stderr);
    expect(errorLines.map((line) => line.slice(0, line.indexOf(': ')))).toEqual([
      `${BROKEN_POSITIONS}:3`,
      `${BROKEN_POSITIONS}:4`,
      `${BROKEN_POSITIONS}:6`,
    ]);
    expect(errorLines[0]).toMatch(/column size/);
    expect(errorLines[1]).toMatch(/column side/);
    expect(errorLines[2]).toMatch(/column mark_price/);
  });

  it('--skip-invalid evaluates the accounts without problems and still lists the problems', async () => {
    const run = await runCli(['evaluate', BROKEN_POSITIONS, '--quiet', '--skip-invalid', '--format', 'json']);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as { accounts: Array<{ account: string }> };
    expect(doc.accounts.map((a) => a.account)).toEqual(['ok-account']);
    expect(run.stderr).toMatch(new RegExp(`^${BROKEN_POSITIONS}:3: `, 'm'));
  });

  it('--skip-invalid: an account left out for its rows still has positions (no "no positions" warning for its balance, no unknown --accounts)', async () => {
    const own = mkdtempSync(join(tmpdir(), 'marginscope-cli-left-out-'));
    const balances = join(own, 'balances.csv');
    writeFileSync(balances, 'account,asset,amount\nok-account,USDT,5000\nbad-account,USDT,700\ntypo-account,USDT,1\n');
    try {
      const run = await runCli(['evaluate', BROKEN_POSITIONS, '--balances', balances, '--skip-invalid', '--format', 'json']);
      expect(run.code).toBe(0);
      // typo-account has collateral only: evaluated on its wallet, and warned about.
      expect((JSON.parse(run.stdout) as { accounts: Array<{ account: string }> }).accounts.map((a) => a.account)).toEqual(['ok-account', 'typo-account']);
      const warnings = lines(run.stderr).filter((line) => line.includes('no positions in'));
      expect(warnings).toEqual([`marginscope: warning: ${balances}:4: column account: no positions in ${BROKEN_POSITIONS} for this account: evaluated on its collateral alone, with nothing at risk (got "typo-account")`]);
      const named = await runCli(['evaluate', BROKEN_POSITIONS, '--balances', balances, '--skip-invalid', '--accounts', 'bad-account', '--format', 'json', '--quiet']);
      expect(named.code).toBe(0);
      expect((JSON.parse(named.stdout) as { accounts: unknown[] }).accounts).toEqual([]);
      expect(named.stderr).not.toMatch(/no positions for an account of that name/);
      expect(lines(named.stderr).at(-1)).toBe('marginscope: 3 input problems above; left out: account bad-account (--skip-invalid)');
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });

  it('a flat account (balance rows, no positions): evaluate and report show it on its collateral and say so; simulate and replay leave it out and say its collateral is not used', async () => {
    const own = mkdtempSync(join(tmpdir(), 'marginscope-cli-flat-'));
    const balances = join(own, 'balances.csv');
    writeFileSync(balances, `${readFileSync(join(REPO_ROOT, SAMPLE_BALANCES), 'utf8')}wallet-only,USDT,5000\n`);
    const line = (words: string): string => `marginscope: warning: ${balances}:7: column account: no positions in ${SAMPLE_POSITIONS} for this account: ${words} (got "wallet-only")`;
    try {
      const evaluated = await runCli(['evaluate', SAMPLE_POSITIONS, '--balances', balances, '--format', 'json']);
      expect(evaluated.code).toBe(0);
      const flat = (JSON.parse(evaluated.stdout) as { accounts: Array<{ account: string; modes: { cross: { equity: number } } }> }).accounts.find((a) => a.account === 'wallet-only');
      expect(flat?.modes.cross.equity).toBe(5000);
      expect(lines(evaluated.stderr).filter((l) => l.includes('wallet-only'))).toEqual([line('evaluated on its collateral alone, with nothing at risk')]);
      const simulated = await runCli(['simulate', SAMPLE_POSITIONS, '--balances', balances, '--paths', '200', '--format', 'json']);
      expect(simulated.code).toBe(0);
      expect((JSON.parse(simulated.stdout) as { accounts: Array<{ account: string }> }).accounts.map((a) => a.account)).toEqual(SAMPLE_ACCOUNTS);
      expect(lines(simulated.stderr).filter((l) => l.includes('wallet-only'))).toEqual([line('its collateral is not used')]);
      // replay leaves it out as its warning says (it once listed it with a lowest equity of 0 USD and a verdict).
      const replayed = await runCli(['replay', SAMPLE_POSITIONS, '--balances', balances, '--event', '2025-10-10', '--format', 'json']);
      expect(replayed.code).toBe(0);
      const replayDoc = JSON.parse(replayed.stdout) as { events: Array<{ accounts: Array<{ account: string }> }>; verdicts: Array<{ account: string }> };
      expect(replayDoc.events[0]!.accounts.map((a) => a.account)).toEqual(SAMPLE_ACCOUNTS);
      expect(replayDoc.verdicts.map((v) => v.account)).toEqual(SAMPLE_ACCOUNTS);
      expect(lines(replayed.stderr).filter((l) => l.includes('wallet-only'))).toEqual([line('its collateral is not used')]);
      const report = await runCli(['report', SAMPLE_POSITIONS, '--balances', balances, '--paths', '200', '--event', '2025-10-10', '--format', 'markdown']);
      expect(report.code).toBe(0);
      expect(lines(report.stderr).filter((l) => l.includes('wallet-only'))).toEqual([
        'marginscope: note: account "wallet-only": no positions, nothing to simulate or replay: shown on its collateral alone',
        line('evaluated on its collateral alone, with nothing at risk'),
      ]);
      // Its section has the evaluation and no shock figures (a replay of nothing once showed its equity as 0).
      const section = report.stdout.slice(report.stdout.indexOf('## #5 wallet-only'));
      expect(section).toMatch(/\| Equity \(USDT\) \| 5,000\.00 \| 5,000\.00 \| 5,000\.00 \|/);
      expect(section).not.toMatch(/Lowest equity|### Monte Carlo|### Historical replays/);
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });

  it('simulate --skip-invalid names the accounts it left out in the output, as evaluate does (JSON leftOut, a closing table line)', async () => {
    const args = ['simulate', BROKEN_POSITIONS, '--skip-invalid', '--paths', '200', '--quiet'];
    const json = await runCli([...args, '--format', 'json']);
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.stdout) as { accounts: Array<{ account: string }>; leftOut: unknown };
    expect(doc.accounts.map((a) => a.account)).toEqual(['ok-account']);
    expect(doc.leftOut).toEqual([{ account: 'bad-account', problems: 3, firstProblem: `${BROKEN_POSITIONS}:3: column size: not a number (got "abc")` }]);
    expect(Object.keys(doc).slice(-2)).toEqual(['accounts', 'leftOut']);
    const table = await runCli([...args, '--accounts', 'bad-account']);
    expect(table.code).toBe(0);
    expect(lines(table.stdout).slice(-2)).toEqual([
      'No account simulated.',
      `! 1 account left out for input problems (--skip-invalid): bad-account (3 problems; first: ${BROKEN_POSITIONS}:3: column size: not a number (got "abc"))`,
    ]);
    const clean = await runCli(['simulate', SAMPLE_POSITIONS, '--balances', SAMPLE_BALANCES, '--skip-invalid', '--paths', '200', '--quiet', '--format', 'json']);
    expect(Object.keys(JSON.parse(clean.stdout) as object)).not.toContain('leftOut');
  });

  it('replay --skip-invalid names the accounts it left out in the output (JSON leftOut last, a closing table line)', async () => {
    const args = ['replay', BROKEN_POSITIONS, '--skip-invalid', '--event', '2025-10-10', '--quiet'];
    const json = await runCli([...args, '--format', 'json']);
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.stdout) as { events: Array<{ accounts: Array<{ account: string }> }>; leftOut: unknown };
    expect(doc.events[0]!.accounts.map((a) => a.account)).toEqual(['ok-account']);
    expect(doc.leftOut).toEqual([{ account: 'bad-account', problems: 3, firstProblem: `${BROKEN_POSITIONS}:3: column size: not a number (got "abc")` }]);
    expect(Object.keys(doc).at(-1)).toBe('leftOut');
    const table = await runCli(args);
    expect(table.stdout).toContain(`! 1 account left out for input problems (--skip-invalid): bad-account (3 problems; first: ${BROKEN_POSITIONS}:3: column size: not a number (got "abc"))\n`);
  });

  it('report --skip-invalid names the accounts it left out among its inputs (Markdown and HTML)', async () => {
    const args = ['report', BROKEN_POSITIONS, '--skip-invalid', '--paths', '200', '--event', '2025-10-10', '--quiet'];
    const markdown = await runCli([...args, '--format', 'markdown']);
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toContain(`- **Left out:** 1 account left out for input problems (--skip-invalid): bad-account (3 problems; first: ${BROKEN_POSITIONS}:3: column size: not a number (got "abc"))\n`);
    const html = await runCli([...args, '--format', 'html']);
    expect(html.stdout).toContain('<dt>Left out</dt><dd>1 account left out for input problems (--skip-invalid): bad-account (3 problems; first: ');
    const clean = await runCli(['report', SAMPLE_POSITIONS, '--balances', SAMPLE_BALANCES, '--skip-invalid', '--paths', '200', '--event', '2025-10-10', '--quiet', '--format', 'markdown']);
    expect(clean.stdout).not.toContain('Left out');
  });

  it('--skip-invalid leaves out an account whose balance row is bad', async () => {
    const args = ['evaluate', SAMPLE_POSITIONS, '--balances', 'test/cli/fixtures/balances-one-bad-row.csv', '--format', 'json'];
    const stopped = await runCli(args);
    expect(stopped.code).toBe(1);
    expect(stopped.stdout).toBe('');
    expect(lines(stopped.stderr)).toHaveLength(1);
    expect(stopped.stderr).toMatch(/^test\/cli\/fixtures\/balances-one-bad-row\.csv:3: column amount: /);
    const skipped = await runCli([...args, '--skip-invalid']);
    expect(skipped.code).toBe(0);
    const doc = JSON.parse(skipped.stdout) as { accounts: Array<{ account: string }> };
    expect(doc.accounts.map((a) => a.account).sort()).toEqual(['hedged-desk', 'miner-hedge', 'mixed']);
  });

  it('--skip-invalid does not paper over a broken tiers file', async () => {
    const run = await runCli(['evaluate', SAMPLE_POSITIONS, '--balances', SAMPLE_BALANCES, '--tiers', 'test/cli/fixtures/tiers-bad-rate.csv', '--skip-invalid']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^test\/cli\/fixtures\/tiers-bad-rate\.csv:3: /m);
  });

  it('applies the sample tiers override', async () => {
    const withDefaults = await runCli(['evaluate', SAMPLE_POSITIONS, '--balances', SAMPLE_BALANCES, '--format', 'csv']);
    const withOverride = await runCli(['evaluate', SAMPLE_POSITIONS, '--balances', SAMPLE_BALANCES, '--tiers', 'data/samples/tiers.csv', '--format', 'csv']);
    expect(withOverride.stderr).toBe('');
    expect(withOverride.code).toBe(0);
    expect(withOverride.stdout).not.toBe(withDefaults.stdout);
  });

  it('--out writes the result atomically and touches nothing else', async () => {
    const neighbour = join(scratch, 'keep-me.txt');
    writeFileSync(neighbour, 'untouched');
    const target = join(scratch, 'result.json');
    const run = await runCli(['evaluate', SAMPLE_POSITIONS, '--balances', SAMPLE_BALANCES, '--format', 'json', '--out', target]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const doc = JSON.parse(readFileSync(target, 'utf8')) as { schema: string };
    expect(doc.schema).toBe('marginscope/evaluate@1');
    expect(readFileSync(neighbour, 'utf8')).toBe('untouched');
    expect(readdirSync(scratch).sort()).toEqual(['keep-me.txt', 'result.json']);
  });

  it('--out leaves an existing file as it was when the input has problems', async () => {
    const target = join(scratch, 'previous.csv');
    writeFileSync(target, 'previous result');
    const run = await runCli(['evaluate', BROKEN_POSITIONS, '--quiet', '--format', 'csv', '--out', target]);
    expect(run.code).toBe(1);
    expect(readFileSync(target, 'utf8')).toBe('previous result');
    expect(readdirSync(scratch).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('--out into a missing directory is a usage error', async () => {
    const run = await runCli(['evaluate', SAMPLE_POSITIONS, '--out', join(scratch, 'no-dir', 'x.json')]);
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toMatch(/--out: directory .* does not exist/);
  });

  it('reads semicolon-separated input files with --delimiter', async () => {
    const positions = join(scratch, 'positions-semicolon.csv');
    const balances = join(scratch, 'balances-semicolon.csv');
    writeFileSync(positions, readFileSync(join(REPO_ROOT, SAMPLE_POSITIONS), 'utf8').replace(/,/g, ';'));
    writeFileSync(balances, readFileSync(join(REPO_ROOT, SAMPLE_BALANCES), 'utf8').replace(/,/g, ';'));
    const expected = await runCli(['evaluate', SAMPLE_POSITIONS, '--balances', SAMPLE_BALANCES, '--format', 'csv']);
    const run = await runCli(['evaluate', positions, '--balances', balances, '--delimiter', ';', '--format', 'csv']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(expected.stdout);
    rmSync(positions);
    rmSync(balances);
  });

  it('says so on stderr when no collateral is given, unless --quiet', async () => {
    const noisy = await runCli(['evaluate', SAMPLE_POSITIONS, '--format', 'csv']);
    expect(noisy.stderr).toMatch(/no --balances or --wallet given/);
    const quiet = await runCli(['evaluate', SAMPLE_POSITIONS, '--format', 'csv', '--quiet']);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toBe(noisy.stdout);
  });
});
