// The one interface every venue export format implements: recognise its shape (JSON structure or
// CSV header), then read a document into the import sink. One file per format under formats/,
// one line per format in export-formats.ts.

import type { ExportDocument } from './export-document.js';
import type { ImportSink } from './import-sink.js';

export type ExportFormatName =
  | 'binance-usdm-position-risk'
  | 'binance-usdm-account'
  | 'binance-usdm-leverage-bracket'
  | 'binance-usdm-symbol-config'
  | 'bybit-position-list'
  | 'bybit-account-info'
  | 'bybit-wallet-balance'
  | 'bybit-risk-limit'
  | 'okx-positions'
  | 'okx-instruments'
  | 'hyperliquid-clearinghouse-state'
  | 'dydx-subaccount'
  | 'dydx-perpetual-positions'
  | 'dydx-perpetual-markets'
  | 'deribit-positions'
  | 'ccxt-positions';

/** The files of one import must come from one family (one venue's API, or CCXT). */
export type ExportFamily = 'binance-usdm' | 'bybit' | 'okx' | 'hyperliquid' | 'dydx' | 'deribit' | 'ccxt';

export interface ExportFormat {
  readonly name: ExportFormatName;
  readonly family: ExportFamily;
  /**
   * Reading order when files are combined: 0 context (settings, instruments, tiers, prices),
   * 1 positions, 2 what needs positions read first (a wallet that the isolated margin is taken
   * out of; a dYdX position list after the subaccount files it must not repeat).
   */
  readonly stage: 0 | 1 | 2;
  /** Whether a parsed JSON document has this format's shape. */
  matchesJson(root: unknown): boolean;
  /** Whether a CSV header (names normalised: lower case, no `_ - .` or spaces) is this format's; false if it has no CSV form. */
  matchesCsvHeader(header: ReadonlySet<string>): boolean;
  read(doc: ExportDocument, sink: ImportSink): void;
}
