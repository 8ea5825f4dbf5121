import { describe, expect, it } from 'vitest';
import { mergePriceHistories, parsePriceHistoryCsv } from '../../../src/scenarios/calibration/price-history.js';

describe('parsePriceHistoryCsv', () => {
  it('reads long format in any order, sorts per symbol, accepts ISO and epoch timestamps', () => {
    const text = [
      'Timestamp,Symbol,Close',
      '2024-01-01T02:00:00Z,BTCUSDT,42100',
      '2024-01-01T00:00:00Z,btcusdt,42000',
      '1704070800,BTCUSDT,42050',
      '1704067200000,ETHUSDT,2300',
      '2024-01-01 01:00,ETHUSDT,2310.5',
    ].join('\n');
    const { history, issues } = parsePriceHistoryCsv(text, 'h.csv');
    expect(issues).toEqual([]);
    expect(Array.from(history.get('BTCUSDT')!.closes)).toEqual([42000, 42050, 42100]);
    expect(Array.from(history.get('BTCUSDT')!.timesMs)).toEqual([1704067200000, 1704070800000, 1704074400000]);
    expect(Array.from(history.get('ETHUSDT')!.closes)).toEqual([2300, 2310.5]);
  });

  it('reports bad rows with line and column and keeps the good ones', () => {
    const text = [
      'timestamp,symbol,close',
      '2024-01-01T00:00:00Z,BTC,42000',
      'yesterday,BTC,42000',
      '2024-01-01T01:00:00Z,BTC,abc',
      '2024-01-01T02:00:00Z,BTC,-5',
      '',
      '2024-01-01T03:00:00Z,,100',
      '2024-01-01T00:00:00Z,BTC,41999',
      '2024-02-30T00:00:00Z,BTC,1',
    ].join('\n');
    const { history, issues } = parsePriceHistoryCsv(text, 'h.csv');
    expect(issues.map((i) => [i.line, i.column, i.code])).toEqual([
      [3, 'timestamp', 'out-of-range'],
      [4, 'close', 'not-a-number'],
      [5, 'close', 'not-positive'],
      [7, 'symbol', 'missing-value'],
      [9, 'timestamp', 'out-of-range'],
      [8, 'timestamp', 'duplicate-id'],
    ]);
    expect(Array.from(history.get('BTC')!.closes)).toEqual([42000]);
  });

  it('reads a one-symbol file (Binance klines) with the symbol given by the caller', () => {
    const text = 'timestamp,open,high,low,close,volume\n2024-01-01T00:00:00Z,1,2,0.5,1.5,10\n2024-01-01T01:00:00Z,1.5,2,1,1.8,10\n';
    const { history, issues } = parsePriceHistoryCsv(text, 'SOLUSDT_1h.csv', 'solusdt');
    expect(issues).toEqual([]);
    expect(Array.from(history.get('SOLUSDT')!.closes)).toEqual([1.5, 1.8]);
  });

  it('requires the columns it needs', () => {
    expect(parsePriceHistoryCsv('time,price\n', 'h.csv').issues.map((i) => i.column)).toEqual(['symbol']);
    expect(parsePriceHistoryCsv('when,symbol,close\n', 'h.csv').issues[0]!.column).toBe('timestamp');
    expect(parsePriceHistoryCsv('', 'h.csv').issues[0]!.code).toBe('empty-file');
  });

  it('merges per-symbol files and flags a symbol given twice', () => {
    const a = parsePriceHistoryCsv('timestamp,close\n2024-01-01,1\n', 'a.csv', 'X');
    const b = parsePriceHistoryCsv('timestamp,close\n2024-01-01,2\n', 'b.csv', 'X');
    const merged = mergePriceHistories([a, b], ['a.csv', 'b.csv']);
    expect(merged.history.get('X')!.closes[0]).toBe(1);
    expect(merged.issues[0]).toMatchObject({ file: 'b.csv', code: 'duplicate-id' });
  });
});
