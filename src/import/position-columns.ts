// The columns of positions.csv (contract §1) and the header spellings accepted for each. Aliases
// are the names venue exports and CCXT use for the same quantity, so a lightly edited export
// reads as is (header matching ignores case, `_`, `-`, `.` and spaces: `positionAmt` is
// `position_amt`).

import type { ColumnSpec } from './header-columns.js';

export type PositionColumn =
  | 'account'
  | 'position_id'
  | 'symbol'
  | 'side'
  | 'size'
  | 'entry_price'
  | 'mark_price'
  | 'margin_mode'
  | 'isolated_margin'
  | 'leverage'
  | 'instrument'
  | 'contract_size'
  | 'venue'
  | 'settlement_asset';

/**
 * | column | aliases |
 * |---|---|
 * | account | sub_account, account_id |
 * | position_id | id, pos_id |
 * | symbol | ticker, market, pair, coin (Hyperliquid) |
 * | side | direction, position_side (Binance `positionSide`; BOTH means: from the size's sign) |
 * | size | qty, quantity, position_amt (Binance `positionAmt`), position_size, contracts (CCXT) |
 * | entry_price | entry, avg_entry_price, average_entry_price, avg_price, entry_px (Hyperliquid) |
 * | mark_price | mark, mark_px |
 * | margin_mode | margin_type (Binance `marginType`), mgn_mode (OKX `mgnMode`) |
 * | isolated_margin | isolated_wallet (Binance `isolatedWallet`), position_margin |
 * | leverage | lev |
 * | instrument | contract_type, instrument_kind |
 * | contract_size | contract_value, ct_val (OKX `ctVal`), multiplier |
 * | venue | exchange, profile |
 * | settlement_asset | settle, settle_asset, settle_ccy (OKX `settleCcy`), margin_asset (Binance `marginAsset`) |
 * `side` is not required: without it (or with an empty cell) the sign of `size` gives the side.
 */
export const POSITION_COLUMNS: readonly ColumnSpec<PositionColumn>[] = [
  { name: 'account', aliases: ['sub_account', 'account_id'], required: false },
  { name: 'position_id', aliases: ['id', 'pos_id'], required: false },
  { name: 'symbol', aliases: ['ticker', 'market', 'pair', 'coin'], required: true },
  { name: 'side', aliases: ['direction', 'position_side'], required: false },
  { name: 'size', aliases: ['qty', 'quantity', 'position_amt', 'position_size', 'contracts'], required: true },
  { name: 'entry_price', aliases: ['entry', 'avg_entry_price', 'average_entry_price', 'avg_price', 'entry_px'], required: true },
  { name: 'mark_price', aliases: ['mark', 'mark_px'], required: true },
  { name: 'margin_mode', aliases: ['margin_type', 'mgn_mode'], required: false },
  { name: 'isolated_margin', aliases: ['isolated_wallet', 'position_margin'], required: false },
  { name: 'leverage', aliases: ['lev'], required: false },
  { name: 'instrument', aliases: ['contract_type', 'instrument_kind'], required: false },
  { name: 'contract_size', aliases: ['contract_value', 'ct_val', 'multiplier'], required: false },
  { name: 'venue', aliases: ['exchange', 'profile'], required: false },
  { name: 'settlement_asset', aliases: ['settle', 'settle_asset', 'settle_ccy', 'margin_asset'], required: false },
];
