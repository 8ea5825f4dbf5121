// Test fixture: a small hand-built AccountEvaluation (two USDT positions, one held cross and one
// isolated) with round numbers, so formatter outputs can be checked as exact strings.

import type {
  AccountEvaluation,
  ModeEvaluation,
  ModeName,
  PositionEvaluation,
} from '../../src/margin/evaluation.js';

function btc(mode: ModeName, overrides: Partial<PositionEvaluation>): PositionEvaluation {
  return {
    positionId: 'desk:BTCUSDT:long',
    symbol: 'BTCUSDT',
    side: 'long',
    size: 0.5,
    instrument: 'linear',
    venue: 'binance-usdm',
    marginMode: mode === 'isolated' ? 'isolated' : 'cross',
    asset: 'USDT',
    entryPrice: 88000,
    markPrice: 90000.5,
    notional: 45000.25,
    margin: 10000,
    unrealizedPnl: 1000.25,
    maintenanceMargin: 180.001,
    leverage: 5,
    liquidationPrice: 72500.25,
    distanceToLiquidation: 72500.25 / 90000.5 - 1,
    poolId: mode === 'isolated' ? 'desk:desk:BTCUSDT:long' : 'desk:USDT',
    ...overrides,
  };
}

function eth(mode: ModeName, overrides: Partial<PositionEvaluation>): PositionEvaluation {
  return {
    positionId: 'desk:ETHUSDT:short',
    symbol: 'ETHUSDT',
    side: 'short',
    size: 2,
    instrument: 'linear',
    venue: 'binance-usdm',
    marginMode: mode === 'cross' ? 'cross' : 'isolated',
    asset: 'USDT',
    entryPrice: 3100,
    markPrice: 3000,
    notional: 6000,
    margin: 300,
    unrealizedPnl: 200,
    maintenanceMargin: 30,
    leverage: 20,
    liquidationPrice: 3234,
    distanceToLiquidation: 0.078,
    poolId: mode === 'cross' ? 'desk:USDT' : 'desk:desk:ETHUSDT:short',
    ...overrides,
  };
}

function mode(name: ModeName, positions: PositionEvaluation[], totals: Partial<ModeEvaluation>): ModeEvaluation {
  return {
    mode: name,
    asset: 'USDT',
    equity: 11500.25,
    maintenanceMargin: 210.001,
    marginRatio: 210.001 / 11500.25,
    quoteAsset: 'USDT',
    equityQuote: 11500.25,
    maintenanceMarginQuote: 210.001,
    freeBalance: 0,
    liquidatable: false,
    uniformMoveToLiquidation: { down: 0.2, up: 0.078 },
    pools: [],
    positions,
    ...totals,
  };
}

/** Exported: BTC cross + ETH isolated. Isolated: both isolated. Cross: one pool. */
export function sampleEvaluation(): AccountEvaluation {
  return {
    account: 'desk',
    allocationPolicy: 'leverage',
    allocation: [
      { positionId: 'desk:BTCUSDT:long', asset: 'USDT', exportedMargin: null, margin: 8800, policy: 'leverage', scale: 1, maintenanceFloor: 0, standing: true },
      { positionId: 'desk:ETHUSDT:short', asset: 'USDT', exportedMargin: 300, margin: 300, policy: 'exported', scale: 1, maintenanceFloor: 120, standing: true },
    ],
    warnings: [],
    modes: {
      exported: mode('exported', [eth('exported', {}), btc('exported', {})], {
        pools: [
          {
            poolId: 'desk:USDT',
            marginMode: 'cross',
            asset: 'USDT',
            positionIds: ['desk:BTCUSDT:long'],
            collateral: 10000,
            equity: 11000.25,
            maintenanceMargin: 180.001,
            marginRatio: 180.001 / 11000.25,
            liquidatable: false,
            uniformMoveToLiquidation: { down: 0.2, up: null },
          },
        ],
      }),
      isolated: mode(
        'isolated',
        [eth('isolated', {}), btc('isolated', { margin: 8800, liquidationPrice: 74900, distanceToLiquidation: 74900 / 90000.5 - 1 })],
        { freeBalance: 1200, uniformMoveToLiquidation: { down: 0.1678, up: 0.078 } },
      ),
      cross: mode(
        'cross',
        [
          btc('cross', { margin: 10300 }),
          eth('cross', { margin: 10300, liquidationPrice: 8000.5, distanceToLiquidation: 8000.5 / 3000 - 1 }),
        ],
        { uniformMoveToLiquidation: { down: 0.31, up: null } },
      ),
    },
  };
}

/** One coin-margined position with no liquidation price in any direction but down. */
export function singlePositionEvaluation(): AccountEvaluation {
  const position = (name: ModeName): PositionEvaluation => ({
    positionId: 'miner:BTCUSD_PERP:short',
    symbol: 'BTCUSD_PERP',
    side: 'short',
    size: 100,
    instrument: 'inverse',
    venue: 'binance-coinm',
    marginMode: 'cross',
    asset: 'BTC',
    entryPrice: 100000,
    markPrice: 80000,
    notional: 0.125,
    margin: 1,
    unrealizedPnl: 0.025,
    maintenanceMargin: 0.0005,
    leverage: 20,
    liquidationPrice: null,
    distanceToLiquidation: null,
    poolId: name === 'isolated' ? 'miner:miner:BTCUSD_PERP:short' : 'miner:BTC',
  });
  const totals = (name: ModeName): ModeEvaluation => ({
    mode: name,
    asset: 'BTC',
    equity: 1.025,
    maintenanceMargin: 0.0005,
    marginRatio: 0.0005 / 1.025,
    quoteAsset: 'USD',
    equityQuote: 82000,
    maintenanceMarginQuote: 40,
    freeBalance: 0,
    liquidatable: false,
    uniformMoveToLiquidation: { down: null, up: null },
    pools: [],
    positions: [position(name)],
  });
  return {
    account: 'miner',
    allocationPolicy: 'notional',
    allocation: [{ positionId: 'miner:BTCUSD_PERP:short', asset: 'BTC', exportedMargin: null, margin: 1, policy: 'notional', scale: 1, maintenanceFloor: 0, standing: true }],
    warnings: [],
    modes: { exported: totals('exported'), isolated: totals('isolated'), cross: totals('cross') },
  };
}
