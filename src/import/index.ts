// The import layer's public surface: canonical CSV files (positions, balances, tiers) and the
// `--wallet` shortcut → domain values plus Issues. The core never opens files: callers pass the
// file's content as chunks (what `fs.createReadStream` yields) and a label used in messages.

export type { CsvDelimiter } from '../csv/detect-delimiter.js';
export type { CsvReadOptions } from './csv-read-options.js';
export { readAccountBooks, type PositionReadOptions } from './read-account-books.js';
export { DEFAULT_MAX_BUFFERED_POSITIONS } from './account-book-assembler.js';
export { readBalancesCsv, BALANCE_COLUMNS } from './read-balances-csv.js';
export { readTiersCsv, TIER_COLUMNS } from './read-tiers-csv.js';
export { POSITION_COLUMNS } from './position-columns.js';
export { DEFAULT_ACCOUNT } from './position-row-parser.js';
export { walletBalances, walletBalancesFromOption, WALLET_LABEL, FILE_ACCOUNT, POSITIONS_SETTLEMENT_ASSET } from './wallet-balances.js';
export { missingFileIssue, emptyFileIssue, headerOnlyIssue } from './file-issues.js';
export { DEFAULT_MAX_ISSUES } from './issue-log.js';
