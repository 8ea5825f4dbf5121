// The CSV writer: exact rows for a small case, and cells that cannot become spreadsheet formulas.

import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { AccountEvaluation } from '../../../src/margin/evaluation.js';
import { EVALUATE_CSV_COLUMNS, createCsvEvaluateWriter } from '../../../src/report/evaluate/csv-writer.js';
import { assertAllFinite } from '../../../src/report/format/find-non-finite.js';
import { Utf8TextBuffer } from '../../../src/report/format/utf8-text-buffer.js';
import type { EvaluateReportInputs } from '../../../src/report/evaluate/evaluate-document.js';
import { sampleEvaluation } from '../sample-evaluation.js';

const INPUTS: EvaluateReportInputs = {
  venue: 'generic',
  allocation: 'leverage',
  files: { positions: 'positions.csv', balances: 'balances.csv', tiers: null },
  wallet: null,
  skipInvalid: false,
};

function write(accounts: readonly AccountEvaluation[]): string {
  const writer = createCsvEvaluateWriter();
  return writer.begin(INPUTS) + accounts.map((a) => writer.account(a)).join('') + writer.end();
}

const EXPECTED = `account,mode,positionId,symbol,side,size,asset,markPrice,notional,margin,unrealizedPnl,maintenanceMargin,liquidationPrice,distanceToLiquidation,marginMode,leverage,venue,instrument,entryPrice,poolId,collateralGiven,tierSnapshot,allocationPolicy,maintenanceFloor,standing,verdict,poolCollateral
desk,exported,desk:ETHUSDT:short,ETHUSDT,short,2,USDT,3000,6000,300,200,30,3234,0.078,isolated,20,binance-usdm,linear,3100,desk:desk:ETHUSDT:short,,,,,,cross,300
desk,exported,desk:BTCUSDT:long,BTCUSDT,long,0.5,USDT,90000.5,45000.25,10000,1000.25,180.001,72500.25,-0.19444614196587795,cross,5,binance-usdm,linear,88000,desk:USDT,,,,,,cross,10000
desk,isolated,desk:ETHUSDT:short,ETHUSDT,short,2,USDT,3000,6000,300,200,30,3234,0.078,isolated,20,binance-usdm,linear,3100,desk:desk:ETHUSDT:short,,,exported,120,true,cross,300
desk,isolated,desk:BTCUSDT:long,BTCUSDT,long,0.5,USDT,90000.5,45000.25,8800,1000.25,180.001,74900,-0.16778240120888221,isolated,5,binance-usdm,linear,88000,desk:desk:BTCUSDT:long,,,leverage,0,true,cross,8800
desk,cross,desk:BTCUSDT:long,BTCUSDT,long,0.5,USDT,90000.5,45000.25,9088.241234111598,1000.25,180.001,72500.25,-0.19444614196587795,cross,5,binance-usdm,linear,88000,desk:USDT,,,,,,cross,10300
desk,cross,desk:ETHUSDT:short,ETHUSDT,short,2,USDT,3000,6000,1211.7587658884024,200,30,8000.5,1.6668333333333334,cross,20,binance-usdm,linear,3100,desk:USDT,,,,,,cross,10300
`;

describe('createCsvEvaluateWriter', () => {
  it('writes one row per position per mode, exactly', () => {
    expect(write([sampleEvaluation()])).toBe(EXPECTED);
  });

  it('flags an account evaluated without collateral, and names each position\'s tier snapshot', () => {
    const base = sampleEvaluation();
    const annotated: AccountEvaluation = {
      ...base,
      collateralGiven: false,
      tierTables: [{ venue: 'binance-usdm', key: 'BTCUSDT', symbols: ['BTCUSDT'], origin: 'bundled', source: 'data', snapshotDate: '2024-10-24' }],
    };
    const rows = parse(write([annotated]), { columns: true }) as Array<Record<string, string>>;
    expect(rows.every((r) => r['collateralGiven'] === 'false')).toBe(true);
    expect(rows.find((r) => r['symbol'] === 'BTCUSDT')!['tierSnapshot']).toBe('bundled 2024-10-24');
    expect(rows.find((r) => r['symbol'] === 'ETHUSDT')!['tierSnapshot']).toBe('');
  });

  it('names the columns as the contract does', () => {
    const header = write([]).trimEnd().split(',');
    expect(header).toEqual([...EVALUATE_CSV_COLUMNS]);
    for (const column of ['account', 'mode', 'positionId', 'symbol', 'side', 'size', 'asset', 'markPrice', 'notional',
      'margin', 'unrealizedPnl', 'maintenanceMargin', 'liquidationPrice', 'distanceToLiquidation', 'marginMode', 'leverage', 'venue']) {
      expect(header).toContain(column);
    }
  });

  it('quotes and defuses hostile ids, and a CSV reader gets them back', () => {
    const base = sampleEvaluation();
    const hostile: AccountEvaluation = {
      ...base,
      account: '=cmd|"/c calc"!A1',
      modes: {
        ...base.modes,
        exported: { ...base.modes.exported, positions: base.modes.exported.positions.map((p) => ({ ...p, positionId: '@x,y' })) },
      },
    };
    const text = write([hostile]);
    const rows = parse(text, { columns: true }) as Array<Record<string, string>>;
    expect(rows[0]!['account']).toBe(`'=cmd|"/c calc"!A1`);
    expect(rows[0]!['positionId']).toBe(`'@x,y`);
    for (const row of rows) {
      for (const value of Object.values(row)) expect(value).not.toMatch(/^[=+@]/);
    }
  });

  it('leaves null values empty', () => {
    const base = sampleEvaluation();
    const cross = {
      ...base.modes.cross,
      positions: base.modes.cross.positions.map((p) => ({ ...p, liquidationPrice: null, distanceToLiquidation: null })),
    };
    const rows = parse(write([{ ...base, modes: { ...base.modes, cross } }]), { columns: true }) as Array<Record<string, string>>;
    const crossRows = rows.filter((r) => r['mode'] === 'cross');
    expect(crossRows.map((r) => [r['liquidationPrice'], r['distanceToLiquidation']])).toEqual([['', ''], ['', '']]);
  });
});

describe('the CSV writer appending to a UTF-8 buffer', () => {
  it('appends the bytes of the account text', () => {
    const writer = createCsvEvaluateWriter();
    writer.begin(INPUTS);
    const out = new Utf8TextBuffer(8);
    const evaluation = { ...sampleEvaluation(), account: 'счёт-7,"é"' };
    out.text('before\n');
    writer.accountInto(out, evaluation);
    expect(new TextDecoder().decode(out.view())).toBe(`before\n${writer.account(evaluation)}`);
    expect(writer.account(evaluation)).toContain('"счёт-7,""é"""');
  });
});

describe('the CSV writer refuses a non-finite number', () => {
  /** assertAllFinite's message for the first non-finite number of `evaluation`. */
  function guardMessage(evaluation: AccountEvaluation): string {
    try {
      assertAllFinite(evaluation.modes, `account ${JSON.stringify(evaluation.account)}`);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('no non-finite number');
  }

  // Every number of every position (the writer checks them as it writes them), and the rest of the modes.
  const sample = sampleEvaluation();
  const places: [string, (e: { modes: Record<string, Record<string, unknown>> }) => Record<string, unknown>, string][] = [];
  for (const mode of ['exported', 'isolated', 'cross']) {
    const position = sample.modes[mode as 'cross'].positions[1]!;
    for (const [key, value] of Object.entries(position)) if (typeof value === 'number') places.push([`${mode} position ${key}`, (e) => (e.modes[mode]!['positions'] as Record<string, unknown>[])[1]!, key]);
    places.push([`${mode} marginRatio`, (e) => e.modes[mode]!, 'marginRatio']);
    // Every number of a pool (the writer checks them field by field: finite-pool-numbers.ts).
    const pool = (e: { modes: Record<string, Record<string, unknown>> }) => (e.modes[mode]!['pools'] as Record<string, unknown>[])[0]!;
    if (sample.modes[mode as 'cross'].pools.length > 0) {
      for (const key of ['collateral', 'equity', 'maintenanceMargin', 'marginRatio']) places.push([`${mode} pool ${key}`, pool, key]);
      for (const key of ['down', 'up']) places.push([`${mode} pool uniform move ${key}`, (e) => pool(e)['uniformMoveToLiquidation'] as Record<string, unknown>, key]);
    }
    places.push([`${mode} uniform move`, (e) => e.modes[mode]!['uniformMoveToLiquidation'] as Record<string, unknown>, 'down']);
  }

  /** A copy of the sample evaluation, and the same object typed for writing into. */
  function editable(): { evaluation: AccountEvaluation; edit: { modes: Record<string, Record<string, unknown>> } } {
    const evaluation = structuredClone(sampleEvaluation());
    return { evaluation, edit: evaluation as unknown as { modes: Record<string, Record<string, unknown>> } };
  }

  it.each(places)('%s: the guard names it, as before any row is written', (_, holder, key) => {
    for (const bad of [Number.NaN, Infinity, -Infinity]) {
      const { evaluation, edit } = editable();
      holder(edit)[key] = bad;
      const message = guardMessage(evaluation);
      expect(message).toMatch(/non-finite number at (exported|isolated|cross)\./);
      expect(() => createCsvEvaluateWriter().account(evaluation)).toThrow(message);
    }
  });

  it('names the first non-finite number when there are several', () => {
    const { evaluation, edit } = editable();
    (edit.modes['cross']!['positions'] as Record<string, unknown>[])[0]!['size'] = Number.NaN;
    edit.modes['exported']!['equity'] = Infinity;
    expect(() => createCsvEvaluateWriter().account(evaluation)).toThrow('non-finite number at exported.equity');
  });
});
