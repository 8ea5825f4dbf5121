// OKX v5 `GET /api/v5/public/instruments` (SWAP or FUTURES): each instrument's contract value
// (`ctVal * ctMult`) and kind (`ctType` linear / inverse), which OKX positions need because
// their `pos` counts contracts. Read before the positions.
// https://www.okx.com/docs-v5/en/#public-data-rest-api-get-instruments

import type { InstrumentKind } from '../../../domain/position.js';
import { listRecords } from '../document-records.js';
import type { ExportFormat } from '../export-format.js';
import { readChoice, readNumber, readText } from '../field-values.js';
import { firstObject, hasKeys, headerHas, memberAt } from '../json-shape.js';
import { isOkxResponse, okxResponseOk } from './okx-common.js';

const CONTRACT_TYPES: Readonly<Record<string, InstrumentKind>> = { linear: 'linear', inverse: 'inverse' };

export const okxInstruments: ExportFormat = {
  name: 'okx-instruments',
  family: 'okx',
  stage: 0,
  matchesJson: (root) => {
    const first = firstObject(isOkxResponse(root) ? memberAt(root, ['data']) : root);
    return hasKeys(first, 'instId', 'ctVal') && !hasKeys(first, 'pos');
  },
  matchesCsvHeader: (header) => headerHas(header, 'instId', 'ctVal') && !headerHas(header, 'pos'),
  read(doc, sink) {
    if (!okxResponseOk(doc, sink)) return;
    const ctx = sink.forAccount(undefined);
    for (const record of listRecords(doc, sink, ['data'], 'instruments')) {
      const instId = readText(record, 'instId', ctx, 'instrument id');
      const value = readNumber(record, 'ctVal', ctx, { sign: 'positive' });
      const multiplier = readNumber(record, 'ctMult', ctx, { sign: 'positive' }) ?? 1;
      const instrument = readChoice(record, 'ctType', ctx, CONTRACT_TYPES);
      // Spot and margin instruments have an empty ctVal: nothing to record for them.
      if (instId === null || value === null) continue;
      sink.context.okxContracts.set(instId.toUpperCase(), {
        contractValue: value * multiplier,
        instrument,
        source: `${record.file} line ${record.line}`,
      });
    }
  },
};
