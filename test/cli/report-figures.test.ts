// One source of figures: every number the report prints about an account comes from the same
// result as the CLI's JSON. The sample book is run through `simulate`, `replay` and `report`
// with the same seed, paths and event, and the report's joint-boundary sentences, verdict table
// (Monte Carlo estimates ± standard errors, each replay's loss) and replay first-liquidation
// times are compared with the JSON figures, formatted the way the report formats them.

import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatMoney, formatPercent } from '../../src/report/format/number-format.js';
import { MOVE_DISPLAY_CAP, uniformMoveText } from '../../src/report/format/move-text.js';
import { ensureBuilt, runCli, useScratchFiles } from './run-cli.js';

const SAMPLE = ['data/samples/positions.csv', '--balances', 'data/samples/balances.csv'];
const SHOCKS = ['--paths', '400', '--seed', '7', '--event', '2025-10-10', '--threads', '1'];

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let report: string;
let simulate: Json;
let replay: Json;
let reportStderr: string;
const scratch = useScratchFiles('marginscope-report-figures-');

/** The account's section of the Markdown report (from its heading to the next account's). */
function section(account: string): string {
  const start = report.search(new RegExp(`^## #\\d+ ${account}$`, 'm'));
  expect(start).toBeGreaterThanOrEqual(0);
  const next = report.slice(start + 1).search(/^## #\d+ /m);
  return next === -1 ? report.slice(start) : report.slice(start, start + 1 + next);
}

beforeAll(async () => {
  ensureBuilt();
  const out = scratch('report.md', '');
  const [r, s, p] = await Promise.all([
    runCli(['report', ...SAMPLE, ...SHOCKS, '--format', 'markdown', '--as-of', '2025-10-10T12:00Z', '--out', out]),
    runCli(['simulate', ...SAMPLE, '--paths', '400', '--seed', '7', '--threads', '1', '--format', 'json', '-q']),
    runCli(['replay', ...SAMPLE, '--event', '2025-10-10', '--format', 'json', '-q']),
  ]);
  expect([r.code, s.code, p.code]).toEqual([0, 0, 0]);
  report = readFileSync(out, 'utf8');
  reportStderr = r.stderr;
  simulate = JSON.parse(s.stdout) as Json;
  replay = JSON.parse(p.stdout) as Json;
}, 240_000);

describe('report figures equal the JSON figures', () => {
  it('joint boundary: the exact crossings of simulate --format json (jointBoundary.alone), not grid points', () => {
    let checked = 0;
    for (const account of simulate['accounts'] as Json[]) {
      const jb = account['jointBoundary'] as Json | null;
      if (jb === null) continue;
      const text = section(account['account'] as string);
      const [first, second] = (jb['factors'] as Json[]).map((f) => ((f['symbols'] as string[]).length === 1 ? (f['symbols'] as string[])[0]! : (f['asset'] as string)));
      for (const [name, alone] of [[first, jb['alone']['first']], [second, jb['alone']['second']]] as [string, Json][]) {
        const parts: string[] = [];
        if (alone['moveBelow'] !== null) parts.push(`${formatPercent(alone['moveBelow'] as number, true)} or lower`);
        // Moves beyond +1,000 % read `>+1,000%` in every text view (the JSON keeps the exact figure).
        const above = alone['moveAbove'] as number | null;
        if (above !== null) parts.push(above > MOVE_DISPLAY_CAP ? `a rise beyond ${uniformMoveText(MOVE_DISPLAY_CAP, 1).replace(".0%", "%")}` : `${formatPercent(above, true)} or higher`);
        if (parts.length > 0) expect(text).toContain(`- ${name} moving alone`);
        if (parts.length > 0) expect(text).toContain(`liquidated at ${parts.join(' and at ')}.`);
        checked++;
      }
      expect(text).not.toContain('nearest grid points');
    }
    expect(checked).toBe(6);
    // The degen's BTC alone: -4.20 % exactly as the JSON (and the stress's cross liquidation), not the grid's -5.00 %.
    const degen = (simulate['accounts'] as Json[]).find((a) => a['account'] === 'degen-50x')!;
    expect(formatPercent(degen['jointBoundary']['alone']['first']['moveBelow'] as number, true)).toBe('-4.20%');
    expect(section('degen-50x')).toContain('- BTCUSDT moving alone (DOGEUSDT at its mark): liquidated at -4.20% or lower.');
  });

  it('verdict: Monte Carlo estimates with their standard errors as simulate --format json', () => {
    for (const account of simulate['accounts'] as Json[]) {
      const text = section(account['account'] as string);
      const lenses = account['verdict']['lenses'] as Json[];
      const p = lenses.find((l) => l['lens'] === 'probability')!;
      const loss = lenses.find((l) => l['lens'] === 'loss')!;
      const pct = (v: number, se: number): string => `${formatPercent(v)} ±${formatPercent(se)}`;
      const money = (v: number, se: number): string => `${formatMoney(v, loss['unit'] as string)} ±${formatMoney(se, loss['unit'] as string)}`;
      expect(text).toContain(`| Monte Carlo P(liquidation) | ${pct(p['isolated'], p['isolatedStandardError'])} | ${pct(p['cross'], p['crossStandardError'])} | `);
      expect(text).toContain(
        `| Monte Carlo expected loss (${loss['unit']}) | ${money(loss['isolated'], loss['isolatedStandardError'])} | ${money(loss['cross'], loss['crossStandardError'])} | `,
      );
      // The Monte Carlo table shows the standard errors too.
      const modes = account['modes'] as Json;
      expect(text).toContain(`| Expected loss (${loss['unit']}) | ${money(modes['exported']['expectedLoss'], modes['exported']['standardErrors']['expectedLoss'])} |`);
    }
  });

  it('verdict and replay tables: each replayed event\'s loss and first liquidation (bar start, with the date) as replay --format json', () => {
    const event = (replay['events'] as Json[])[0]!;
    expect(event['event']).toBe('2025-10-10');
    for (const entry of event['accounts'] as Json[]) {
      const text = section(entry['account'] as string);
      const modes = entry['modes'] as Json;
      const asset = entry['asset'] as string;
      expect(text).toContain(`| the 2025-10-10 replay loss (${asset}) | ${formatMoney(modes['isolated']['loss'], asset)} | ${formatMoney(modes['cross']['loss'], asset)} | `);
      expect(text).toContain(`| Loss (${asset}) | ${['exported', 'isolated', 'cross'].map((m) => formatMoney(modes[m]['loss'], asset)).join(' | ')} |`);
      const when = ['exported', 'isolated', 'cross'].map((m) => {
        const at = modes[m]['liquidatedAt'] as string | null;
        return at === null ? 'none' : `${at.slice(0, 10)} ${at.slice(11, 16)} UTC`;
      });
      expect(text).toContain(`| First liquidation | ${when.join(' | ')} |`);
      // The replay JSON's verdict for the account names the same event lens.
      const verdict = (replay['verdicts'] as Json[]).find((v) => v['account'] === entry['account'])!['verdict'] as Json;
      expect((verdict['lenses'] as Json[]).map((l) => [l['event'], l['isolated'], l['cross']])).toEqual([['2025-10-10', modes['isolated']['loss'], modes['cross']['loss']]]);
    }
    expect(report).toContain('the start of the bar (step) it happened in');
  });

  it('one verdict sentence and table per account, every lens; the tool version always and the as-of time given', () => {
    expect(report.match(/^### Verdict$/gm)?.length).toBe(4);
    const degen = section('degen-50x');
    for (const lens of ['distance of all marks moving together', 'stress (positions liquidated)', 'Monte Carlo P(liquidation)', 'Monte Carlo expected loss (USDT)', 'the 2025-10-10 replay loss (USDT)']) {
      expect(degen).toContain(`| ${lens} |`);
    }
    const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
    expect(report).toContain(`- **Tool:** marginscope ${version}`);
    expect(report).toContain('- **As of:** 2025-10-10T12:00Z');
    expect(report).toContain(`Generated by marginscope ${version}, book as of 2025-10-10T12:00Z.`);
    expect(reportStderr).toBe('');
  });

  it('bad debt is explained by the venue-true rule (waived fees are not bad debt)', () => {
    expect(report).toContain('fees it cannot pay are waived, not bad debt');
  });
});
