// What the OKX v5 formats share: the REST envelope (`code`, `data`, `msg`), and the contract value
// of an instrument when no /api/v5/public/instruments file came with the positions: a short table
// of the biggest swaps, with its source.

import type { InstrumentKind } from '../../../domain/position.js';
import { rootRecord } from '../document-records.js';
import type { ExportDocument } from '../export-document.js';
import { fieldIssue } from '../export-record.js';
import { readText } from '../field-values.js';
import type { ImportSink } from '../import-sink.js';
import { memberAt } from '../json-shape.js';

/** Whether a parsed JSON document is an OKX v5 REST response (`code` and a `data` array). */
export function isOkxResponse(root: unknown): boolean {
  return memberAt(root, ['code']) !== undefined && Array.isArray(memberAt(root, ['data']));
}

/**
 * False, with an issue, when `doc` is an OKX error response (`code` other than "0"); true for
 * successful responses, bare `data` arrays and CSV documents.
 */
export function okxResponseOk(doc: ExportDocument, sink: ImportSink): boolean {
  if (doc.kind !== 'json' || !isOkxResponse(doc.json.value)) return true;
  const root = rootRecord(doc, sink, 'an OKX v5 response');
  if (root === null) return false;
  const ctx = sink.forAccount(sink.accountOption);
  const code = readText(root, 'code', ctx);
  if (code !== null && code !== '0') {
    const message = readText(root, 'msg', ctx) ?? '';
    sink.addIssue(fieldIssue(root, 'code', 'unsupported', `the saved response is an OKX error${message === '' ? '' : `: ${message}`}`, code));
    return false;
  }
  return true;
}

interface KnownOkxContract {
  /** `ctVal * ctMult`: base units per contract (linear), USD per contract (inverse). */
  readonly contractValue: number;
  readonly instrument: InstrumentKind;
}

/**
 * Contract values of the biggest OKX swaps, used when the positions come without an instruments
 * file. Source: OKX `GET /api/v5/public/instruments?instType=SWAP` (`ctVal`, `ctMult` 1,
 * `ctType`) as stored in ccxt/ccxt `ts/src/test/static/markets/okx.json` (commit 3802e1a2);
 * ETH-USD-SWAP (10 USD) from the same endpoint. OKX changes contract values rarely and announces
 * it; pass the instruments file for anything else, or to be sure.
 */
const KNOWN_OKX_CONTRACTS: Readonly<Record<string, KnownOkxContract>> = {
  'BTC-USDT-SWAP': { contractValue: 0.01, instrument: 'linear' },
  'ETH-USDT-SWAP': { contractValue: 0.1, instrument: 'linear' },
  'LTC-USDT-SWAP': { contractValue: 1, instrument: 'linear' },
  'XRP-USDT-SWAP': { contractValue: 100, instrument: 'linear' },
  'ADA-USDT-SWAP': { contractValue: 100, instrument: 'linear' },
  'DOGE-USDT-SWAP': { contractValue: 1000, instrument: 'linear' },
  'TRX-USDT-SWAP': { contractValue: 1000, instrument: 'linear' },
  'SOL-USDT-SWAP': { contractValue: 1, instrument: 'linear' },
  'BTC-USD-SWAP': { contractValue: 100, instrument: 'inverse' },
  'ETH-USD-SWAP': { contractValue: 10, instrument: 'inverse' },
};

/** `BASE-QUOTE-SWAP` or a dated future `BASE-QUOTE-YYMMDD`. */
const OKX_CONTRACT_ID = /^([A-Z0-9]+)-([A-Z]+)-(SWAP|\d{6})$/;

/**
 * The contract value of `instId` when no instruments file says: the table above; a dated future
 * takes its swap's value (`ETH-USDT-240927` as `ETH-USDT-SWAP`), as OKX lists futures and swaps of
 * an underlying with one contract value; and every USD-quoted (inverse, coin-margined) swap or
 * future is 100 USD a contract for BTC and 10 USD for any other coin (OKX's inverse contract
 * specification; BTC-USD-SWAP 100 and ETH-USD-SWAP 10 in the table above agree). Undefined otherwise.
 */
export function knownOkxContract(instId: string): KnownOkxContract | undefined {
  const key = instId.trim().toUpperCase();
  const exact = KNOWN_OKX_CONTRACTS[key];
  if (exact !== undefined) return exact;
  const parts = OKX_CONTRACT_ID.exec(key);
  if (parts === null) return undefined;
  const [, base, quote] = parts;
  const swap = KNOWN_OKX_CONTRACTS[`${base}-${quote}-SWAP`];
  if (swap !== undefined) return swap;
  if (quote === 'USD') return { contractValue: base === 'BTC' ? 100 : 10, instrument: 'inverse' };
  return undefined;
}
