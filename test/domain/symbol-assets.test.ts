// symbolAssets: the venues' spellings of a symbol split into base, quote and settlement asset, and
// the same answers from its cache whatever was asked before (the cache is keyed by instrument,
// default quote and symbol).

import { describe, expect, it } from 'vitest';
import { symbolAssets } from '../../src/domain/symbol-assets.js';

describe('symbolAssets', () => {
  it.each([
    ['BTCUSDT', 'linear', 'USDT', 'BTC', 'USDT', 'USDT'],
    ['BTCUSD_PERP', 'inverse', 'USD', 'BTC', 'USD', 'BTC'],
    ['BTC-USDT-SWAP', 'linear', 'USDT', 'BTC', 'USDT', 'USDT'],
    ['BTC-USD-SWAP', 'inverse', 'USD', 'BTC', 'USD', 'BTC'],
    ['BTC_USDC-PERPETUAL', 'linear', 'USDC', 'BTC', 'USDC', 'USDC'],
    ['BTC-PERPETUAL', 'inverse', 'USD', 'BTC', 'USD', 'BTC'],
    ['BTC/USDT:USDT', 'linear', 'USDT', 'BTC', 'USDT', 'USDT'],
    ['ETH', 'linear', 'USDC', 'ETH', 'USDC', 'USDC'],
    ['1000PEPEUSDT', 'linear', 'USDT', '1000PEPE', 'USDT', 'USDT'],
  ] as const)('%s (%s, default quote %s) is %s / %s settled in %s', (symbol, instrument, quote, base, quoteAsset, settlement) => {
    expect(symbolAssets(symbol, instrument, quote)).toEqual({ baseAsset: base, quoteAsset, settlementAsset: settlement });
  });

  it('answers by instrument and default quote, not by the first question asked of a symbol', () => {
    expect(symbolAssets('SOL', 'linear', 'USDC').quoteAsset).toBe('USDC');
    expect(symbolAssets('SOL', 'linear', 'USD').quoteAsset).toBe('USD');
    expect(symbolAssets('SOL', 'inverse', 'USD').settlementAsset).toBe('SOL');
    expect(symbolAssets('SOL', 'linear', 'USD').settlementAsset).toBe('USD');
  });

  it('keeps answering right past its size limit (an account of 300,000 distinct coins)', () => {
    let wrong = 0;
    for (let i = 0; i < 300_000; i++) if (symbolAssets(`C${i}`, 'linear', 'USDC').baseAsset !== `C${i}`) wrong++;
    expect(wrong).toBe(0);
    expect(symbolAssets('C7', 'linear', 'USDC')).toEqual({ baseAsset: 'C7', quoteAsset: 'USDC', settlementAsset: 'USDC' });
  });
});
