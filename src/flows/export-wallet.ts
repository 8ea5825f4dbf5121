// `--wallet AMOUNT` for a venue export: the amount goes to the export's one account, in the
// settlement asset of its positions, exactly as for the canonical positions CSV. Position-only
// exports (Bybit position list, OKX positions, Deribit positions, Binance positionRisk, CCXT)
// carry no wallet, and without this their accounts would be evaluated on zero collateral.

import type { Balance } from '../domain/balance.js';
import type { Issue } from '../domain/issue.js';
import type { Position } from '../domain/position.js';
import { FILE_ACCOUNT, POSITIONS_SETTLEMENT_ASSET } from '../import/index.js';

/**
 * `balances` with every wallet given without an account or asset placed: the account is the
 * export's only account (of its positions, else of its balances), the asset the settlement asset
 * of that account's positions (else `fallbackAsset`). An export of several accounts, or of
 * positions settled in several assets, cannot take one amount: an issue naming them, and the
 * wallet is dropped.
 */
export function placeExportWallet(
  balances: readonly Balance[],
  positions: readonly Position[],
  exportBalances: readonly Balance[],
  fallbackAsset: string,
  issues: Issue[],
): Balance[] {
  const unplaced = balances.filter((b) => b.account === FILE_ACCOUNT || b.asset === POSITIONS_SETTLEMENT_ASSET);
  if (unplaced.length === 0) return [...balances];
  const placed = balances.filter((b) => !unplaced.includes(b));
  const accounts = [...new Set([...positions.map((p) => p.account), ...exportBalances.map((b) => b.account)])];
  for (const balance of unplaced) {
    const where = { code: 'inconsistent' as const, file: balance.source.file, line: balance.source.line, column: '' };
    const account = balance.account === FILE_ACCOUNT ? (accounts.length === 1 ? accounts[0]! : null) : balance.account;
    if (account === null) {
      issues.push({
        ...where,
        message:
          accounts.length === 0
            ? 'the export holds no account to give the wallet to'
            : `the export holds ${accounts.length} accounts (${accounts.join(', ')}); give each one's collateral with --balances FILE (columns account,asset,amount)`,
        value: String(balance.amount),
      });
      continue;
    }
    const assets = [...new Set(positions.filter((p) => p.account === account).map((p) => p.settlementAsset))].sort();
    if (balance.asset === POSITIONS_SETTLEMENT_ASSET && assets.length > 1) {
      issues.push({
        ...where,
        message: `account "${account}" holds positions settled in ${assets.join(' and ')}; one wallet amount cannot be placed: give the balance of each asset with --balances FILE`,
        value: String(balance.amount),
        account,
      });
      continue;
    }
    const asset = balance.asset === POSITIONS_SETTLEMENT_ASSET ? (assets[0] ?? fallbackAsset) : balance.asset;
    placed.push({ ...balance, account, asset });
  }
  return placed;
}
