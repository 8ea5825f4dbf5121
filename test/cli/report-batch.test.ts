// `marginscope report` at batch scale: 100,000 accounts of one or two positions each, written
// as Markdown and as HTML with the shocks off (--no-shocks), must complete in bounded memory.
//
// The bound. The child runs with a 256 MB V8 heap (--max-old-space-size=256) and its peak
// resident set, read by a tiny --import hook from process.resourceUsage().maxRSS at exit, must
// stay below 450 MB. Measured on this book (Node 20): the streaming report peaks at 290 MB (HTML)
// and 355 MB (Markdown, whose ranked summary is built as one string of about 15 MB); about
// 100 MB of it is the importer's reorder buffer of DEFAULT_MAX_BUFFERED_POSITIONS = 100,000
// positions, about 50 MB the ranking's compact summaries, the rest V8, code and output batches.
// Holding the 100,000 evaluations instead takes about 505 MB of live heap (measured with
// evaluatePortfolio into an array; 770 MB of RSS): such a report could not finish inside the
// 256 MB heap, let alone below 450 MB of RSS, so the test fails for any regression that keeps
// accounts, while leaving about 25 % of headroom for the spread between machines.

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ENTRY, REPO_ROOT, ensureBuilt } from './run-cli.js';

const ACCOUNTS = 100_000;
const HEAP_LIMIT_MB = 256;
const RSS_BOUND_KB = 450 * 1024;
/** Prints the peak RSS (kB) on stderr as the process exits. */
const MAX_RSS_HOOK = 'data:text/javascript,process.on("exit",()=>process.stderr.write("maxrss-kb "+process.resourceUsage().maxRSS+"\\n"))';

let dir: string;
let book: string;

/** 100,000 accounts, every other one with a second position; all isolated, so each has equity. */
function writeBook(path: string): void {
  const rows = ['account,symbol,side,size,entry_price,mark_price,margin_mode,isolated_margin,leverage'];
  for (let i = 0; i < ACCOUNTS; i++) {
    const account = `acct-${String(i).padStart(6, '0')}`;
    rows.push(`${account},BTCUSDT,long,${(0.01 + (i % 50) * 0.002).toFixed(3)},90000,${90_000 + (i % 200) - 100},isolated,${100 + (i % 97) * 5},10`);
    if (i % 2 === 0) rows.push(`${account},ETHUSDT,short,${(0.5 + (i % 30) * 0.1).toFixed(1)},3000,${3_000 + (i % 60) - 30},isolated,${200 + (i % 89) * 3},10`);
  }
  writeFileSync(path, `${rows.join('\n')}\n`);
}

function runMeasured(args: readonly string[]): Promise<{ code: number; stderr: string; maxRssKb: number }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [`--max-old-space-size=${HEAP_LIMIT_MB}`, '--import', MAX_RSS_HOOK, CLI_ENTRY, ...args],
      { cwd: REPO_ROOT, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 1024 * 1024 },
      (error, _stdout, stderr) => {
        if (error !== null && typeof error.code !== 'number') {
          reject(error);
          return;
        }
        const rss = /maxrss-kb (\d+)/.exec(stderr);
        resolve({ code: error === null ? 0 : (error.code as number), stderr, maxRssKb: rss === null ? NaN : Number(rss[1]) });
      },
    );
  });
}

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'marginscope-batch-'));
  book = join(dir, 'book.csv');
  writeBook(book);
});

afterAll(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('report on 100,000 accounts', () => {
  it.each(['markdown', 'html'])('%s, shocks off: completes with peak RSS below 450 MB', async (format) => {
    const out = join(dir, `report.${format === 'markdown' ? 'md' : 'html'}`);
    const run = await runMeasured(['report', book, '--format', format, '--no-shocks', '--detailed', '3', '--quiet', '--out', out]);
    expect(run.stderr.replace(/maxrss-kb \d+\n/, '')).toBe('');
    expect(run.code).toBe(0);
    // Every account is in the ranked summary (one table row each).
    expect(statSync(out).size).toBeGreaterThan(ACCOUNTS * 80);
    const text = readFileSync(out, 'utf8');
    for (const account of ['acct-000000', 'acct-050001', 'acct-099999']) expect(text).toContain(account);
    expect(run.maxRssKb).toBeLessThan(RSS_BOUND_KB);
  }, 300_000);
});
