// Binance USDⓈ-M `GET /fapi/v3/account` (and v2, same fields): the cross wallet of each asset.
// https://developers.binance.com/docs/derivatives/usds-margined-futures/account/rest-api/Account-Information-V3
//
// Balance of an asset = `crossWalletBalance`: the cross wallet without unrealised PnL and without
// the isolated wallets (`walletBalance` includes those, which the isolated positions carry).
// Zero balances are skipped and counted. The `positions` array of this endpoint (no entry or mark
// price) is not read: positions come from positionRisk. Kept as the venue's own figures:
// `totalMarginBalance` and `totalMaintMargin` (USDT only in single-asset mode, a USD valuation in
// multi-assets mode, so their currency is left unnamed).

import { listRecords, rootRecord } from '../document-records.js';
import type { ExportFormat } from '../export-format.js';
import { readNumber, readText } from '../field-values.js';
import { hasKeys } from '../json-shape.js';

export const binanceUsdmAccount: ExportFormat = {
  name: 'binance-usdm-account',
  family: 'binance-usdm',
  stage: 0,
  matchesJson: (root) => hasKeys(root, 'assets') && (hasKeys(root, 'totalWalletBalance') || hasKeys(root, 'totalMarginBalance')),
  matchesCsvHeader: () => false,
  read(doc, sink) {
    const account = sink.account('main');
    const ctx = sink.forAccount(account);
    const root = rootRecord(doc, sink, 'the /fapi/v3/account response');
    if (root === null) return;
    for (const record of listRecords(doc, sink, ['assets'], 'assets')) {
      const before = sink.issueCount;
      const asset = readText(record, 'asset', ctx, 'asset');
      const amount = readNumber(record, 'crossWalletBalance', ctx, { required: 'cross wallet balance' });
      if (sink.issueCount > before || asset === null || amount === null) continue;
      if (amount === 0) sink.skip(record.file, 'zero balances');
      else sink.addBalance(record, account, asset.toUpperCase(), amount);
    }
    const equity = readNumber(root, 'totalMarginBalance', ctx);
    const maintenanceMargin = readNumber(root, 'totalMaintMargin', ctx, { sign: 'non-negative' });
    sink.addAccountFigures({
      account,
      equity,
      maintenanceMargin,
      marginRatio: equity !== null && maintenanceMargin !== null && equity > 0 ? maintenanceMargin / equity : null,
      asset: null,
      source: { file: root.file, line: root.line },
    });
  },
};
