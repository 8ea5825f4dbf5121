// Binance USDⓈ-M `GET /fapi/v1/leverageBracket`: each symbol's notional brackets
// (`notionalFloor`, `notionalCap`, `maintMarginRatio`, `cum`, `initialLeverage`) → tier tables of
// `binance-usdm`, keyed by the profile's tier key. An array of symbols, or one object when the
// request named a symbol.
// https://developers.binance.com/docs/derivatives/usds-margined-futures/account/rest-api/Notional-and-Leverage-Brackets
//
// Brackets are used as returned: when Binance adjusted the account's brackets (`notionalCoef`
// present), the returned bounds are already the account's, and the coefficient is not applied again.

import type { Tier } from '../../../domain/tier.js';
import type { ExportFormat } from '../export-format.js';
import { fieldIssue, jsonRootElements, jsonRootRecord, notAnObject, type ExportRecord } from '../export-record.js';
import { addExportTierTable } from '../export-tier-table.js';
import { readNumber, readText } from '../field-values.js';
import type { ImportSink } from '../import-sink.js';
import { firstObject, hasKeys } from '../json-shape.js';

function readSymbol(record: ExportRecord, sink: ImportSink): void {
  const ctx = sink.forAccount(undefined);
  const before = sink.issueCount;
  const symbol = readText(record, 'symbol', ctx, 'symbol');
  const brackets = record.elements('brackets');
  if (brackets === null) {
    const present = record.get('brackets') !== undefined;
    sink.addIssue(fieldIssue(record, 'brackets', present ? 'unsupported' : 'missing-value', present ? 'expected an array of brackets' : 'brackets are missing'));
    return;
  }
  const tiers: Tier[] = [];
  for (const bracket of brackets) {
    const problem = notAnObject(bracket);
    if (problem !== null) {
      sink.addIssue(problem);
      continue;
    }
    const floor = readNumber(bracket, 'notionalFloor', ctx, { required: 'notional floor', sign: 'non-negative' });
    const cap = readNumber(bracket, 'notionalCap', ctx, { required: 'notional cap', sign: 'positive' });
    const rate = readNumber(bracket, 'maintMarginRatio', ctx, { required: 'maintenance margin ratio', sign: 'non-negative' });
    const amount = readNumber(bracket, 'cum', ctx, { required: 'maintenance amount (cum)', sign: 'non-negative' });
    const leverage = readNumber(bracket, 'initialLeverage', ctx, { required: 'initial leverage', sign: 'positive' });
    if (floor === null || cap === null || rate === null || amount === null || leverage === null) continue;
    tiers.push({ floor, cap, maintenanceMarginRate: rate, maintenanceAmount: amount, maxLeverage: leverage, initialMarginRate: null, liquidationFeeRate: null });
  }
  if (symbol === null || sink.issueCount > before) return;
  const coefficient = readNumber(record, 'notionalCoef', ctx);
  if (coefficient !== null && coefficient !== 1) {
    sink.noteEach(record.file, 'brackets used as returned (notionalCoef is already applied by Binance)', `${symbol} (notionalCoef ${coefficient})`);
  }
  addExportTierTable(sink, {
    venue: 'binance-usdm',
    symbol,
    measure: 'notional',
    tiers,
    endpoint: 'GET /fapi/v1/leverageBracket',
    snapshotDate: '',
    record,
  });
}

export const binanceUsdmLeverageBracket: ExportFormat = {
  name: 'binance-usdm-leverage-bracket',
  family: 'binance-usdm',
  stage: 0,
  matchesJson: (root) => hasKeys(firstObject(root), 'symbol', 'brackets') || hasKeys(root, 'symbol', 'brackets'),
  matchesCsvHeader: () => false,
  read(doc, sink) {
    if (doc.kind !== 'json') {
      sink.addIssue({ code: 'unsupported', file: doc.file, line: 0, column: '', message: 'leverage brackets are read from the JSON response only' });
      return;
    }
    const single = jsonRootRecord(doc.file, doc.json);
    const records = single !== null ? [single] : (jsonRootElements(doc.file, doc.json) ?? []);
    for (const record of records) {
      const problem = notAnObject(record);
      if (problem === null) readSymbol(record, sink);
      else sink.addIssue(problem);
    }
  },
};
