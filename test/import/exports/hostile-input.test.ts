// Hostile and malformed exports: invalid JSON, huge numbers, text where numbers belong, nested
// arrays, prototype keys, deep nesting, floods of bad rows, mixed venues. Each becomes issues
// with a file, a line and a column, never a stack trace, and never a silently wrong position.

import { describe, expect, it } from 'vitest';
import { importVenueExport } from '../../../src/import/exports/index.js';
import { lines } from './export-files.js';

function file(label: string, text: string) {
  return { label, text };
}

/** One Binance v2 positionRisk element, with fields overridden (values as JSON source text). */
function binanceRow(overrides: Record<string, string> = {}): string {
  const fields: Record<string, string> = {
    symbol: '"BTCUSDT"',
    positionAmt: '"0.5"',
    entryPrice: '"64000"',
    markPrice: '"65000"',
    unRealizedProfit: '"500"',
    liquidationPrice: '"0"',
    leverage: '"10"',
    marginType: '"cross"',
    isolatedMargin: '"0"',
    positionSide: '"BOTH"',
    isolatedWallet: '"0"',
    ...overrides,
  };
  return `{\n${Object.entries(fields)
    .map(([k, v]) => `  "${k}": ${v}`)
    .join(',\n')}\n}`;
}

describe('invalid JSON', () => {
  it('a truncated file is one issue at the line where the text ends', () => {
    const result = importVenueExport([file('risk.json', `[\n${binanceRow()},\n{\n  "symbol": "ETHU`)], {});
    expect(lines(result.issues)).toEqual(['risk.json:16: invalid JSON: unterminated string (got ""ETHU")']);
    expect(result.positions).toEqual([]);
  });

  it('an empty file and a blank file are one issue each', () => {
    const result = importVenueExport([file('a.json', ''), file('b.json', ' \n\t\n')], {});
    expect(lines(result.issues)).toEqual(['a.json: file is empty', 'b.json: file is empty']);
  });

  it('nesting a hundred thousand levels deep is one issue, not a stack overflow', () => {
    const result = importVenueExport([file('deep.json', '['.repeat(100_000) + ']'.repeat(100_000))], {});
    expect(lines(result.issues)).toEqual(['deep.json:1: invalid JSON: arrays and objects nested deeper than 256 levels (got "[[[[[[[[[[[[[[[[[[[[")']);
  });
});

describe('numbers', () => {
  it('huge numbers, as JSON numbers or as text, are not finite: an issue with the number as written', () => {
    const text = `[\n${binanceRow({ positionAmt: '1e400' })},\n${binanceRow({ symbol: '"ETHUSDT"', markPrice: `"${'9'.repeat(400)}"` })}\n]`;
    const result = importVenueExport([file('risk.json', text)], {});
    expect(lines(result.issues)).toEqual([
      'risk.json:4: column [0].positionAmt: number too large to be finite (got "1e400")',
      `risk.json:19: column [1].markPrice: number too large to be finite (got "${'9'.repeat(60)}…")`,
    ]);
  });

  it('text, commas, percents, booleans and objects where numbers belong are issues', () => {
    const rows = [
      binanceRow({ markPrice: '"65,000.5"' }),
      binanceRow({ symbol: '"ETHUSDT"', entryPrice: '"3,000%"' }),
      binanceRow({ symbol: '"SOLUSDT"', markPrice: 'true' }),
      binanceRow({ symbol: '"XRPUSDT"', entryPrice: '{"value": "0.5"}' }),
      binanceRow({ symbol: '"ADAUSDT"', positionAmt: '"0x10"' }),
      binanceRow({ symbol: '"BNBUSDT"', markPrice: '"NaN"' }),
    ];
    const result = importVenueExport([file('risk.json', `[\n${rows.join(',\n')}\n]`)], {});
    expect(lines(result.issues)).toEqual([
      'risk.json:6: column [0].markPrice: number contains a comma; write plain decimals with a point and no thousands separators (e.g. 1234.5) (got "65,000.5")',
      'risk.json:18: column [1].entryPrice: number contains a comma; write plain decimals with a point and no thousands separators (e.g. 1234.5) (got "3,000%")',
      'risk.json:32: column [2].markPrice: expected a number, found a boolean (got "true")',
      'risk.json:44: column [3].entryPrice: expected a number, found an object (got "{"value": "0.5"}")',
      'risk.json:56: column [4].positionAmt: hexadecimal, octal and binary numbers are not accepted; write a plain decimal (got "0x10")',
      'risk.json:71: column [5].markPrice: NaN is not a number (got "NaN")',
    ]);
    expect(result.positions).toEqual([]);
  });

  it('negative or zero prices are issues', () => {
    const result = importVenueExport([file('risk.json', `[\n${binanceRow({ markPrice: '"-65000"', entryPrice: '"0"' })}\n]`)], {});
    expect(lines(result.issues)).toEqual([
      'risk.json:5: column [0].entryPrice: must be greater than 0 (got "0")',
      'risk.json:6: column [0].markPrice: must be greater than 0 (got "-65000")',
    ]);
  });
});

describe('structure', () => {
  it('nested arrays are not recognised as any export', () => {
    const result = importVenueExport([file('nested.json', `[[\n${binanceRow()}\n]]`)], {});
    expect(lines(result.issues)).toEqual([
      expect.stringMatching(/^nested\.json: not a recognised venue export: its JSON shape matches none of the known formats \(bybit-account-info, /),
    ]);
  });

  it('with the format given, an element that is not an object is an issue at its path', () => {
    const result = importVenueExport([file('nested.json', `[\n[\n${binanceRow()}\n],\n42,\n${binanceRow({ symbol: '"ETHUSDT"' })}\n]`)], { format: 'binance-usdm-position-risk' });
    expect(lines(result.issues)).toEqual([
      'nested.json:2: column [0]: expected an object here, found an array (got "[ { "symbol": "BTCUSDT", "positionAmt": "0.5", "entryPrice":…")',
      'nested.json:17: column [1]: expected an object here, found a number (got "42")',
    ]);
    expect(result.positions.map((p) => p.positionId)).toEqual(['main:ETHUSDT:long']);
  });

  it('a "__proto__" key cannot supply fields by prototype', () => {
    const row = `{"__proto__": {"positionAmt": "5", "entryPrice": "1", "markPrice": "1"}, "symbol": "BTCUSDT", "positionSide": "BOTH"}`;
    const result = importVenueExport([file('risk.json', `[${row}]`)], { format: 'binance-usdm-position-risk' });
    expect(lines(result.issues)).toEqual(['risk.json:1: column [0].positionAmt: position amount is missing']);
  });

  it('a flood of bad rows is capped, with one closing issue', () => {
    const rows = Array.from({ length: 10_050 }, (_, k) => `{"symbol": "S${k}USDT", "positionAmt": "x", "entryPrice": "1"}`);
    const result = importVenueExport([file('flood.json', `[\n${rows.join(',\n')}\n]`)], {});
    expect(result.issues).toHaveLength(10_001);
    expect(lines(result.issues).at(-1)).toBe('flood.json: 50 more problems in this file are not listed (only the first 10000 are); fix these and run again');
  });

  it('files of two venues in one import are an issue; the first venue is read', () => {
    const okx = file('okx.json', '{"code": "0", "msg": "", "data": []}');
    const result = importVenueExport([file('risk.json', `[${binanceRow()}]`), okx], {});
    expect(lines(result.issues)).toEqual(["okx.json: an export of okx, but risk.json is of binance-usdm: import one venue's files at a time"]);
    expect(result.positions.map((p) => p.positionId)).toEqual(['main:BTCUSDT:long']);
  });

  it('an unknown format name is one issue', () => {
    const result = importVenueExport([file('risk.json', `[${binanceRow()}]`)], { format: 'binance' as 'auto' });
    expect(lines(result.issues)).toEqual([expect.stringMatching(/^--format-in: unknown export format; one of auto, bybit-account-info, .* \(got "binance"\)$/)]);
    expect(result.positions).toEqual([]);
  });

  it('a format given for a file of the wrong kind is an issue, not a guess', () => {
    const result = importVenueExport([file('brackets.csv', 'symbol,notionalCap\nBTCUSDT,50000\n')], { format: 'binance-usdm-leverage-bracket' });
    expect(lines(result.issues)).toEqual(['brackets.csv: leverage brackets are read from the JSON response only']);
  });

  it('an empty array needs its format', () => {
    expect(lines(importVenueExport([file('risk.json', '[]')], {}).issues)).toEqual([
      'risk.json: an empty JSON array: nothing to recognise the format by; give the format to read it as an export with nothing in it',
    ]);
    const given = importVenueExport([file('risk.json', '[]')], { format: 'binance-usdm-position-risk' });
    expect(given.issues).toEqual([]);
    expect(given.positions).toEqual([]);
    expect(given.venue).toBe('binance-usdm');
  });

  it('a CSV with an unclosed quote is one issue at the line it opens', () => {
    const csv = 'symbol,positionAmt,entryPrice,markPrice\nBTCUSDT,0.5,64000,65000\n"ETHUSDT,1,3000,3100\n';
    expect(lines(importVenueExport([file('risk.csv', csv)], {}).issues)).toEqual([
      'risk.csv:3: unterminated quoted field: a double quote opened here is never closed (got ""ETHUSDT,1,3000,3100")',
    ]);
  });
});
