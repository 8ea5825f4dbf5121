// What one export file tells the reader of another file of the same import: Binance's symbol
// settings for v3 positionRisk (which lacks margin type and leverage), OKX contract values for
// `pos` in contracts, Bybit's account margin mode, dYdX oracle prices and the subaccounts already
// read. Context files are read before position files (see ExportFormat.stage).

import type { InstrumentKind, MarginMode } from '../../domain/position.js';
import type { ExportRecord } from './export-record.js';

/** A Binance `/fapi/v1/symbolConfig` entry. */
interface BinanceSymbolSetting {
  readonly marginMode: MarginMode | null;
  readonly leverage: number | null;
  readonly record: ExportRecord;
}

/** An OKX instrument's contract: `ctVal * ctMult` and its kind, from `/api/v5/public/instruments`. */
interface OkxContract {
  /** Base units per contract (linear) or quote (USD) per contract (inverse). */
  readonly contractValue: number;
  readonly instrument: InstrumentKind | null;
  /** Where the figure comes from, for notes. */
  readonly source: string;
}

/** Bybit `/v5/account/info` `marginMode`. */
export interface BybitAccountMode {
  readonly mode: 'ISOLATED_MARGIN' | 'REGULAR_MARGIN' | 'PORTFOLIO_MARGIN';
  readonly record: ExportRecord;
}

export interface ExportContext {
  /** By symbol as written (upper case). */
  readonly binanceSymbolConfig: Map<string, BinanceSymbolSetting>;
  /** By instrument id (upper case). */
  readonly okxContracts: Map<string, OkxContract>;
  bybitAccountMode: BybitAccountMode | null;
  /** dYdX oracle price by market ticker (`ETH-USD`), from `/v4/perpetualMarkets`. */
  readonly dydxOraclePrices: Map<string, number>;
  /** dYdX subaccounts read from subaccount files, as `address:number` (address '' when unknown). */
  readonly dydxSubaccounts: Set<string>;
  /** The dYdX address named by a subaccount file, for position lists that do not carry it. */
  dydxAddress: string | null;
}

export function emptyExportContext(): ExportContext {
  return {
    binanceSymbolConfig: new Map(),
    okxContracts: new Map(),
    bybitAccountMode: null,
    dydxOraclePrices: new Map(),
    dydxSubaccounts: new Set(),
    dydxAddress: null,
  };
}
