// Option values typed by the user: amounts, delimiters, repeats, choices.

import { describe, expect, it } from 'vitest';
import { commonOptions, parseDelimiter, parseWallet } from '../../src/cli/command-options.js';
import { UsageError } from '../../src/cli/usage-error.js';

describe('parseWallet', () => {
  it.each([
    ['25000', 25000],
    ['25_000.50', 25000.5],
    ['1e5', 100000],
    ['0', 0],
    ['.5', 0.5],
  ])('reads %j as %d', (text, amount) => {
    expect(parseWallet(text, 'evaluate')).toBe(amount);
  });

  it.each(['lots', '-5', '1,000', 'NaN', 'Infinity', '', '0x10'])('refuses %j with a usage error', (text) => {
    expect(() => parseWallet(text, 'evaluate')).toThrow(UsageError);
  });
});

describe('parseDelimiter', () => {
  it.each([
    [',', ','],
    ['comma', ','],
    [';', ';'],
    ['Semicolon', ';'],
    ['tab', '\t'],
    ['\\t', '\t'],
    ['\t', '\t'],
  ])('reads %j', (text, delimiter) => {
    expect(parseDelimiter(text, 'evaluate')).toBe(delimiter);
  });

  it('refuses anything else, naming what is accepted', () => {
    expect(() => parseDelimiter('|', 'evaluate')).toThrow(/expected ',', ';' or 'tab'/);
  });
});

describe('commonOptions', () => {
  it('fills the defaults', () => {
    expect(commonOptions({ positions: 'p.csv' }, 'evaluate')).toEqual({
      positions: 'p.csv',
      balances: null,
      wallet: null,
      venue: 'generic',
      tiers: null,
      format: 'table',
      out: null,
      delimiter: null,
      allocation: 'leverage',
      skipInvalid: false,
      quiet: false,
    });
  });

  it('reads every option', () => {
    const options = commonOptions(
      {
        positions: 'p.csv',
        wallet: '1000',
        venue: 'hyperliquid',
        tiers: 't.csv',
        format: 'json',
        out: 'o.json',
        delimiter: ';',
        allocation: 'equal-risk',
        'skip-invalid': true,
        quiet: true,
      },
      'evaluate',
    );
    expect(options).toMatchObject({ wallet: 1000, venue: 'hyperliquid', format: 'json', delimiter: ';', allocation: 'equal-risk', skipInvalid: true, quiet: true });
  });

  it('refuses an option given twice, and both kinds of collateral at once', () => {
    expect(() => commonOptions({ positions: 'p.csv', venue: ['okx-swap', 'deribit'] }, 'evaluate')).toThrow(/--venue was given 2 times/);
    expect(() => commonOptions({ positions: 'p.csv', wallet: '1', balances: 'b.csv' }, 'evaluate')).toThrow(/cannot be used together/);
  });

  it('puts the hint to the command help on the one error line', () => {
    try {
      commonOptions({ positions: 'p.csv', format: 'xml' }, 'evaluate');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      expect((error as UsageError).toLine()).toBe(
        `marginscope: --format: "xml" is not one of table, json, csv, markdown (see 'marginscope evaluate --help')`,
      );
    }
  });
});
