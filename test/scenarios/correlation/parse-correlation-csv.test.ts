import { describe, expect, it } from 'vitest';
import { parseCorrelationCsv } from '../../../src/scenarios/correlation/parse-correlation-csv.js';

describe('parseCorrelationCsv', () => {
  it('reads a matrix with rows in any order, reordered to the header', () => {
    const text = '\uFEFFsymbol,BTCUSDT,ETHUSDT\r\nETHUSDT,0.8,1\r\n\r\nBTCUSDT,1,0.8\r\n';
    const parsed = parseCorrelationCsv(text, 'corr.csv');
    expect(parsed.issues).toEqual([]);
    expect(parsed.symbols).toEqual(['BTCUSDT', 'ETHUSDT']);
    expect(parsed.values).toEqual([[1, 0.8], [0.8, 1]]);
  });

  it('accepts semicolons', () => {
    const parsed = parseCorrelationCsv('symbol;A;B\nA;1;-0.2\nB;-0.2;1\n', 'c.csv');
    expect(parsed.issues).toEqual([]);
    expect(parsed.values[0]![1]).toBe(-0.2);
  });

  it('reports bad cells with line and column, and a missing row', () => {
    const text = 'symbol,A,B,C\nA,1,x,0.1\nB,0.5,1,0.2\nD,1,1,1\n';
    const { issues } = parseCorrelationCsv(text, 'c.csv');
    expect(issues).toContainEqual(expect.objectContaining({ code: 'not-a-number', line: 2, column: 'B', value: 'x' }));
    expect(issues).toContainEqual(expect.objectContaining({ code: 'unknown-symbol', line: 4, value: 'D' }));
    expect(issues).toContainEqual(expect.objectContaining({ code: 'missing-value', line: 0, column: 'C' }));
  });

  it('reports an asymmetric matrix as a whole-file problem', () => {
    const { issues } = parseCorrelationCsv('symbol,A,B\nA,1,0.5\nB,0.4,1\n', 'c.csv');
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toMatch(/symmetric/);
  });

  it('reports an empty file', () => {
    expect(parseCorrelationCsv('  \n', 'c.csv').issues[0]!.code).toBe('empty-file');
  });
});
