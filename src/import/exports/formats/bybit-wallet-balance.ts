// Bybit v5 `GET /v5/account/wallet-balance`: each coin's wallet → balances.
// https://bybit-exchange.github.io/docs/v5/account/wallet-balance
//
// Balance of a coin = `walletBalance` (without unrealised PnL). On Bybit the margin posted to an
// isolated position stays inside the coin's wallet, so the `positionBalance` of the isolated
// positions read in the same import (same account and settlement coin) is taken out, leaving the
// collateral that is not posted to any position; a note says so. This errs on the safe side: if
// a wallet did not include that margin, collateral is understated, never counted twice.
// Zero balances are skipped and counted. Kept as the venue's own figures (first account of the
// list, USD): `totalMarginBalance`, `totalMaintenanceMargin`, `accountMMRate`.

import { compensatedSum } from '../../../domain/compensated-sum.js';
import { listRecords } from '../document-records.js';
import type { ExportFormat } from '../export-format.js';
import { fieldIssue } from '../export-record.js';
import { readNumber, readText } from '../field-values.js';
import { firstObject, hasKeys, memberAt } from '../json-shape.js';
import { bybitEnvelope, isBybitResponse, notABybitResponse } from './bybit-common.js';

export const bybitWalletBalance: ExportFormat = {
  name: 'bybit-wallet-balance',
  family: 'bybit',
  stage: 2,
  matchesJson: (root) => isBybitResponse(root) && hasKeys(firstObject(memberAt(root, ['result', 'list'])), 'coin'),
  matchesCsvHeader: () => false,
  read(doc, sink) {
    const envelope = bybitEnvelope(doc, sink);
    if (envelope === null) {
      notABybitResponse(doc, sink, 'GET /v5/account/wallet-balance');
      return;
    }
    const account = sink.account('main');
    const ctx = sink.forAccount(account);
    let first = true;
    for (const wallet of listRecords(doc, sink, ['result', 'list'], 'wallets')) {
      if (first) {
        first = false;
        const equity = readNumber(wallet, 'totalMarginBalance', ctx);
        const maintenanceMargin = readNumber(wallet, 'totalMaintenanceMargin', ctx, { sign: 'non-negative' });
        const marginRatio = readNumber(wallet, 'accountMMRate', ctx, { sign: 'non-negative' });
        sink.addAccountFigures({ account, equity, maintenanceMargin, marginRatio, asset: 'USD', source: { file: wallet.file, line: wallet.line } });
      }
      const coins = wallet.elements('coin');
      if (coins === null) {
        sink.addIssue(fieldIssue(wallet, 'coin', 'missing-value', 'coin list is missing', undefined, account));
        continue;
      }
      for (const coin of coins) {
        const before = sink.issueCount;
        const asset = readText(coin, 'coin', ctx, 'coin');
        const walletBalance = readNumber(coin, 'walletBalance', ctx, { required: 'wallet balance' });
        if (sink.issueCount > before || asset === null || walletBalance === null) continue;
        const posted = compensatedSum(
          sink.positions.filter((p) => p.account === account && p.marginMode === 'isolated' && p.settlementAsset === asset.toUpperCase()).map((p) => p.isolatedMargin ?? 0),
        );
        const amount = walletBalance - posted;
        if (posted > 0) {
          sink.note(`${coin.file}: ${asset} wallet ${walletBalance} less ${posted} posted to isolated positions = ${amount} cross collateral`);
          if (amount < 0) {
            sink.addIssue(fieldIssue(coin, 'walletBalance', 'inconsistent', `wallet balance is below the ${posted} ${asset} posted to isolated positions`, coin.shown('walletBalance'), account));
            continue;
          }
        }
        if (amount === 0) sink.skip(coin.file, 'zero balances');
        else sink.addBalance(coin, account, asset.toUpperCase(), amount);
      }
    }
  },
};
