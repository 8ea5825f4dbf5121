// What the Bybit v5 formats share: the response envelope (`retCode`, `result`, `time`) and the
// contract kind and assets of a Bybit symbol, from the response's `category` or, for a CSV
// flattening without it, from the symbol's spelling.
// https://bybit-exchange.github.io/docs/v5/intro (envelope), https://bybit-exchange.github.io/docs/v5/enum#category

import type { InstrumentKind } from '../../../domain/position.js';
import { symbolAssets, type SymbolAssets } from '../../../domain/symbol-assets.js';
import type { VenueName } from '../../../domain/venue-name.js';
import { rootRecord } from '../document-records.js';
import type { ExportDocument } from '../export-document.js';
import { fieldIssue, isPlainObject, type ExportRecord } from '../export-record.js';
import { readNumber, readText } from '../field-values.js';
import type { ImportSink } from '../import-sink.js';
import { memberAt } from '../json-shape.js';

interface BybitEnvelope {
  readonly root: ExportRecord;
  readonly result: ExportRecord;
  /** `result.category` (`linear`, `inverse`, …) or null. */
  readonly category: string | null;
  /** Response time, epoch ms, or null. */
  readonly timeMillis: number | null;
}

/** Whether a parsed JSON document is a Bybit v5 response (`retCode` and a `result` object). */
export function isBybitResponse(root: unknown): boolean {
  return memberAt(root, ['retCode']) !== undefined && isPlainObject(memberAt(root, ['result']));
}

/**
 * The envelope of a Bybit JSON response; null for CSV documents and bare arrays (no envelope),
 * and, with an issue, for error responses (`retCode` not 0).
 */
export function bybitEnvelope(doc: ExportDocument, sink: ImportSink): BybitEnvelope | null {
  if (doc.kind !== 'json' || !isBybitResponse(doc.json.value)) return null;
  const root = rootRecord(doc, sink, 'a Bybit v5 response');
  const result = root?.child('result') ?? null;
  if (root === null || result === null) return null;
  const ctx = sink.forAccount(sink.accountOption);
  const code = readNumber(root, 'retCode', ctx);
  if (code !== null && code !== 0) {
    const message = readText(root, 'retMsg', ctx) ?? '';
    sink.addIssue(fieldIssue(root, 'retCode', 'unsupported', `the saved response is a Bybit error${message === '' ? '' : `: ${message}`}`, root.shown('retCode')));
    return null;
  }
  return { root, result, category: readText(result, 'category', ctx)?.toLowerCase() ?? null, timeMillis: readNumber(root, 'time', ctx) };
}

/** An issue saying `doc` is not the Bybit v5 JSON response a format needs. */
export function notABybitResponse(doc: ExportDocument, sink: ImportSink, endpoint: string): void {
  if (doc.kind === 'json' && isBybitResponse(doc.json.value)) return;
  sink.addIssue({ code: 'unsupported', file: doc.file, line: 0, column: '', message: `expected the JSON response of ${endpoint} (retCode, result)` });
}

export interface BybitContract {
  readonly instrument: InstrumentKind;
  readonly venue: VenueName;
  readonly assets: SymbolAssets;
}

/** USDC perpetual (`BTCPERP`), USDC or USDT dated future (`BTC-27DEC24`, `BTCUSDT-27DEC24`). */
const USDC_PERPETUAL = /^([A-Z0-9]+)PERP$/;
const DATED_LINEAR = /^([A-Z0-9]+?)(USDT)?-\d{1,2}[A-Z]{3}\d{2}$/;
/** Inverse dated future: `BTCUSDH25` (month code and year). */
const DATED_INVERSE = /^([A-Z0-9]+)USD[FGHJKMNQUVXZ]\d{2}$/;

/**
 * Kind, venue profile and assets of a Bybit symbol. `category` from the response wins; without
 * one the spelling decides: `…USDT`, `…USDC`, `…PERP` and dated `…-27DEC24` are linear; `…USD`
 * and `…USDH25` are inverse. null when neither tells (or the category is spot/option).
 */
export function bybitContract(symbol: string, category: string | null): BybitContract | null {
  const upper = symbol.trim().toUpperCase();
  let instrument: InstrumentKind | null = category === 'linear' ? 'linear' : category === 'inverse' ? 'inverse' : null;
  if (category !== null && instrument === null) return null;
  const perpetualUsdc = USDC_PERPETUAL.exec(upper);
  const datedLinear = DATED_LINEAR.exec(upper);
  const datedInverse = DATED_INVERSE.exec(upper);
  if (instrument === null) {
    if (perpetualUsdc !== null || datedLinear !== null || /USD[TC]$/.test(upper)) instrument = 'linear';
    else if (datedInverse !== null || upper.endsWith('USD')) instrument = 'inverse';
    else return null;
  }
  let assets: SymbolAssets;
  if (instrument === 'linear' && perpetualUsdc !== null) {
    assets = { baseAsset: perpetualUsdc[1]!, quoteAsset: 'USDC', settlementAsset: 'USDC' };
  } else if (instrument === 'linear' && datedLinear !== null) {
    const quote = datedLinear[2] ?? 'USDC';
    assets = { baseAsset: datedLinear[1]!, quoteAsset: quote, settlementAsset: quote };
  } else if (instrument === 'inverse' && datedInverse !== null) {
    assets = { baseAsset: datedInverse[1]!, quoteAsset: 'USD', settlementAsset: datedInverse[1]! };
  } else {
    assets = symbolAssets(upper, instrument, instrument === 'linear' ? 'USDT' : 'USD');
  }
  return { instrument, venue: instrument === 'linear' ? 'bybit-linear' : 'bybit-inverse', assets };
}
