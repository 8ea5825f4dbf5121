// `marginscope events` as a user runs it: the crash library as a table and as JSON.

import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, lines, runCli } from './run-cli.js';

beforeAll(() => {
  ensureBuilt();
});

describe('events', () => {
  it('lists at least seven events as JSON, each with its window, bars, symbols and source', async () => {
    const run = await runCli(['events', '--format', 'json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const json = JSON.parse(run.stdout) as { schema: string; events: { name: string; title: string; start: string; end: string; symbols: string[]; resolutionMinutes: Record<string, number>; source: string }[] };
    expect(json.schema).toBe('marginscope/events@1');
    expect(json.events.length).toBeGreaterThanOrEqual(7);
    expect(json.events.map((e) => e.name)).toEqual(expect.arrayContaining(['2020-03-12', '2025-10-10']));
    for (const event of json.events) {
      expect(Date.parse(event.end)).toBeGreaterThan(Date.parse(event.start));
      expect(event.title).not.toBe('');
      expect(event.symbols).toContain('BTC');
      expect(Object.keys(event.resolutionMinutes)).toEqual(event.symbols);
      expect(event.source).toMatch(/^Binance /);
    }
  });

  it('lists them as a table, one row each, with the names replay takes', async () => {
    const run = await runCli(['events']);
    expect(run.code).toBe(0);
    for (const name of ['2020-03-12', '2021-05-19', '2022-05-12', '2022-06-13', '2022-11-09', '2024-08-05', '2025-10-10']) expect(run.stdout).toContain(name);
    expect(run.stdout).toMatch(/Resolution/);
    expect(lines(run.stdout).filter((line) => /^│ 20\d\d-/.test(line))).toHaveLength(7);
  });

  it('writes csv and markdown, and refuses a positions file', async () => {
    expect(lines((await runCli(['events', '--format', 'csv'])).stdout)[0]).toBe('name,aliases,title,start,end,resolutionMinutes,symbols,source');
    expect((await runCli(['events', '--format', 'markdown'])).stdout).toMatch(/^# Historical crash events/);
    const extra = await runCli(['events', 'book.csv']);
    expect(extra.code).toBe(2);
    expect(extra.stderr).toMatch(/unexpected argument "book.csv"/);
  });
});
