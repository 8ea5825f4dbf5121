// The shock options typed by the user: defaults resolved, durations with units, repeatable
// --vol and --event, --corr as a number or a file, and every bad value a UsageError.

import { describe, expect, it } from 'vitest';
import { DEFAULT_PATHS, DEFAULT_SEED, parseHorizon, shockOptions } from '../../src/cli/shock-options.js';
import { UsageError } from '../../src/cli/usage-error.js';

describe('parseHorizon', () => {
  it.each([
    ['24h', 24],
    ['90m', 1.5],
    ['7d', 168],
    ['0.5d', 12],
    [' 2H ', 2],
  ])('reads %j as %d hours', (text, hours) => {
    expect(parseHorizon(text, 'simulate')).toBe(hours);
  });

  it.each(['24', '0h', '-1h', '1w', 'h', '', '1e3h', '11000d'])('refuses %j', (text) => {
    expect(() => parseHorizon(text, 'simulate')).toThrow(UsageError);
  });
});

describe('shockOptions', () => {
  it('resolves the defaults: 10,000 paths over 24 h in hourly steps, fixed seed, gbm, ETH proxy', () => {
    const options = shockOptions({}, 'simulate');
    expect(options).toMatchObject({ paths: DEFAULT_PATHS, horizon: '24h', horizonHours: 24, steps: 24, seed: DEFAULT_SEED, model: 'gbm', corr: null, df: null, slippageBps: 0, events: [], prices: null, proxy: 'ETH' });
    expect(options.threads).toBeGreaterThanOrEqual(1);
  });

  it('takes one step per started hour by default, at least one', () => {
    expect(shockOptions({ horizon: '90m' }, 'simulate').steps).toBe(2);
    expect(shockOptions({ horizon: '10m' }, 'simulate').steps).toBe(1);
    expect(shockOptions({ horizon: '7d', steps: '7' }, 'simulate').steps).toBe(7);
  });

  it('collects repeated --vol (percent or fraction) and --event, de-duplicating events', () => {
    const options = shockOptions({ vol: ['btc=80%', 'ETHUSDT=0.9'], event: ['ftx', 'luna', 'ftx'] }, 'replay');
    expect([...options.vols]).toEqual([
      ['BTC', 0.8],
      ['ETHUSDT', 0.9],
    ]);
    expect(options.events).toEqual(['ftx', 'luna']);
  });

  it('reads --corr as one correlation or a file, --proxy none as no proxies', () => {
    expect(shockOptions({ corr: '-0.25' }, 'simulate').corr).toEqual({ kind: 'constant', rho: -0.25 });
    expect(shockOptions({ corr: 'corr.csv' }, 'simulate').corr).toEqual({ kind: 'file', path: 'corr.csv' });
    expect(shockOptions({ proxy: 'none' }, 'replay').proxy).toBeNull();
    expect(shockOptions({ proxy: 'doge' }, 'replay').proxy).toBe('DOGE');
  });

  it.each([
    [{ paths: '0' }, /--paths/],
    [{ paths: '1.5' }, /--paths/],
    [{ paths: ['10', '20'] }, /given 2 times/],
    [{ steps: '0' }, /--steps/],
    [{ seed: 'abc' }, /--seed/],
    [{ threads: '0' }, /--threads/],
    [{ vol: 'BTC=-1' }, /--vol/],
    [{ vol: 'BTC=abc' }, /--vol/],
    [{ corr: '2' }, /--corr/],
    [{ df: '2' }, /--df/],
    [{ df: 'x' }, /--df/],
    [{ slippage: '10000' }, /--slippage/],
    [{ model: 'heston' }, /--model/],
    [{ proxy: 'E-T-H' }, /--proxy/],
    [{ event: '' }, /--event needs a value/],
  ])('refuses %j', (argv, message) => {
    expect(() => shockOptions(argv, 'simulate')).toThrow(message);
  });
});
