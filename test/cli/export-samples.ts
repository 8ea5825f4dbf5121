// The venue export samples of ../shared/data/exports as the CLI tests use them: each
// position-bearing sample with the arguments it needs as downloaded (--wallet for a
// position-only export, the companion files with --with, the CCXT exchange id) and what its one
// account must show.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './run-cli.js';

export const EXPORTS = '../shared/data/exports';
export const hasExports = existsSync(join(REPO_ROOT, EXPORTS, 'bybit_v5_position_list.json'));
export const exportSample = (name: string): string => `${EXPORTS}/${name}`;
const sample = exportSample;

export interface ExportSampleCase {
  readonly file: string;
  readonly args: readonly string[];
  readonly account: string;
  readonly asset: string;
  readonly symbols: readonly string[];
  readonly origins: readonly string[];
}

/** Each sample, the arguments it needs, and what its one account must show. */
export const EXPORT_SAMPLE_CASES: readonly ExportSampleCase[] = [
  { file: 'binance_usdm_fapi_v2_positionRisk.json', args: ['--wallet', '1000'], account: 'main', asset: 'USDT', symbols: ['BTCUSDT'], origins: ['bundled'] },
  { file: 'binance_usdm_fapi_v2_positionRisk.csv', args: ['--wallet', '1000'], account: 'main', asset: 'USDT', symbols: ['BTCUSDT'], origins: ['bundled'] },
  { file: 'binance_usdm_fapi_v3_positionRisk.json', args: ['--wallet', '1000'], account: 'main', asset: 'USDT', symbols: ['ADAUSDT', 'COMPUSDT'], origins: ['bundled'] },
  { file: 'binance_usdm_fapi_v3_positionRisk.csv', args: ['--wallet', '1000'], account: 'main', asset: 'USDT', symbols: ['ADAUSDT', 'COMPUSDT'], origins: ['bundled'] },
  {
    file: 'binance_usdm_fapi_v3_positionRisk.json',
    args: ['--with', sample('binance_usdm_fapi_v3_account.json'), '--with', sample('binance_usdm_fapi_v1_leverageBracket.json'), '--with', sample('binance_usdm_fapi_v1_symbolConfig.json')],
    account: 'main',
    asset: 'USDT',
    symbols: ['ADAUSDT', 'COMPUSDT'],
    origins: ['bundled'],
  },
  { file: 'binance_usdm_fapi_v3_positionRisk_oneway.json', args: ['--wallet', '1000'], account: 'main', asset: 'USDT', symbols: ['ADAUSDT'], origins: ['bundled'] },
  {
    file: 'bybit_v5_position_list.json',
    args: ['--wallet', '0.01', '--with', sample('bybit_v5_market_risk_limit.json'), '--with', sample('bybit_v5_account_info.json')],
    account: 'main',
    asset: 'BTC',
    symbols: ['BTCUSD'],
    origins: ['export'],
  },
  {
    file: 'bybit_v5_position_list.csv',
    args: ['--wallet', '0.01', '--with', sample('bybit_v5_market_risk_limit.json'), '--with', sample('bybit_v5_account_info.json')],
    account: 'main',
    asset: 'BTC',
    symbols: ['BTCUSD'],
    origins: ['export'],
  },
  { file: 'ccxt_fetchPositions.json', args: ['--exchange', 'binancecoinm', '--wallet', '1'], account: 'main', asset: 'BTC', symbols: ['BTC/USD'], origins: ['bundled'] },
  { file: 'deribit_private_get_positions.json', args: ['--wallet', '0.01'], account: 'main', asset: 'BTC', symbols: ['BTC-PERPETUAL'], origins: ['bundled'] },
  { file: 'dydx_v4_indexer_perpetualPositions.json', args: ['--wallet', '100'], account: 'main', asset: 'USDC', symbols: ['ETH-USD'], origins: ['bundled'] },
  { file: 'dydx_v4_indexer_perpetualPositions.csv', args: ['--wallet', '100'], account: 'main', asset: 'USDC', symbols: ['ETH-USD'], origins: ['bundled'] },
  { file: 'dydx_v4_indexer_subaccount.json', args: [], account: 'dydx1kzsvkf2ghjqlysuffdkhcdctknl4rsvcx5hkm5:0', asset: 'USDC', symbols: ['ETH-USD'], origins: ['bundled'] },
  { file: 'hyperliquid_info_clearinghouseState.json', args: [], account: 'main', asset: 'USDC', symbols: ['ETH'], origins: ['export'] },
  { file: 'okx_v5_account_positions.json', args: ['--wallet', '0.01'], account: 'main', asset: 'ETH', symbols: ['ETH-USD-210430', 'ETH-USD-SWAP'], origins: ['derived'] },
  { file: 'okx_v5_account_positions.csv', args: ['--wallet', '0.01'], account: 'main', asset: 'ETH', symbols: ['ETH-USD-210430', 'ETH-USD-SWAP'], origins: ['derived'] },
];

