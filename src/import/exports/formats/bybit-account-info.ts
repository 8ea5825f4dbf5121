// Bybit v5 `GET /v5/account/info`: the account's `marginMode` (`ISOLATED_MARGIN`,
// `REGULAR_MARGIN` = cross, `PORTFOLIO_MARGIN`), which decides the mode of every position in
// /v5/position/list (margin mode is an account property on the unified account).
// https://bybit-exchange.github.io/docs/v5/account/account-info

import type { BybitAccountMode } from '../export-context.js';
import type { ExportFormat } from '../export-format.js';
import { readChoice } from '../field-values.js';
import { memberAt } from '../json-shape.js';
import { bybitEnvelope, isBybitResponse, notABybitResponse } from './bybit-common.js';

const MARGIN_MODES: Readonly<Record<string, BybitAccountMode['mode']>> = {
  ISOLATED_MARGIN: 'ISOLATED_MARGIN',
  REGULAR_MARGIN: 'REGULAR_MARGIN',
  PORTFOLIO_MARGIN: 'PORTFOLIO_MARGIN',
};

export const bybitAccountInfo: ExportFormat = {
  name: 'bybit-account-info',
  family: 'bybit',
  stage: 0,
  matchesJson: (root) => isBybitResponse(root) && typeof memberAt(root, ['result', 'marginMode']) === 'string',
  matchesCsvHeader: () => false,
  read(doc, sink) {
    const envelope = bybitEnvelope(doc, sink);
    if (envelope === null) {
      notABybitResponse(doc, sink, 'GET /v5/account/info');
      return;
    }
    const mode = readChoice(envelope.result, 'marginMode', sink.forAccount(sink.accountOption), MARGIN_MODES, 'margin mode');
    if (mode !== null) sink.context.bybitAccountMode = { mode, record: envelope.result };
  },
};
