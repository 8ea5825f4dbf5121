// `marginscope report` as a user runs it: the built binary on the sample book writes one
// self-contained HTML file (a section per account, an inline SVG per chart, no URL to fetch),
// the Markdown variant, the one-row-per-account CSV summary, and the usage errors.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, lines, runCli } from './run-cli.js';

const SAMPLE = ['data/samples/positions.csv', '--balances', 'data/samples/balances.csv'];
const SAMPLE_ACCOUNTS = ['hedged-desk', 'degen-50x', 'miner-hedge', 'mixed'];
/** Few paths and one crash: the sections are all there, the test stays short. */
const SMALL_SHOCKS = ['--paths', '400', '--event', '2020-03-12', '--threads', '1'];

let dir: string;

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'marginscope-report-'));
});

afterAll(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

describe('report: HTML', () => {
  let html: string;
  let stderr: string;

  beforeAll(async () => {
    const out = join(dir, 'report.html');
    const run = await runCli(['report', ...SAMPLE, ...SMALL_SHOCKS, '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    stderr = run.stderr;
    html = readFileSync(out, 'utf8');
  }, 180_000);

  it('is one self-contained document: no script, no URL of any kind', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script|<link|<img|src=/i);
    expect(stderr).toBe('');
  });

  it('has the ranked summary and one detailed section per account, riskiest first', () => {
    expect(count(html, /<section class="card account" id="account-\d+">/g)).toBe(SAMPLE_ACCOUNTS.length);
    const order = [...html.matchAll(/<h2 class="id">([^<]+)<\/h2>/g)].map((m) => m[1]);
    expect(order).toEqual(['degen-50x', 'mixed', 'hedged-desk', 'miner-hedge']);
    for (const account of SAMPLE_ACCOUNTS) expect(html).toContain(`>${account}<`);
  });

  it('draws every chart as an inline SVG: modes, ladder, loss distribution, contagion, boundary, replay', () => {
    expect(count(html, /<figure class="chart /g)).toBe(count(html, /<svg/g));
    for (const kind of ['modes', 'liquidation-ladder', 'loss-distribution', 'joint-boundary', 'replay']) {
      expect(count(html, new RegExp(`<figure class="chart chart-${kind}">`, 'g'))).toBeGreaterThan(0);
    }
    // Every account: modes and ladder; each has its Monte Carlo section and a replay.
    expect(count(html, /<figure class="chart chart-modes">/g)).toBe(SAMPLE_ACCOUNTS.length);
    expect(count(html, /<h3>Monte Carlo<\/h3>/g)).toBe(SAMPLE_ACCOUNTS.length);
    expect(count(html, /<h3>Historical replays<\/h3>/g)).toBe(SAMPLE_ACCOUNTS.length);
    expect(count(html, /<h3>Contagion in cross margin<\/h3>/g)).toBe(SAMPLE_ACCOUNTS.length);
  });

  it('has the stress section in every account, and the joint boundary where a cross pool has two risk factors', () => {
    expect(count(html, /<h3>Stress: one symbol at a time<\/h3>/g)).toBe(SAMPLE_ACCOUNTS.length);
    expect(html).toContain('If BTCUSDT falls to 59,196 (-35.13%), the isolated liquidation price of BTCUSDT:long');
    // miner-hedge holds one position: its boundary is its liquidation price, no grid.
    expect(count(html, /<h3>Joint liquidation boundary<\/h3>/g)).toBe(3);
  });

  it('echoes the Monte Carlo settings and the replayed event', () => {
    expect(html).toContain('400 paths over 24h');
    expect(html).toContain('2020-03-12');
  });
});

describe('report: other formats and options', () => {
  it('--format html with --no-shocks: evaluation, ladder, boundary and stress only', async () => {
    const run = await runCli(['report', ...SAMPLE, '--format', 'html', '--no-shocks']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^<!DOCTYPE html>/);
    expect(count(run.stdout, /<section class="card account"/g)).toBe(4);
    expect(run.stdout).not.toContain('<h3>Monte Carlo</h3>');
    expect(count(run.stdout, /<h3>Stress: one symbol at a time<\/h3>/g)).toBe(4);
  });

  it('Markdown: --format markdown, or an .md --out', async () => {
    const run = await runCli(['report', ...SAMPLE, '--format', 'markdown', '--no-shocks']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^# Margin risk report\n/);
    expect(count(run.stdout, /^## #\d+ /gm)).toBe(4);
    expect(count(run.stdout, /^### Stress: one symbol at a time$/gm)).toBe(4);
    expect(run.stdout).not.toMatch(/<svg|https?:\/\//);
    const out = join(dir, 'report.md');
    const toFile = await runCli(['report', ...SAMPLE, '--no-shocks', '--out', out, '--title', 'Desk review']);
    expect(toFile.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^# Desk review\n/);
  });

  it('Markdown with shocks has the Monte Carlo and replay tables', async () => {
    const run = await runCli(['report', ...SAMPLE, '--format', 'markdown', ...SMALL_SHOCKS, '--accounts', 'degen-50x']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('### Monte Carlo');
    expect(run.stdout).toContain('### Historical replays');
    expect(run.stdout).toContain('### Contagion in cross margin');
  }, 120_000);

  it('CSV: one row per account with every mode; simulated probabilities for the detailed accounts', async () => {
    const plain = await runCli(['report', ...SAMPLE, '--format', 'csv', '--no-shocks']);
    expect(plain.code).toBe(0);
    const [header, ...rows] = lines(plain.stdout);
    expect(header!.split(',').slice(0, 6)).toEqual(['account', 'positions', 'asset', 'equityExported', 'equityIsolated', 'equityCross']);
    expect(header).toContain('liquidatableCross');
    expect(rows.map((r) => r.split(',')[0])).toEqual(SAMPLE_ACCOUNTS);
    const probabilityAt = header!.split(',').indexOf('liquidationProbabilityExported');
    expect(rows.every((r) => r.split(',')[probabilityAt] === '')).toBe(true);

    const simulated = await runCli(['report', ...SAMPLE, '--format', 'csv', '--paths', '300', '--detailed', '1', '--threads', '1']);
    expect(simulated.code).toBe(0);
    const cells = lines(simulated.stdout).slice(1).map((r) => r.split(','));
    const filled = cells.filter((c) => c[probabilityAt] !== '');
    expect(filled.map((c) => c[0])).toEqual(['degen-50x']);
    expect(Number(filled[0]![probabilityAt])).toBeGreaterThan(0);
  }, 120_000);

  it('--accounts keeps only the accounts named', async () => {
    const run = await runCli(['report', ...SAMPLE, '--format', 'markdown', '--no-shocks', '--accounts', 'mixed,miner-hedge']);
    expect(run.code).toBe(0);
    expect([...run.stdout.matchAll(/^## #\d+ (.+)$/gm)].map((m) => m[1])).toEqual(['mixed', 'miner-hedge']);
  });

  it('--detailed N: every account in the summary, sections for the N riskiest', async () => {
    const run = await runCli(['report', ...SAMPLE, '--no-shocks', '--detailed', '1']);
    expect(run.code).toBe(0);
    expect(count(run.stdout, /<section class="card account"/g)).toBe(1);
    expect(count(run.stdout, /<tr/g)).toBeGreaterThan(4);
  });

  it.each([
    [['report', '-', '--no-shocks'], /report reads the positions file twice/],
    [['report', ...SAMPLE, '--format', 'json'], /--format: report writes html, markdown or csv/],
    [['report', ...SAMPLE, '--report-format', 'pdf'], /--report-format: .*pdf.* is not one of html, markdown, csv/],
    [['report', ...SAMPLE, '--detailed', 'many'], /--detailed: expected a whole number/],
  ])('usage error %j: exit 2, one line', async (args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toMatch(message);
  });

  it('input problems: exit 1, nothing written', async () => {
    const out = join(dir, 'broken.html');
    const run = await runCli(['report', 'test/cli/fixtures/broken-positions.csv', '--no-shocks', '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^test\/cli\/fixtures\/broken-positions\.csv:\d+: /m);
    expect(() => readFileSync(out)).toThrow();
  });
});
