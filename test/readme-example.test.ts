// The README's library examples run from an installed package: the package is packed as npm
// would publish it, installed into an empty project (no network: see support/installed-package.ts),
// and every `js` block of the Library section that names its file (`// NAME.mjs — …`) is saved
// there and run with node. Their figures are checked against the CLI's on the same inputs.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli } from './cli/run-cli.js';
import { installPackedPackage } from './support/installed-package.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SAMPLE = ['data/samples/positions.csv', '--balances', 'data/samples/balances.csv'];

/** The Library section's named examples, by file name. */
function readmeExamples(): Map<string, string> {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Library'), readme.indexOf('\n## ', readme.indexOf('## Library') + 1));
  const examples = new Map<string, string>();
  for (const match of section.matchAll(/```js\n(\/\/ (\S+\.mjs)[^\n]*\n[\s\S]*?)```/g)) examples.set(match[2]!, match[1]!);
  return examples;
}

let project = '';
const examples = readmeExamples();

function run(name: string): string {
  const file = join(project, name);
  writeFileSync(file, examples.get(name)!);
  return execFileSync(process.execPath, [file], { cwd: project, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

beforeAll(() => {
  ensureBuilt();
  project = installPackedPackage(ROOT);
}, 120_000);
afterAll(() => {
  if (project !== '') rmSync(project, { recursive: true, force: true });
});

describe('README library examples, run from the installed package', () => {
  it('has one example per flow', () => {
    expect([...examples.keys()]).toEqual(['evaluate.mjs', 'evaluate-extras.mjs', 'simulate.mjs', 'replay.mjs', 'report.mjs']);
    // The tarball holds what a user gets: the build and the data, not the sources.
    expect(existsSync(join(project, 'node_modules/marginscope/dist/src/index.js'))).toBe(true);
    expect(existsSync(join(project, 'node_modules/marginscope/src'))).toBe(false);
  });

  it('evaluate.mjs prints every sample account with its margin ratios', () => {
    const out = run('evaluate.mjs');
    for (const account of ['hedged-desk', 'degen-50x', 'miner-hedge', 'mixed']) expect(out).toMatch(new RegExp(`^${account} `, 'm'));
    // hedged-desk: MM 1,421.015 on equity 105,515 USDT in every mode.
    const ratios = /^hedged-desk (\S+) (\S+) (\S+)$/m.exec(out)!.slice(1).map(Number);
    for (const ratio of ratios) expect(ratio).toBeCloseTo(1421.015 / 105_515, 7);
    expect(out).toMatch(/BTCUSDT long 21517\.16/);
  });

  it('evaluate-extras.mjs shows the stress, the what-if and the shock (loss 939 isolated, 5,391 cross)', () => {
    const out = run('evaluate-extras.mjs');
    expect(out).toContain('stress SOLUSDT to 103.29');
    expect(out).toMatch(/what-if: cross margin ratio 0\.0156/);
    expect(out).toContain('shock BTC=-20%,ETH=-30%,*=-35% isolated equity 100124 loss 939 liquidated hedged-desk:SOLUSDT:long');
    expect(out).toContain('shock BTC=-20%,ETH=-30%,*=-35% cross equity 100124 loss 5391 liquidated none');
  });

  it('simulate.mjs gives the numbers of `simulate` with the same seed and paths', async () => {
    const out = run('simulate.mjs');
    const cli = await runCli(['simulate', ...SAMPLE, '--paths', '2000', '--seed', '1', '--accounts', 'degen-50x', '--format', 'json', '-q', '--no-boundary']);
    const modes = (JSON.parse(cli.stdout) as { accounts: { modes: Record<string, { liquidationProbability: number }> }[] }).accounts[0]!.modes;
    for (const mode of ['exported', 'isolated', 'cross']) {
      const p = Number(new RegExp(`^degen-50x ${mode} P\\(liquidation\\) (\\S+)`, 'm').exec(out)![1]);
      expect(p, mode).toBe(modes[mode]!.liquidationProbability);
    }
    expect(out).not.toMatch(/^(miner-hedge|mixed) /m);
  });

  it('replay.mjs gives the losses of `replay` for the same events', async () => {
    const out = run('replay.mjs');
    const cli = await runCli(['replay', ...SAMPLE, '--event', 'ftx', '--accounts', 'hedged-desk', '--format', 'json', '-q']);
    const cross = (JSON.parse(cli.stdout) as { events: { accounts: { modes: Record<string, { loss: number }> }[] }[] }).events[0]!.accounts[0]!.modes['cross']!;
    const loss = Number(/^hedged-desk 2022-11-09 liquidated \(exported\/isolated\/cross\): false true false cross loss (\S+) USDT$/m.exec(out)![1]);
    expect(loss).toBeCloseTo(cross.loss, 6);
  });

  it('report.mjs writes the HTML report with every account', () => {
    const out = run('report.mjs');
    expect(out).toMatch(/^report\.html: \d+ characters; notes: 0$/m);
    const html = readFileSync(join(project, 'report.html'), 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/i);
    expect(html).toContain('Desk margin risk');
    for (const account of ['hedged-desk', 'degen-50x', 'miner-hedge', 'mixed']) expect(html).toContain(account);
    expect(html).toContain('<svg');
  });
});
