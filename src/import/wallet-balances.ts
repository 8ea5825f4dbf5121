// `--wallet AMOUNT`: the cross-wallet collateral of a one-account book, as Balances. Unless told
// otherwise, the wallet belongs to the one account of the positions file (whatever it is named)
// and is held in that account's settlement asset; `readAccountBooks` resolves both when it
// builds the book, and reports a file with several accounts or settlement assets, where one
// amount cannot be placed.

import { parseDecimalCell } from '../csv/decimal-field.js';
import type { Balance } from '../domain/balance.js';
import type { Issue } from '../domain/issue.js';

/** File label of issues and balances that come from `--wallet`. */
export const WALLET_LABEL = '--wallet';

/** Account of a wallet given without one: the one account of the positions file. */
export const FILE_ACCOUNT = '';

/** Asset of a wallet given without one: the settlement asset of the account's positions. */
export const POSITIONS_SETTLEMENT_ASSET = '';

/**
 * The balances for `--wallet amount`. `account` undefined: the single account of the positions
 * file; `asset` undefined or null: the settlement asset of that account's positions.
 * Throws RangeError when `amount` is not a finite number >= 0 (validate user text with
 * `walletBalancesFromOption` instead).
 * Example: `walletBalances(25000)` → one Balance of 25000 in the file's account and asset.
 */
export function walletBalances(amount: number, account?: string, asset?: string | null): Balance[] {
  if (!(Number.isFinite(amount) && amount >= 0)) {
    throw new RangeError(`walletBalances: amount must be a finite number >= 0, got ${amount}`);
  }
  return [
    {
      account: account ?? FILE_ACCOUNT,
      asset: asset === undefined || asset === null ? POSITIONS_SETTLEMENT_ASSET : asset.trim().toUpperCase(),
      amount,
      priceQuote: null,
      haircut: null,
      source: { file: WALLET_LABEL, line: 0 },
    },
  ];
}

/**
 * `--wallet` as the user typed it: the balances, or one issue (file `--wallet`) when the text is
 * not a plain finite decimal >= 0.
 */
export function walletBalancesFromOption(
  value: string | number,
  account?: string,
  asset?: string | null,
): { balances: Balance[]; issues: Issue[] } {
  const text = typeof value === 'number' ? String(value) : value;
  const amount = typeof value === 'number' ? value : parseDecimalCell(value);
  if (!Number.isFinite(amount)) {
    return { balances: [], issues: [{ code: 'not-a-number', file: WALLET_LABEL, line: 0, column: '', message: 'expected an amount such as 25000', value: text }] };
  }
  if (amount < 0) {
    return { balances: [], issues: [{ code: 'negative', file: WALLET_LABEL, line: 0, column: '', message: 'the wallet amount may not be negative', value: text }] };
  }
  return { balances: walletBalances(amount, account, asset), issues: [] };
}
