// dYdX v4 indexer `GET /v4/perpetualMarkets` (`{"markets": {"ETH-USD": {…, "oraclePrice": …}}}`):
// the oracle price of each market, the price dYdX margins and liquidates by, used as the mark of
// the positions read with it. Read before the positions.
// https://docs.dydx.exchange/api_integration-indexer/indexer_api

import { rootRecord } from '../document-records.js';
import type { ExportFormat } from '../export-format.js';
import { fieldIssue, isPlainObject } from '../export-record.js';
import { readNumber } from '../field-values.js';
import { hasKeys, memberAt } from '../json-shape.js';

export const dydxPerpetualMarkets: ExportFormat = {
  name: 'dydx-perpetual-markets',
  family: 'dydx',
  stage: 0,
  matchesJson: (root) => {
    const markets = memberAt(root, ['markets']);
    if (!isPlainObject(markets)) return false;
    const first = Object.values(markets)[0];
    return first === undefined || hasKeys(first, 'oraclePrice');
  },
  matchesCsvHeader: () => false,
  read(doc, sink) {
    const root = rootRecord(doc, sink, 'the /v4/perpetualMarkets response');
    if (root === null) return;
    const markets = root.child('markets');
    if (markets === null) {
      sink.addIssue(fieldIssue(root, 'markets', 'missing-value', 'markets are missing'));
      return;
    }
    const ctx = sink.forAccount(undefined);
    for (const ticker of markets.fields()) {
      const market = markets.child(ticker);
      if (market === null) {
        sink.addIssue(fieldIssue(markets, ticker, 'unsupported', 'expected a market object', markets.shown(ticker)));
        continue;
      }
      const price = readNumber(market, 'oraclePrice', ctx, { required: 'oracle price', sign: 'positive' });
      if (price !== null) sink.context.dydxOraclePrices.set(ticker.toUpperCase(), price);
    }
  },
};
