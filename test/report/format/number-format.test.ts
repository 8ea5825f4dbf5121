// Human number formatting: precision per kind of number, grouping, signs, no locale dependence.

import { describe, expect, it } from 'vitest';
import {
  decimalsOf,
  formatFixed,
  formatMoney,
  formatPercent,
  formatPercentOrMissing,
  formatPrice,
  formatQuantity,
  priceDecimals,
} from '../../../src/report/format/number-format.js';

describe('formatFixed', () => {
  it.each([
    [1234567.891, 2, '1,234,567.89'],
    [-1234.5, 1, '-1,234.5'],
    [999.999, 2, '1,000.00'],
    [-0.001, 2, '0.00'],
    [-0, 0, '0'],
    [12, 0, '12'],
  ])('%d to %d decimals is %s', (value, decimals, expected) => {
    expect(formatFixed(value, decimals)).toBe(expected);
  });
});

describe('formatMoney', () => {
  it('shows stablecoins and fiat to the cent', () => {
    expect(formatMoney(105515.004, 'USDT')).toBe('105,515.00');
    expect(formatMoney(3.456, 'usdc')).toBe('3.46');
  });
  it('shows coins with six decimals', () => {
    expect(formatMoney(0.04253612, 'BTC')).toBe('0.042536');
  });
});

describe('priceDecimals and formatPrice', () => {
  it.each([
    [91250, 0],
    [91250.5, 1],
    [3015, 1],
    [135.2, 2],
    [2.054, 4],
    [0.1512, 5],
    [0.000012345, 8],
  ])('a mark of %d shows prices with %d decimals', (mark, decimals) => {
    expect(priceDecimals(mark)).toBe(decimals);
  });
  it('formats a liquidation price at the precision of its mark', () => {
    expect(formatPrice(88123.456, 91250)).toBe('88,123');
    expect(formatPrice(0.142751, 0.1512)).toBe('0.14275');
  });
  it('never counts float noise beyond eight decimals', () => {
    expect(decimalsOf(0.1 + 0.2)).toBe(17);
    expect(priceDecimals(0.1 + 0.2)).toBe(8);
  });
});

describe('formatQuantity', () => {
  it('keeps the quantity as given, grouped, never in exponent form', () => {
    expect(formatQuantity(150000)).toBe('150,000');
    expect(formatQuantity(0.25)).toBe('0.25');
    expect(formatQuantity(1e-7)).toBe('0.0000001');
  });
});

describe('formatPercent', () => {
  it('uses two decimals below 100 % and one above', () => {
    expect(formatPercent(0.031645)).toBe('3.16%');
    expect(formatPercent(1.6668)).toBe('166.7%');
  });
  it('signs moves when asked, but not zero', () => {
    expect(formatPercent(0.078, true)).toBe('+7.80%');
    expect(formatPercent(-0.2, true)).toBe('-20.00%');
    expect(formatPercent(0, true)).toBe('0.00%');
  });
  it('shows a dash for a missing value', () => {
    expect(formatPercentOrMissing(null)).toBe('—');
  });
});
