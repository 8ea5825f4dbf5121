import { describe, expect, it } from 'vitest';
import { parseUserPricePaths, userReplayPath } from '../../../src/scenarios/events/user-price-paths.js';

const T0 = Date.parse('2025-01-01T00:00:00Z');
const H = 3_600_000;

describe('parseUserPricePaths', () => {
  it('reads long-format paths with optional high and low', () => {
    const text = [
      'timestamp;symbol;price;high;low',
      '2025-01-01T01:00:00Z;BTCUSDT;99000;100500;98000',
      '2025-01-01T00:00:00Z;BTCUSDT;100000;;',
      '2025-01-01T00:00:00Z;ETHUSDT;3000;;',
    ].join('\n');
    const { series, issues } = parseUserPricePaths(text, 'p.csv');
    expect(issues).toEqual([]);
    const btc = series.get('BTCUSDT')!;
    expect(Array.from(btc.price)).toEqual([100000, 99000]);
    expect(Number.isNaN(btc.high[0])).toBe(true);
    expect(btc.low[1]).toBe(98000);
  });

  it('reports each bad row with its line and column', () => {
    const text = [
      'timestamp,symbol,price,high,low',
      '2025-01-01T00:00:00Z,BTC,100,,',
      'noon,BTC,100,,',
      '2025-01-01T01:00:00Z,BTC,,,',
      '2025-01-01T02:00:00Z,BTC,-1,,',
      '2025-01-01T03:00:00Z,BTC,100,99,',
      '2025-01-01T04:00:00Z,BTC,100,,101',
      '2025-01-01T05:00:00Z,BTC,1e,,',
      '2025-01-01T00:00:00Z,BTC,100,,',
    ].join('\n');
    const { series, issues } = parseUserPricePaths(text, 'p.csv');
    expect(issues.map((i) => [i.line, i.column, i.code])).toEqual([
      [3, 'timestamp', 'out-of-range'],
      [4, 'price', 'missing-value'],
      [5, 'price', 'not-positive'],
      [6, 'high', 'inconsistent'],
      [7, 'low', 'inconsistent'],
      [8, 'price', 'not-a-number'],
      [9, 'timestamp', 'duplicate-id'],
    ]);
    expect(series.get('BTC')!.price.length).toBe(1);
  });

  it('requires timestamp, symbol and price', () => {
    expect(parseUserPricePaths('time,close\n', 'p.csv').issues.map((i) => i.column)).toEqual(['symbol']);
  });
});

describe('userReplayPath', () => {
  const text = [
    'timestamp,symbol,price,high,low',
    '2025-01-01T00:00:00Z,BTCUSDT,100,,',
    '2025-01-01T01:00:00Z,BTCUSDT,90,101,85',
    '2025-01-01T02:00:00Z,BTCUSDT,95,,',
    '2025-01-01T00:00:00Z,ETHUSDT,10,,',
    '2025-01-01T02:00:00Z,ETHUSDT,8,10,7',
  ].join('\n');
  const { series } = parseUserPricePaths(text, 'p.csv');

  it('rebases every symbol to its mark on the union of timestamps', () => {
    const { path, issues } = userReplayPath(series, ['BTCUSDT', 'ETH-USDT-SWAP'], [50_000, 2_000], 'p.csv');
    expect(issues).toEqual([]);
    expect(path!.name).toBe('prices');
    expect(path!.nSteps).toBe(2);
    expect(Array.from(path!.stepEndMs)).toEqual([T0 + H, T0 + 2 * H]);
    // BTC: 100 → 90 → 95, scaled by 500.
    expect([path!.close[0], path!.close[2]]).toEqual([45_000, 47_500]);
    expect([path!.high[0], path!.low[0]]).toEqual([50_500, 42_500]);
    // ETH has no 01:00 row: it stays at its mark; its 02:00 high/low cover both steps (conservative).
    expect([path!.close[1], path!.close[3]]).toEqual([2_000, 1_600]);
    expect([path!.low[1], path!.low[3]]).toEqual([1_400, 1_400]);
    expect(path!.sources).toEqual([{ kind: 'user', series: 'BTCUSDT' }, { kind: 'user', series: 'ETHUSDT' }]);
  });

  it('names a symbol missing from the file', () => {
    const { path, issues } = userReplayPath(series, ['SOLUSDT'], [150], 'p.csv');
    expect(path).toBeNull();
    expect(issues[0]).toMatchObject({ code: 'unknown-symbol', file: 'p.csv', value: 'SOLUSDT' });
  });
});
