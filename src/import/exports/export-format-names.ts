// The names of the venue export formats, in detection order (export-formats.ts), apart from the
// formats themselves: the command line lists them without loading every importer.

import type { ExportFormatName } from './export-format.js';

export const EXPORT_FORMAT_NAMES: readonly ExportFormatName[] = [
  'bybit-account-info',
  'bybit-wallet-balance',
  'bybit-risk-limit',
  'bybit-position-list',
  'okx-instruments',
  'okx-positions',
  'hyperliquid-clearinghouse-state',
  'dydx-subaccount',
  'dydx-perpetual-markets',
  'dydx-perpetual-positions',
  'deribit-positions',
  'binance-usdm-account',
  'binance-usdm-leverage-bracket',
  'binance-usdm-symbol-config',
  'binance-usdm-position-risk',
  'ccxt-positions',
];
