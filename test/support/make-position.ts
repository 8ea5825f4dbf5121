// Test helper: a valid Position with sensible defaults, overridable field by field.

import type { Position } from '../../src/domain/position.js';
import { symbolAssets } from '../../src/domain/symbol-assets.js';

export function makePosition(overrides: Partial<Position> & Pick<Position, 'symbol'>): Position {
  const instrument = overrides.instrument ?? 'linear';
  const assets = symbolAssets(overrides.symbol, instrument, 'USDT');
  const side = overrides.side ?? 'long';
  const account = overrides.account ?? 'main';
  return {
    positionId: `${account}:${overrides.symbol}:${side}`,
    account,
    side,
    size: 1,
    entryPrice: 100,
    markPrice: 100,
    marginMode: 'cross',
    isolatedMargin: null,
    leverage: null,
    instrument,
    contractSize: 1,
    venue: 'generic',
    settlementAsset: assets.settlementAsset,
    quoteAsset: assets.quoteAsset,
    baseAsset: assets.baseAsset,
    source: { file: 'test', line: 0 },
    ...overrides,
  };
}
