// Deribit `private/get_positions` (the JSON-RPC response, or its bare `result` array), futures
// and perpetuals → venue `deribit`.
// https://docs.deribit.com/#private-get_positions
//
// Units: JSON numbers. Inverse instruments (`BTC-PERPETUAL`, `ETH-PERPETUAL`, `BTC-27DEC24`,
// settled in the coin): `size` is in USD, so contracts = |size| / contract size, with contracts
// of 10 USD for BTC and 1 USD for ETH (Deribit's `contract_size`; other coins are an issue).
// Linear instruments (`BTC_USDC-PERPETUAL`, settled in USDC): amounts are in the base coin, and
// the size is `size_currency` (the position in base currency; `size` when absent).
// `direction` buy / sell (zero: skipped, counted); a negative `size` must be a sell.
// Deribit margins standard accounts across all positions of a currency: every position is cross.
// Options and combos are not modelled: an issue.
// Kept as the venue's own figures: `estimated_liquidation_price` (only given under the
// segregated standard margin model), `maintenance_margin`, `floating_profit_loss` (settlement asset).

import type { Side } from '../../../domain/position.js';
import { symbolAssets } from '../../../domain/symbol-assets.js';
import { venueProfile } from '../../../venues/registry.js';
import { listRecords } from '../document-records.js';
import type { ExportFormat } from '../export-format.js';
import { fieldIssue, type ExportRecord } from '../export-record.js';
import { readChoice, readNumber, readText } from '../field-values.js';
import type { ImportSink } from '../import-sink.js';
import { firstObject, hasKeys, headerHas, memberAt } from '../json-shape.js';

/** USD per contract of Deribit's inverse futures and perpetuals, by coin (`contract_size` of public/get_instruments). */
const DERIBIT_INVERSE_CONTRACT_USD: Readonly<Record<string, number>> = { BTC: 10, ETH: 1 };

const DIRECTIONS: Readonly<Record<string, Side | 'zero'>> = { buy: 'long', sell: 'short', zero: 'zero' };

/** Dated future: `BTC-27DEC24` (inverse) or `BTC_USDC-27DEC24`. */
const DATED = /^([A-Z0-9]+)(?:_([A-Z]+))?-\d{1,2}[A-Z]{3}\d{2}$/;

function deribitAssets(name: string): { inverse: boolean; assets: ReturnType<typeof symbolAssets> } {
  const upper = name.toUpperCase();
  const dated = DATED.exec(upper);
  if (dated !== null) {
    const quote = dated[2];
    return quote === undefined
      ? { inverse: true, assets: { baseAsset: dated[1]!, quoteAsset: 'USD', settlementAsset: dated[1]! } }
      : { inverse: false, assets: { baseAsset: dated[1]!, quoteAsset: quote, settlementAsset: quote } };
  }
  const linear = symbolAssets(upper, 'linear', 'USD');
  const inverse = linear.quoteAsset === 'USD';
  return { inverse, assets: inverse ? symbolAssets(upper, 'inverse', 'USD') : linear };
}

function readPosition(record: ExportRecord, sink: ImportSink): void {
  const account = sink.account('main');
  const ctx = sink.forAccount(account);
  const before = sink.issueCount;
  const name = readText(record, 'instrument_name', ctx, 'instrument name');
  const size = readNumber(record, 'size', ctx, { required: 'size' });
  const direction = readChoice(record, 'direction', ctx, DIRECTIONS, 'direction');
  if (name === null || size === null || direction === null) return;
  if (size === 0 || direction === 'zero') {
    sink.skip(record.file, 'zero-size positions');
    return;
  }
  const kind = readText(record, 'kind', ctx);
  if (kind !== null && kind.toLowerCase() !== 'future') {
    ctx.addIssue(fieldIssue(record, 'kind', 'unsupported', `${kind} positions are not modelled; only futures and perpetuals`, kind, account));
    return;
  }
  const sizeInCoin = readNumber(record, 'size_currency', ctx);
  const entryPrice = readNumber(record, 'average_price', ctx, { required: 'entry price (average_price)', sign: 'positive' });
  const markPrice = readNumber(record, 'mark_price', ctx, { required: 'mark price', sign: 'positive' });
  const leverage = readNumber(record, 'leverage', ctx, { sign: 'positive' });
  const liquidationPrice = readNumber(record, 'estimated_liquidation_price', ctx, { sign: 'non-negative' });
  const maintenanceMargin = readNumber(record, 'maintenance_margin', ctx, { sign: 'non-negative' });
  const unrealizedPnl = readNumber(record, 'floating_profit_loss', ctx);
  if (sink.issueCount > before || entryPrice === null || markPrice === null) return;
  if (size < 0 && direction === 'long') {
    ctx.addIssue(fieldIssue(record, 'size', 'inconsistent', 'direction is buy but size is negative', record.shown('size'), account));
    return;
  }
  const { inverse, assets } = deribitAssets(name);
  let positionSize: number;
  let contractSize = 1;
  if (inverse) {
    const perContract = venueProfile('deribit').defaultContractSize(name) ?? DERIBIT_INVERSE_CONTRACT_USD[assets.baseAsset];
    if (perContract === undefined) {
      ctx.addIssue(fieldIssue(record, 'size', 'missing-value', `size in USD without a contract size: Deribit's contract size of ${name} is not known`, record.shown('size'), account));
      return;
    }
    positionSize = Math.abs(size) / perContract;
    contractSize = perContract;
  } else if (sizeInCoin !== null) {
    positionSize = Math.abs(sizeInCoin);
  } else {
    positionSize = Math.abs(size);
    sink.note(`${record.file}: no size_currency: the size of linear ${name} taken from size, in ${assets.baseAsset}`);
  }
  sink.addPosition(
    record,
    {
      account,
      symbol: name,
      side: direction,
      size: positionSize,
      entryPrice,
      markPrice,
      marginMode: 'cross',
      isolatedMargin: null,
      leverage,
      instrument: inverse ? 'inverse' : 'linear',
      contractSize,
      venue: 'deribit',
      assets,
    },
    { liquidationPrice, maintenanceMargin, marginRatio: null, unrealizedPnl },
  );
}

export const deribitPositions: ExportFormat = {
  name: 'deribit-positions',
  family: 'deribit',
  stage: 1,
  matchesJson: (root) => {
    const list = memberAt(root, ['result']) ?? root;
    const first = firstObject(list);
    return hasKeys(first, 'instrument_name', 'direction') || (memberAt(root, ['jsonrpc']) !== undefined && Array.isArray(list) && list.length === 0);
  },
  matchesCsvHeader: (header) => headerHas(header, 'instrument_name', 'direction', 'size'),
  read(doc, sink) {
    for (const record of listRecords(doc, sink, ['result'], 'positions')) readPosition(record, sink);
  },
};
