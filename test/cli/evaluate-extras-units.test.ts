// The pieces behind `evaluate --stress / --what-if / --transfer`, tested directly: without
// extras the extras writers write exactly what the plain writers write; the change router sends
// each change to its account as the accounts stream past; a stress folds into the contract's
// contagion shape with probability 1.

import { describe, expect, it } from 'vitest';
import { parseTransfer } from '../../src/book-changes/parse-transfer.js';
import { parseWhatIf } from '../../src/book-changes/parse-what-if.js';
import type { AccountBook } from '../../src/domain/account-book.js';
import { BookChangeRouter } from '../../src/flows/book-change-router.js';
import { BookChangeError } from '../../src/book-changes/book-change-error.js';
import { createEvaluateExtrasWriter, createEvaluateWriter } from '../../src/report/evaluate/formats.js';
import { EVALUATE_FORMATS, type EvaluateReportInputs, type ExtrasInputs } from '../../src/report/evaluate/evaluate-document.js';
import { StressFold } from '../../src/contagion/stress-fold.js';
import { deskBook, evaluateBook } from '../report/report/report-fixtures.js';
import { sampleEvaluation, singlePositionEvaluation } from '../report/sample-evaluation.js';

const INPUTS: EvaluateReportInputs = {
  venue: 'generic',
  allocation: 'leverage',
  files: { positions: 'book.csv', balances: null, tiers: null },
  wallet: 1000,
  skipInvalid: false,
};

const NO_EXTRAS: ExtrasInputs = { formatIn: 'canonical', withFiles: [], stress: false, changes: false, venueReported: false, accounts: null };

function parsed<T>(result: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

describe('extras writers without extras', () => {
  it.each(EVALUATE_FORMATS)('%s: the same bytes as the plain writer', (format) => {
    const plain = createEvaluateWriter(format, { color: false });
    const extras = createEvaluateExtrasWriter(format, { color: false });
    const accounts = [sampleEvaluation(), singlePositionEvaluation()];
    const expected = [plain.begin(INPUTS), ...accounts.map((a) => plain.account(a)), plain.end()].join('');
    const actual = [extras.begin(INPUTS, NO_EXTRAS), ...accounts.map((a) => extras.account(a, {})), extras.end()].join('');
    expect(actual).toBe(expected);
  });
});

describe('BookChangeRouter', () => {
  type Item = { readonly book: AccountBook; readonly evaluation: { readonly account: string } };
  const item = (book: AccountBook): Item => ({ book, evaluation: { account: book.account } });

  it('holds back the first account only while an unnamed what-if may be its', () => {
    const router = new BookChangeRouter<Item>({ whatIfs: [parsed(parseWhatIf('BTCUSDT long 0.1'))], transfers: [] }, 'generic');
    expect(router.push(item(deskBook('solo')))).toEqual([]);
    const [only] = router.finish();
    expect(only!.item.book.account).toBe('solo');
    expect(only!.applied!.changes).toEqual([{ option: '--what-if', text: 'BTCUSDT long 0.1' }]);
    expect(only!.applied!.pair.after.positions).toHaveLength(only!.applied!.pair.before!.positions.length + 1);
  });

  it('sends named changes to their account and lets the others through untouched, in file order', () => {
    const router = new BookChangeRouter<Item>({ whatIfs: [parsed(parseWhatIf('ETHUSDT short 1 account=b'))], transfers: [parsed(parseTransfer('a:-100'))] }, 'generic');
    const out = [...router.push(item(deskBook('a'))), ...router.push(item(deskBook('b'))), ...router.push(item(deskBook('c'))), ...router.finish()];
    expect(out.map((r) => r.item.book.account)).toEqual(['a', 'b', 'c']);
    expect(out.map((r) => r.applied?.changes.map((c) => c.option) ?? [])).toEqual([['--transfer'], ['--what-if'], []]);
  });

  it('an unnamed what-if among several accounts goes to main; without main it is a usage error', () => {
    const router = new BookChangeRouter<Item>({ whatIfs: [parsed(parseWhatIf('BTCUSDT long 0.1'))], transfers: [] }, 'generic');
    const out = [...router.push(item(deskBook('x'))), ...router.push(item(deskBook('main'))), ...router.finish()];
    expect(out.map((r) => [r.item.book.account, r.applied !== null])).toEqual([['x', false], ['main', true]]);
    const orphan = new BookChangeRouter<Item>({ whatIfs: [parsed(parseWhatIf('BTCUSDT long 0.1'))], transfers: [] }, 'generic');
    orphan.push(item(deskBook('x')));
    orphan.push(item(deskBook('y')));
    expect(() => orphan.finish()).toThrow(BookChangeError);
  });
});

describe('the stress contagion fold', () => {
  it('lists each victim once with probability 1 and the causes averaged over its scenarios', () => {
    const entry = (positionId: string, causes: [string, number][]) => ({
      positionId,
      probability: 1,
      standardError: 0,
      causes: causes.map(([id, share]) => ({ positionId: id, share })),
      collateralShare: 0,
    });
    // Scenario order: p1's victims, then those at p1's cross liquidation, then p2's …
    const victims = new StressFold(['p1', 'p2', 'v'], false);
    victims.add([entry('v', [['p1', 1]])]);
    victims.add([]);
    victims.add([]);
    victims.add([entry('v', [['p2', 1]])]);
    expect(victims.finish()).toEqual([{ positionId: 'v', probability: 1, scenarios: 2, causes: [{ positionId: 'p1', share: 0.5 }, { positionId: 'p2', share: 0.5 }] }]);
    expect(new StressFold(['p1'], true).finish()).toEqual([]);
  });

  it('on a real book: every entry is a position of the account, over two scenarios a position at most', async () => {
    const { stressAccount } = await import('../../src/contagion/stress-account.js');
    const { loadBundledTierBook } = await import('../../src/io/bundled-tiers.js');
    const book = deskBook('desk', 3_000);
    const stress = stressAccount(book, { tierBook: loadBundledTierBook(), allocation: 'leverage' });
    const folded = stress.folded;
    const ids = new Set(evaluateBook(book).modes.exported.positions.map((p) => p.positionId));
    for (const e of [...folded.victims, ...folded.rescues]) expect(ids.has(e.positionId)).toBe(true);
    const scenarios = stress.stress.reduce((n, e) => n + (e.price === null ? 0 : 1) + (e.crossLiquidationPrice === null ? 0 : 1), 0);
    expect(folded.scenarios).toBe(scenarios);
    expect(folded.scenarios).toBeGreaterThan(0);
  });
});
