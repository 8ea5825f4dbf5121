// `evaluate --format csv` of the canonical CSV goes from each book straight to its text
// (flows/evaluate-parallel.ts), on this thread or on worker threads (which hand back UTF-8 bytes):
// the output must be byte for byte what the in-order road writes, accounts in file order,
// whatever the thread count. The
// reference is the in-order road run in process; the worker road runs from the build (vitest runs
// the TypeScript sources, where no compiled worker file exists).

import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/domain/issue.js';
import { evaluateWithExtras, canonicalAccountSource } from '../../src/flows/evaluate-extras.js';
import { loadBundledTierBook } from '../../src/io/bundled-tiers.js';
import { createEvaluateExtrasWriter } from '../../src/report/evaluate/formats.js';
import { NO_EVALUATE_EXTRAS } from '../../src/cli/evaluate-extra-options.js';
import { readBalancesCsv } from '../../src/import/index.js';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { renderAccountsInParallel } from '../../src/flows/evaluate-parallel.js';
import type { TextRecycling } from '../../src/flows/text-recycling.js';
import { REPO_ROOT, runCli, useScratchFiles } from './run-cli.js';

const SYMBOLS = ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'] as const;
const MARKS = [91000, 3000, 135];

/** 1,500 accounts of 1 to 4 positions (several batches of accounts), mixed sides and modes. */
function book(): { positions: string; balances: string } {
  let positions = 'account,position_id,symbol,side,size,entry_price,mark_price,margin_mode,isolated_margin,leverage\n';
  let balances = 'account,asset,amount\n';
  for (let a = 0; a < 1500; a++) {
    balances += `acct${a},USDT,${1000 + ((a * 37) % 5000)}\n`;
    for (let k = 0; k <= a % 4; k++) {
      const s = (a + k) % 3;
      const isolated = (a + k) % 5 === 0;
      const size = ((1 + ((a * 7 + k) % 9)) * 1000) / MARKS[s]!;
      positions += `acct${a},p${a}-${k},${SYMBOLS[s]},${(a + k) % 2 === 0 ? 'long' : 'short'},${size.toPrecision(6)},${MARKS[s]! * (1 + (((a + k) % 7) - 3) / 100)},${MARKS[s]},${isolated ? 'isolated' : 'cross'},${isolated ? '300' : ''},${1 + (k % 3) * 5}\n`;
    }
  }
  return { positions, balances };
}

/** A text as the chunks of a stream. */
async function* chunksOf(text: string): AsyncGenerator<string> {
  yield text;
}

const file = useScratchFiles('marginscope-evaluate-parallel-');

describe('evaluate on worker threads', () => {
  it('writes the CSV of the in-order road, accounts in file order', async () => {
    const { positions, balances } = book();
    const positionsPath = file('positions.csv', positions);
    const balancesPath = file('balances.csv', balances);
    const run = await runCli(['evaluate', positionsPath, '--balances', balancesPath, '--format', 'csv', '-q']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);

    const issues: Issue[] = [];
    const request = {
      positions: { chunks: chunksOf(positions), label: positionsPath },
      balances: (await readBalancesCsv(chunksOf(balances), balancesPath)).balances,
      defaultTiers: loadBundledTierBook(),
      defaultVenue: 'generic' as const,
      allocation: 'leverage' as const,
    };
    const writer = createEvaluateExtrasWriter('csv', { color: false });
    const inputs = { venue: 'generic' as const, allocation: 'leverage' as const, files: { positions: positionsPath, balances: balancesPath, tiers: null }, wallet: null, skipInvalid: false };
    let expected = writer.begin(inputs, { formatIn: 'canonical', withFiles: [], stress: false, changes: false, venueReported: false, accounts: null, shocks: [] });
    const asOf = new Date().toISOString().slice(0, 10);
    for await (const { evaluation, extras } of evaluateWithExtras(canonicalAccountSource(request, null, issues), { stress: false, changes: NO_EVALUATE_EXTRAS.changes, defaultVenue: 'generic', asOf })) {
      expected += writer.account(evaluation, extras);
    }
    expect(issues).toEqual([]);
    expect(run.stdout.split('\n').length).toBeGreaterThan(3 * 3000);
    expect(run.stdout).toBe(expected + writer.end({ leftOut: [] }));

    // The same accounts on 1, 2 and 3 threads of the build: the same texts in the same order.
    const built = (await import(pathToFileURL(join(REPO_ROOT, 'dist/src/flows/evaluate-parallel.js')).href)) as { renderAccountsInParallel: typeof renderAccountsInParallel };
    const { TextRecycling: BuiltRecycling } = (await import(pathToFileURL(join(REPO_ROOT, 'dist/src/flows/text-recycling.js')).href)) as { TextRecycling: new () => TextRecycling };
    const spec = {
      tierBook: loadBundledTierBook(),
      allocation: 'leverage' as const,
      asOf,
      format: 'csv' as const,
      writerOptions: { color: false },
      reportInputs: inputs,
      extrasInputs: { formatIn: 'canonical', withFiles: [], stress: false, changes: false, venueReported: false, accounts: null, shocks: [] },
    };
    const header = expected.slice(0, expected.indexOf('\n') + 1);
    // The workers start only with a batch that comes before the end of the input: with the
    // default window (100,000 positions) this file is read whole first and rendered on this
    // thread; with a window of 500 positions its batches go to the workers as it is read. With
    // recycling, texts wait in a queue as in an output's (`held` of them), are read only when they
    // leave it and then reported written, so their buffers (this thread's, or a worker's shared
    // slots) are rendered into again while later texts still wait: none may be written over.
    for (const [threads, window] of [[1, undefined], [2, undefined], [2, 500], [3, 500]] as const) {
      for (const held of [-1, 0, 3]) {
        let text = header;
        const found: Issue[] = [];
        const windowed = window === undefined ? request : { ...request, maxBufferedPositions: window };
        const recycling = held < 0 ? null : new BuiltRecycling();
        const queue: Uint8Array[] = [];
        const leave = (): void => {
          const oldest = queue.shift()!;
          text += Buffer.from(oldest).toString('utf8');
          recycling?.written(oldest);
        };
        for await (const account of built.renderAccountsInParallel({ ...windowed, positions: { chunks: chunksOf(positions), label: positionsPath } }, spec, found, {}, threads, recycling)) {
          queue.push(account);
          while (queue.length > Math.max(0, held)) leave();
        }
        while (queue.length > 0) leave();
        expect(found).toEqual([]);
        expect(text).toBe(expected);
      }
    }
  }, 120_000);
});

describe('evaluate --threads', () => {
  it('writes the same bytes, problems and exit code on 1 and 2 threads (bad rows, non-ASCII accounts)', async () => {
    const { positions, balances } = book();
    // Accounts named in several scripts, and bad rows in accounts spread through the file.
    const renamed = positions.replace(/^acct(\d*7),/gm, 'счёт-$1,').replace(/^acct(\d*3),p\d+-0,/gm, 'desk-é$1,pé$1,');
    const broken = renamed.replace(/^(acct\d*11,p\d+-0,BTCUSDT,\w+,)[\d.]+,/gm, '$1lots,');
    const positionsPath = file('positions-threads.csv', broken);
    const balancesPath = file('balances-threads.csv', balances.replace(/^acct(\d*7),/gm, 'счёт-$1,').replace(/^acct(\d*3),/gm, 'desk-é$1,'));
    const outputs = [];
    for (const threads of ['1', '2']) {
      for (const skip of [[], ['--skip-invalid']]) {
        const run = await runCli(['evaluate', positionsPath, '--balances', balancesPath, '--format', 'csv', '-q', '--threads', threads, ...skip]);
        outputs.push({ threads, skip: skip.length, run });
      }
    }
    const [strict1, skip1, strict2, skip2] = outputs.map((o) => o.run);
    expect(strict1!.code).toBe(1);
    expect(strict1!.stderr).toMatch(/positions-threads\.csv:\d+: column size: not a number \(got "lots"\)/);
    expect(skip1!.code).toBe(0);
    expect(skip1!.stdout).toContain('счёт-');
    expect(skip1!.stdout).toContain('desk-é');
    expect(strict2).toEqual(strict1);
    expect(skip2).toEqual(skip1);
  }, 120_000);
});

describe('evaluate on worker threads: provisional renders', () => {
  /** `count` rows of `account` from id `from`, three symbols in turn. */
  function rows(account: string, count: number, from = 0): string {
    let text = '';
    for (let k = from; k < from + count; k++) {
      const s = k % 3;
      const size = ((1 + (k % 9)) * 1000) / MARKS[s]!;
      text += `${account},${account}-${k},${SYMBOLS[s]},${k % 2 === 0 ? 'long' : 'short'},${size.toPrecision(6)},${MARKS[s]! * (1 + ((k % 7) - 3) / 100)},${MARKS[s]},${k % 5 === 0 ? 'isolated' : 'cross'},${k % 5 === 0 ? '300' : ''},${1 + (k % 3) * 5}\n`;
    }
    return text;
  }

  it('writes the same texts and problems on 2 threads as on 1 when large accounts are rendered before the reader hands them out, one of them resuming and one failing later', async () => {
    // Accounts of 600 positions (each shown provisionally as the next begins, while the window
    // holds the whole file): acct1 resumes after acct2, acct2 gets a bad row after acct3 began.
    let positions = 'account,position_id,symbol,side,size,entry_price,mark_price,margin_mode,isolated_margin,leverage\n';
    positions += rows('acct0', 600) + rows('acct1', 600) + rows('acct2', 600) + rows('acct1', 1, 600) + rows('acct3', 600);
    positions += 'acct2,acct2-bad,BTCUSDT,long,lots,90000,91000,cross,,5\n';
    for (let a = 4; a < 9; a++) positions += rows(`acct${a}`, 600);
    let balances = 'account,asset,amount\n';
    for (let a = 0; a < 9; a++) balances += `acct${a},USDT,${20_000 + a * 1000}\n`;
    const positionsPath = file('positions-provisional.csv', positions);
    const balancesPath = file('balances-provisional.csv', balances);
    const built = (await import(pathToFileURL(join(REPO_ROOT, 'dist/src/flows/evaluate-parallel.js')).href)) as { renderAccountsInParallel: typeof renderAccountsInParallel };
    const inputs = { venue: 'generic' as const, allocation: 'leverage' as const, files: { positions: positionsPath, balances: balancesPath, tiers: null }, wallet: null, skipInvalid: false };
    const spec = {
      tierBook: loadBundledTierBook(),
      allocation: 'leverage' as const,
      asOf: new Date().toISOString().slice(0, 10),
      format: 'csv' as const,
      writerOptions: { color: false },
      reportInputs: inputs,
      extrasInputs: { formatIn: 'canonical', withFiles: [], stress: false, changes: false, venueReported: false, accounts: null, shocks: [] },
    };
    const parsedBalances = (await readBalancesCsv(chunksOf(balances), balancesPath)).balances;
    const outputs: { text: string; issues: string[] }[] = [];
    for (const threads of [1, 2, 2]) {
      const found: Issue[] = [];
      // A size past the threshold for a large file: only then are accounts rendered provisionally.
      const request = {
        positions: { chunks: chunksOf(positions), label: positionsPath, sizeBytes: 8_000_000 },
        balances: parsedBalances,
        defaultTiers: loadBundledTierBook(),
        defaultVenue: 'generic' as const,
        allocation: 'leverage' as const,
      };
      let text = '';
      for await (const account of built.renderAccountsInParallel(request, spec, found, {}, threads)) text += Buffer.from(account).toString('utf8');
      outputs.push({ text, issues: found.map((issue) => `${issue.line}: ${issue.message}`) });
    }
    expect(outputs[0]!.issues).toEqual([expect.stringMatching(/^\d+: not a number$/)]);
    // acct2 is left out; every other account's rows, three modes each.
    expect(outputs[0]!.text.split('\n').length - 1).toBe(3 * 600 * 8 + 3);
    expect(outputs[0]!.text).not.toContain('acct2-');
    expect(outputs[1]).toEqual(outputs[0]);
    expect(outputs[2]).toEqual(outputs[0]);
  }, 120_000);
});
