// `--accounts` on every command that reads a book: simulate and replay (like evaluate and report)
// analyse only the named accounts, and a name the positions file does not hold is an input
// problem (exit 1, one located line, nothing on stdout).

import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli } from './run-cli.js';

const SAMPLE = ['data/samples/positions.csv', '--balances', 'data/samples/balances.csv'];
const MISSING = '--accounts: no positions for an account of that name in data/samples/positions.csv (got "nobody")';

beforeAll(() => ensureBuilt());

describe('--accounts', () => {
  it('simulate: only the named accounts, in file order, with the same figures as an unfiltered run', async () => {
    const args = ['simulate', ...SAMPLE, '--paths', '300', '--format', 'json', '-q', '--no-boundary'];
    const filtered = await runCli([...args, '--accounts', 'mixed,degen-50x']);
    expect(filtered.code).toBe(0);
    const accounts = (JSON.parse(filtered.stdout) as { accounts: { account: string; modes: unknown }[] }).accounts;
    expect(accounts.map((a) => a.account)).toEqual(['degen-50x', 'mixed']);
    const all = (JSON.parse((await runCli(args)).stdout) as { accounts: { account: string; modes: unknown }[] }).accounts;
    // Paths are seeded per account, so leaving accounts out changes nothing for the others.
    expect(accounts[0]!.modes).toEqual(all.find((a) => a.account === 'degen-50x')!.modes);
  });

  it('replay: only the named accounts in every event', async () => {
    const run = await runCli(['replay', ...SAMPLE, '--event', 'ftx', '--event', '2025-10-10', '--accounts', 'miner-hedge', '--format', 'json', '-q']);
    expect(run.code).toBe(0);
    const events = (JSON.parse(run.stdout) as { events: { accounts: { account: string }[] }[] }).events;
    expect(events).toHaveLength(2);
    for (const event of events) expect(event.accounts.map((a) => a.account)).toEqual(['miner-hedge']);
  });

  it.each([
    ['simulate', '--paths', '100'],
    ['replay', '--event', 'ftx'],
  ])('%s: an account the file does not hold is an input problem', async (command, option, value) => {
    const run = await runCli([command, ...SAMPLE, '--accounts', 'mixed,nobody', option, value, '-q']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim()).toBe(MISSING);
  });
});
