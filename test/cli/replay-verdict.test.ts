// The replay lens of the verdict in every replay format: per account, each replayed event's loss
// isolated vs cross (the lower is safer), in the JSON as `verdicts` (added beside `events`, which
// keeps every field), in the CSV as `saferInEvent` and `verdict` on every row, and in the table
// and Markdown as a closing section with one sentence and one table per account.

import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const SAMPLE = ['data/samples/positions.csv', '--balances', 'data/samples/balances.csv'];
const EVENTS = ['--event', '2020-03-12', '--event', '2025-10-10'];

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function replay(format: string): Promise<string> {
  const run = await runCli(['replay', ...SAMPLE, ...EVENTS, '--format', format, '-q']);
  expect(run.code).toBe(0);
  return run.stdout;
}

describe('replay verdict', () => {
  it('JSON: one verdict per account, one lens per event, from the events\' own losses', async () => {
    const json = JSON.parse(await replay('json')) as Json;
    expect(json['events'].map((e: Json) => e['event'])).toEqual(['2020-03-12', '2025-10-10']);
    const verdicts = json['verdicts'] as Json[];
    expect(verdicts.map((v) => v['account'])).toEqual(['hedged-desk', 'degen-50x', 'miner-hedge', 'mixed']);
    for (const { account, verdict } of verdicts) {
      const lenses = verdict['lenses'] as Json[];
      expect(lenses.map((l) => [l['lens'], l['event']])).toEqual([
        ['replay', '2020-03-12'],
        ['replay', '2025-10-10'],
      ]);
      for (const lens of lenses) {
        const entry = (json['events'] as Json[]).find((e) => e['event'] === lens['event'])!['accounts'].find((a: Json) => a['account'] === account);
        expect(lens['isolated']).toBe(entry['modes']['isolated']['loss']);
        expect(lens['cross']).toBe(entry['modes']['cross']['loss']);
        const [i, c] = [lens['isolated'] as number, lens['cross'] as number];
        const level = Math.abs(i - c) <= Math.max(1e-12, 1e-9 * Math.max(Math.abs(i), Math.abs(c)));
        expect(lens['safer']).toBe(level ? 'tie' : i < c ? 'isolated' : 'cross');
      }
    }
    const byAccount = Object.fromEntries(verdicts.map((v) => [v['account'], v['verdict']['safer']]));
    // The sample book: the degen and the mixed account lose less isolated in both crashes, the
    // hedged desk less in cross (its hedge holds), the miner's single position is the same in both.
    expect(byAccount).toEqual({ 'hedged-desk': 'cross', 'degen-50x': 'isolated', 'miner-hedge': 'tie', mixed: 'isolated' });
    expect(verdicts[1]!['verdict']['sentence']).toBe('Isolated is safer: by the 2020-03-12 replay loss and the 2025-10-10 replay loss.');
  });

  it('CSV: saferInEvent and verdict on every row of the account', async () => {
    const rows = (await replay('csv')).trimEnd().split('\n');
    const header = rows[0]!.split(',');
    expect(header.slice(-2)).toEqual(['saferInEvent', 'verdict']);
    const degen = rows.filter((r) => r.startsWith('2025-10-10,degen-50x,'));
    expect(degen.length).toBe(3 * 4);
    for (const row of degen) expect(row.endsWith(',isolated,isolated')).toBe(true);
    const miner = rows.filter((r) => r.startsWith('2020-03-12,miner-hedge,'));
    for (const row of miner) expect(row.endsWith(',tie,tie')).toBe(true);
  });

  it('table and Markdown: a closing verdict section, a sentence and a table per account', async () => {
    const table = await replay('table');
    expect(table).toContain('Verdict: which mode lost less');
    expect(table).toContain('Account degen-50x: Isolated is safer: by the 2020-03-12 replay loss and the 2025-10-10 replay loss.');
    expect(table).toMatch(/│ the 2025-10-10 replay loss \(USDT\) │ +-891\.52 │ +3,470\.07 │ isolated +│/);
    const markdown = await replay('markdown');
    expect(markdown).toContain('## Verdict: which mode lost less');
    expect(markdown).toContain('**Verdict:** Cross is safer: by the 2020-03-12 replay loss and the 2025-10-10 replay loss.');
    expect(markdown).toContain('| the 2025-10-10 replay loss (USDT) | 9,556.42 | 22,582.14 | isolated |');
    expect(markdown).toContain('those are waived, not bad debt');
  });
});
