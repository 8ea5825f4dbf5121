// balances.csv → Balances: the collateral of each account's cross wallet, one row per account
// and asset (contract §1: `account,asset,amount`, optional `price`, `haircut`).
//
// | column | required | aliases | rule |
// |---|---|---|---|
// | account | no (default `main`) | sub_account, account_id | identifier |
// | asset | yes | currency, coin, ccy | identifier, upper-cased (`usdt` = `USDT`) |
// | amount | yes | balance, wallet_balance | 0 or a magnitude in 1e-12 … 1e15; negative = a debt |
// | price | no | price_quote | 1e-12 … 1e12, quote per unit of the asset |
// | haircut | no | | fraction in [0, 1] (0.05: the asset counts at 95 %) |

import { decimalProblem, parseDecimalCell } from '../csv/decimal-field.js';
import type { Balance } from '../domain/balance.js';
import { AMOUNT_RANGE, amountInRange, inRange, outOfRangeMessage, PRICE_RANGE } from '../domain/input-ranges.js';
import type { Issue, IssueCode } from '../domain/issue.js';
import type { CsvReadOptions } from './csv-read-options.js';
import { detachedString } from './detached-string.js';
import type { ColumnIndex, ColumnSpec } from './header-columns.js';
import { identifierProblem } from './identifier-field.js';
import { IssueLog } from './issue-log.js';
import { DEFAULT_ACCOUNT } from './position-row-parser.js';
import { readCsvTable, type CsvTableRowHandler } from './read-csv-table.js';

type BalanceColumn = 'account' | 'asset' | 'amount' | 'price' | 'haircut';

export const BALANCE_COLUMNS: readonly ColumnSpec<BalanceColumn>[] = [
  { name: 'account', aliases: ['sub_account', 'account_id'], required: false },
  { name: 'asset', aliases: ['currency', 'coin', 'ccy'], required: true },
  { name: 'amount', aliases: ['balance', 'wallet_balance'], required: true },
  { name: 'price', aliases: ['price_quote'], required: false },
  { name: 'haircut', aliases: [], required: false },
];

class BalanceRows implements CsvTableRowHandler<BalanceColumn> {
  readonly balances: Balance[] = [];
  /** `account\0asset` → line of its row. */
  readonly #seen = new Map<string, number>();
  #line = 0;
  #account: string | undefined;
  #problems = 0;

  constructor(
    readonly fileLabel: string,
    readonly log: IssueLog,
  ) {}

  row(fields: readonly string[], ix: ColumnIndex<BalanceColumn>, line: number): void {
    this.#line = line;
    this.#account = undefined;
    this.#problems = 0;
    let account: string | undefined = DEFAULT_ACCOUNT;
    if (ix.account >= 0) {
      const cell = fields[ix.account]!;
      const text = cell.trim();
      if (text.length > 0) {
        const problem = identifierProblem(text);
        if (problem === null) account = detachedString(text);
        else {
          account = undefined;
          this.#problem('unsupported', 'account', `account ${problem}`, cell);
        }
      }
    }
    this.#account = account;
    const assetCell = fields[ix.asset]!;
    let asset = assetCell.trim().toUpperCase();
    if (asset.length === 0) this.#problem('missing-value', 'asset', 'required value is empty');
    else {
      const problem = identifierProblem(asset);
      if (problem !== null) {
        this.#problem('unsupported', 'asset', `asset ${problem}`, assetCell);
        asset = '';
      }
    }
    const amountCell = fields[ix.amount]!;
    const amount = parseDecimalCell(amountCell);
    if (amount !== amount) this.#numberProblem('amount', amountCell);
    else if (!amountInRange(amount)) this.#problem('out-of-range', 'amount', outOfRangeMessage(AMOUNT_RANGE, true), amountCell);
    let priceQuote: number | null = null;
    if (ix.price >= 0 && fields[ix.price]!.trim().length > 0) {
      const cell = fields[ix.price]!;
      priceQuote = parseDecimalCell(cell);
      if (priceQuote !== priceQuote) this.#numberProblem('price', cell);
      else if (priceQuote <= 0) this.#problem('not-positive', 'price', 'must be greater than zero', cell);
      else if (!inRange(priceQuote, PRICE_RANGE)) this.#problem('out-of-range', 'price', outOfRangeMessage(PRICE_RANGE), cell);
    }
    let haircut: number | null = null;
    if (ix.haircut >= 0 && fields[ix.haircut]!.trim().length > 0) {
      const cell = fields[ix.haircut]!;
      haircut = parseDecimalCell(cell);
      if (haircut !== haircut) this.#numberProblem('haircut', cell);
      else if (haircut < 0 || haircut > 1) this.#problem('out-of-range', 'haircut', 'haircut must be a fraction from 0 to 1 (0.05 counts the asset at 95 %)', cell);
    }
    if (account !== undefined && asset.length > 0) {
      const key = `${account}\u0000${asset}`;
      const earlier = this.#seen.get(key);
      if (earlier !== undefined) {
        this.#problem('duplicate-id', 'asset', `account "${account}" already has a balance of this asset on line ${earlier}; give one row per account and asset`, assetCell);
      } else {
        this.#seen.set(key, line);
      }
    }
    if (this.#problems > 0) return;
    this.balances.push({ account: account!, asset: detachedString(asset), amount, priceQuote, haircut, source: { file: this.fileLabel, line } });
  }

  #numberProblem(column: BalanceColumn, cell: string): void {
    const problem = decimalProblem(cell);
    if (problem.code === 'missing-value') this.#problem('missing-value', column, 'required value is empty');
    else this.#problem(problem.code, column, problem.message, cell);
  }

  #problem(code: IssueCode, column: BalanceColumn, message: string, value?: string): void {
    this.#problems++;
    const issue: Issue = { code, file: this.fileLabel, line: this.#line, column, message };
    const withValue = value === undefined ? issue : { ...issue, value };
    this.log.add(this.#account === undefined ? withValue : { ...withValue, account: this.#account });
  }
}

/**
 * Every good row of a balances CSV as a Balance, and one issue per problem (each on its row's
 * line, with the account when known so a caller may set aside only that account).
 */
export async function readBalancesCsv(
  chunks: AsyncIterable<string | Uint8Array>,
  fileLabel: string,
  options: CsvReadOptions = {},
): Promise<{ balances: Balance[]; issues: Issue[] }> {
  const issues: Issue[] = [];
  const log = new IssueLog(issues, options.maxIssues);
  const rows = new BalanceRows(fileLabel, log);
  await readCsvTable(chunks, fileLabel, options, BALANCE_COLUMNS, rows, log);
  log.close(fileLabel);
  return { balances: rows.balances, issues };
}
