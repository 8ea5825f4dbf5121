// Binance USDⓈ-M `GET /fapi/v1/symbolConfig`: each symbol's margin type (`CROSSED` / `ISOLATED`)
// and leverage, the settings /fapi/v3/positionRisk no longer carries. Read before the positions.
// https://developers.binance.com/docs/derivatives/usds-margined-futures/account/rest-api/Symbol-Config

import type { MarginMode } from '../../../domain/position.js';
import { listRecords } from '../document-records.js';
import type { ExportFormat } from '../export-format.js';
import { readChoice, readNumber, readText } from '../field-values.js';
import { firstObject, hasKeys, headerHas } from '../json-shape.js';

/** `CROSSED` here, `cross` in /fapi/v2/positionRisk: both spellings, case-insensitive. */
export const BINANCE_MARGIN_TYPES: Readonly<Record<string, MarginMode>> = {
  CROSSED: 'cross',
  CROSS: 'cross',
  ISOLATED: 'isolated',
};

export const binanceUsdmSymbolConfig: ExportFormat = {
  name: 'binance-usdm-symbol-config',
  family: 'binance-usdm',
  stage: 0,
  matchesJson: (root) => {
    const first = firstObject(root);
    return hasKeys(first, 'symbol', 'marginType', 'leverage') && !hasKeys(first, 'positionAmt');
  },
  matchesCsvHeader: (header) => headerHas(header, 'symbol', 'marginType', 'leverage') && !headerHas(header, 'positionAmt'),
  read(doc, sink) {
    const ctx = sink.forAccount(sink.accountOption);
    for (const record of listRecords(doc, sink, [], 'symbol settings')) {
      const symbol = readText(record, 'symbol', ctx, 'symbol');
      const marginMode = readChoice(record, 'marginType', ctx, BINANCE_MARGIN_TYPES);
      const leverage = readNumber(record, 'leverage', ctx, { sign: 'positive' });
      if (symbol !== null) sink.context.binanceSymbolConfig.set(symbol.toUpperCase(), { marginMode, leverage, record });
    }
  },
};
