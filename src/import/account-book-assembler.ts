// Groups the validated rows of a positions file into one AccountBook per account, with memory
// flat in the file size. While fewer than `maxBufferedPositions` positions are held, accounts
// are buffered, so a small file may list its accounts in any order. When the limit is reached,
// every buffered account but the one being read is closed and handed out, and from then on an
// account is closed as soon as a row of another account follows: its rows must be contiguous,
// and rows of a closed account are reported (once per account) instead of read.
//
// An account with any bad row is never handed out (nothing is evaluated on bad rows); its issues
// are. Accounts that appear only in the balances come out at the end, as empty books.
//
// Provisional books: while accounts may still come in any order, an account whose rows are
// followed by another account's may be complete, or may resume later. A caller that asks for them
// (`onProvisional`) is shown such an account's book at once, so it can start on it (the parallel
// evaluate flow has a worker render it while this thread reads on); when the account is closed
// with nothing added, the book handed out is that same object, so the caller knows its work on it
// holds; an account that resumed, or failed, comes out as a new object (or not at all).
//
// Parsed rows are settled a batch at a time, in file order (pending-position-rows.ts: their
// duplicate-id checks are made together); every entry point that can be observed (a CSV
// problem, `takeReady`, `finish`) settles the batch first.

import type { CsvRowSink } from '../csv/csv-row-reader.js';
import type { CsvRow } from '../csv/csv-row.js';
import type { AccountBook } from '../domain/account-book.js';
import type { Balance } from '../domain/balance.js';
import type { Issue } from '../domain/issue.js';
import type { Position } from '../domain/position.js';
import type { VenueName } from '../domain/venue-name.js';
import { resolveHeader } from './header-columns.js';
import type { IssueLog } from './issue-log.js';
import { PendingPositionRows, type SettledRow } from './pending-position-rows.js';
import { POSITION_COLUMNS } from './position-columns.js';
import { PositionRowParser } from './position-row-parser.js';
import { venueDefaultQuoteAsset } from './venue-facts.js';
import { FILE_ACCOUNT, POSITIONS_SETTLEMENT_ASSET, WALLET_LABEL } from './wallet-balances.js';

/** Default number of positions held before accounts must be contiguous. */
export const DEFAULT_MAX_BUFFERED_POSITIONS = 100_000;

interface AccountBookAssemblerOptions {
  readonly fileLabel: string;
  readonly defaultVenue: VenueName;
  readonly maxBufferedPositions: number;
  /** Whether a venue has maintenance tiers for a symbol; rows of symbols it lacks are Issues. */
  readonly knowsSymbol?: ((venue: VenueName, symbol: string) => boolean) | undefined;
  /**
   * Shown the provisional book of an account that another account's rows follow while accounts
   * may still come in any order (see the file header); called while the rows are read, the book's
   * positions valid during the call only.
   */
  readonly onProvisional?: ((book: AccountBook) => void) | undefined;
}

/** The rows of one account read so far. */
interface AccountBuffer {
  readonly account: string;
  positions: Position[];
  failed: boolean;
  lastLine: number;
  /**
   * The first position of each symbol, whose mark the others must repeat; built only once the
   * account holds more than SCAN_LIMIT positions (below that, scanning them is cheaper).
   */
  marks: Map<string, Position> | null;
  /** The book last shown to `onProvisional`, and how many positions it held then (null, 0: none). */
  provisional: AccountBook | null;
  provisionalPositions: number;
}

export class AccountBookAssembler implements CsvRowSink {
  readonly #options: AccountBookAssemblerOptions;
  readonly #log: IssueLog;
  #parser: PositionRowParser | null = null;
  readonly #pending: PendingPositionRows;
  /** `#settle` bound once, for the pending rows. */
  readonly #settleRow = (row: SettledRow): void => this.#settle(row);
  #dataRows = 0;
  /** Open accounts in order of first appearance. */
  readonly #buffered = new Map<string, AccountBuffer>();
  #bufferedPositions = 0;
  #contiguous = false;
  #currentAccount: string | undefined;
  #current: AccountBuffer | null = null;
  /** Closed accounts and the line of their last row. */
  readonly #closed = new Map<string, number>();
  readonly #resumeReported = new Set<string>();
  /** Balances of named accounts. */
  readonly #balances = new Map<string, Balance[]>();
  /** Balances for "the one account of the file" (`--wallet` without an account). */
  readonly #fileWallet: Balance[] = [];
  #fileWalletOwner: string | undefined;
  #fileWalletConflict = false;
  #ready: AccountBook[] = [];

  constructor(balances: readonly Balance[], options: AccountBookAssemblerOptions, log: IssueLog) {
    this.#options = options;
    this.#log = log;
    this.#pending = new PendingPositionRows(options.fileLabel);
    for (const balance of balances) {
      if (balance.account === FILE_ACCOUNT) {
        this.#fileWallet.push(balance);
        continue;
      }
      const list = this.#balances.get(balance.account);
      if (list === undefined) this.#balances.set(balance.account, [balance]);
      else list.push(balance);
    }
  }

  /** Whether the header was read and understood. */
  get headerAccepted(): boolean {
    return this.#parser !== null;
  }

  /** Data rows seen (good or bad). */
  get dataRows(): number {
    return this.#dataRows;
  }

  /** About `rows` data rows are coming in all: the duplicate-id table makes room for them once. */
  expectRows(rows: number): void {
    this.#pending.reserveIds(rows);
  }

  /** Books completed since the last call, in order. */
  takeReady(): readonly AccountBook[] {
    this.#pending.settleAll(this.#settleRow);
    if (this.#ready.length === 0) return EMPTY;
    const ready = this.#ready;
    this.#ready = [];
    return ready;
  }

  record(row: CsvRow, line: number): boolean {
    const parser = this.#parser;
    if (parser === null) return this.#header(row.cells(), line);
    this.#dataRows++;
    const position = parser.parse(row, line);
    const markColumn = parser.markColumn;
    this.#pending.add(
      position,
      parser.rowAccount,
      line,
      parser.takeRowIssues(),
      parser.rowIdHead,
      parser.rowIdTail,
      row.text,
      position === null ? 0 : row.starts[markColumn]!,
      position === null ? 0 : row.ends[markColumn]!,
    );
    if (this.#pending.full) this.#pending.settleAll(this.#settleRow);
    return true;
  }

  /** A parsed row, its id checked, in file order: log its issues and add its position to its account. */
  #settle(row: SettledRow): void {
    const { position, account, line, issues } = row;
    if (issues !== null) for (const issue of issues) this.#log.add(issue);
    if (account === undefined) return;
    const buffer = account === this.#currentAccount ? this.#current : this.#switchTo(account, line);
    if (buffer === null) return;
    buffer.lastLine = line;
    if (position === null) {
      this.#fail(buffer);
      return;
    }
    if (buffer.failed) return;
    const seen = firstOfSymbol(buffer, position);
    if (seen !== undefined && seen.markPrice !== position.markPrice) {
      this.#log.add({
        code: 'inconsistent',
        file: this.#options.fileLabel,
        line,
        column: 'mark_price',
        message: `mark price differs from line ${seen.source.line} (${seen.markPrice}) for the same symbol in this account; give one mark per symbol`,
        value: row.markCell(),
        account,
      });
      this.#fail(buffer);
      return;
    }
    buffer.positions.push(position);
    this.#bufferedPositions++;
    if (!this.#contiguous && this.#bufferedPositions >= this.#options.maxBufferedPositions) this.#becomeContiguous();
  }

  problem(issue: Issue, leadingFields: readonly string[]): void {
    this.#pending.settleAll(this.#settleRow);
    const account = this.#parser === null ? undefined : this.#parser.accountOfFields(leadingFields);
    if (account === undefined) {
      this.#log.add(issue);
      return;
    }
    this.#dataRows++;
    this.#log.add({ ...issue, account });
    const buffer = account === this.#currentAccount ? this.#current : this.#switchTo(account, issue.line);
    if (buffer !== null) {
      buffer.lastLine = issue.line;
      this.#fail(buffer);
    }
  }

  /** End of a file read to the end: close every open account, then the balance-only ones. */
  finish(): void {
    this.#pending.settleAll(this.#settleRow);
    if (this.#parser === null || this.#dataRows === 0) return;
    for (const buffer of [...this.#buffered.values()]) this.#close(buffer);
    this.#current = null;
    this.#currentAccount = undefined;
    for (const [account, balances] of this.#balances) {
      if (this.#closed.has(account)) continue;
      const book = this.#book(account, [], balances);
      if (book !== null) this.#ready.push(book);
    }
  }

  #header(fields: string[], line: number): boolean {
    const { index, issues } = resolveHeader(fields, POSITION_COLUMNS, this.#options.fileLabel, line);
    for (const issue of issues) this.#log.add(issue);
    if (issues.length > 0) return false;
    this.#parser = new PositionRowParser(index, fields.length, this.#options.fileLabel, this.#options.defaultVenue, this.#options.knowsSymbol);
    return true;
  }

  /** The buffer of `account`, whose row on `line` follows a row of another account. */
  #switchTo(account: string, line: number): AccountBuffer | null {
    if (this.#contiguous && this.#current !== null) this.#close(this.#current);
    else if (this.#current !== null && this.#options.onProvisional !== undefined) this.#showProvisional(this.#current, this.#options.onProvisional);
    this.#currentAccount = account;
    this.#current = null;
    const closedAt = this.#closed.get(account);
    if (closedAt !== undefined) {
      if (!this.#resumeReported.has(account)) {
        this.#resumeReported.add(account);
        this.#log.add({
          code: 'inconsistent',
          file: this.#options.fileLabel,
          line,
          column: 'account',
          message:
            `rows of this account resume here after it was closed at line ${closedAt}; a file of more than ` +
            `${this.#options.maxBufferedPositions} positions must keep each account's rows together: sort or group the rows by account`,
          value: account,
          account,
        });
      }
      return null;
    }
    let buffer = this.#buffered.get(account);
    if (buffer === undefined) {
      buffer = { account, positions: [], failed: false, lastLine: line, marks: null, provisional: null, provisionalPositions: 0 };
      this.#buffered.set(account, buffer);
      this.#claimFileWallet(account);
    }
    this.#current = buffer;
    return buffer;
  }

  /**
   * Shows `onProvisional` the book `buffer` would close with now (the account's rows are followed
   * by another account's), unless it failed, holds no position or none since it was last shown,
   * or its balances would need placing in its positions' asset (#book; a file wallet, a wallet
   * without an asset): those are never provisional.
   */
  #showProvisional(buffer: AccountBuffer, onProvisional: (book: AccountBook) => void): void {
    if (buffer.failed || buffer.positions.length === 0 || buffer.positions.length === buffer.provisionalPositions) return;
    if (this.#fileWallet.length > 0) return;
    const balances = this.#balances.get(buffer.account) ?? EMPTY_BALANCES;
    if (balances.some((b) => b.asset === POSITIONS_SETTLEMENT_ASSET)) return;
    const book: AccountBook = { account: buffer.account, positions: buffer.positions, balances };
    buffer.provisional = book;
    buffer.provisionalPositions = buffer.positions.length;
    onProvisional(book);
  }

  /** A wallet given for "the file's one account" goes to the first account; a second one is an issue. */
  #claimFileWallet(account: string): void {
    if (this.#fileWallet.length === 0) return;
    if (this.#fileWalletOwner === undefined) {
      this.#fileWalletOwner = account;
      return;
    }
    if (this.#fileWalletConflict) return;
    this.#fileWalletConflict = true;
    const source = this.#fileWallet[0]!.source;
    this.#log.add({
      code: 'inconsistent',
      file: source.file,
      line: source.line,
      column: '',
      message:
        `${WALLET_LABEL} is the collateral of one account, but ${this.#options.fileLabel} holds several ` +
        `("${this.#fileWalletOwner}", "${account}", …); give each account's collateral with --balances`,
    });
  }

  #becomeContiguous(): void {
    this.#contiguous = true;
    for (const buffer of [...this.#buffered.values()]) if (buffer !== this.#current) this.#close(buffer);
  }

  #fail(buffer: AccountBuffer): void {
    if (buffer.failed) return;
    buffer.failed = true;
    this.#bufferedPositions -= buffer.positions.length;
    buffer.positions = [];
    buffer.marks = null;
  }

  #close(buffer: AccountBuffer): void {
    this.#buffered.delete(buffer.account);
    this.#bufferedPositions -= buffer.positions.length;
    this.#closed.set(buffer.account, buffer.lastLine);
    if (buffer.failed) return;
    // With a one-account wallet and several accounts, no account's collateral is known.
    if (this.#fileWalletConflict) return;
    // The book shown provisionally, when nothing was added since: the same object (the same
    // account, positions array and balances as #book would give here).
    if (buffer.provisional !== null && buffer.provisional.positions === buffer.positions && buffer.provisionalPositions === buffer.positions.length) {
      this.#ready.push(buffer.provisional);
      return;
    }
    let balances = this.#balances.get(buffer.account) ?? EMPTY_BALANCES;
    if (this.#fileWallet.length > 0 && this.#fileWalletOwner === buffer.account) {
      balances = balances.concat(this.#fileWallet.map((b) => ({ ...b, account: buffer.account })));
    }
    const book = this.#book(buffer.account, buffer.positions, balances);
    if (book !== null) this.#ready.push(book);
  }

  /**
   * The book of `account`, with balances given without an asset placed in the settlement asset
   * of its positions (the default venue's quote for an account without positions); null, after
   * an issue, when the positions settle in several assets and such a balance cannot be placed.
   */
  #book(account: string, positions: Position[], balances: readonly Balance[]): AccountBook | null {
    if (!balances.some((b) => b.asset === POSITIONS_SETTLEMENT_ASSET)) return { account, positions, balances };
    const assets = new Set<string>();
    for (const position of positions) assets.add(position.settlementAsset);
    if (assets.size > 1) {
      const balance = balances.find((b) => b.asset === POSITIONS_SETTLEMENT_ASSET)!;
      this.#log.add({
        code: 'inconsistent',
        file: balance.source.file,
        line: balance.source.line,
        column: '',
        message:
          `account "${account}" holds positions settled in ${[...assets].sort().join(' and ')}; a wallet amount without an ` +
          'asset cannot be placed: give the balance of each asset with --balances',
        account,
      });
      return null;
    }
    const asset = assets.size === 1 ? [...assets][0]! : venueDefaultQuoteAsset(this.#options.defaultVenue);
    const placed = balances.map((b) => (b.asset === POSITIONS_SETTLEMENT_ASSET ? { ...b, account, asset } : b));
    return { account, positions, balances: placed };
  }
}

/** Positions an account holds before its symbols are indexed in a Map. */
const SCAN_LIMIT = 16;

/**
 * The account's first position in the symbol of `position` (about to be added), recording
 * `position` as the first when there is none. Symbol strings are shared per symbol by the
 * parser, so comparisons and hashes are cheap.
 */
function firstOfSymbol(buffer: AccountBuffer, position: Position): Position | undefined {
  const symbol = position.symbol;
  let marks = buffer.marks;
  if (marks === null) {
    const positions = buffer.positions;
    for (let k = 0; k < positions.length; k++) if (positions[k]!.symbol === symbol) return positions[k];
    if (positions.length < SCAN_LIMIT) return undefined;
    marks = new Map<string, Position>();
    for (let k = positions.length - 1; k >= 0; k--) marks.set(positions[k]!.symbol, positions[k]!);
    buffer.marks = marks;
  }
  const seen = marks.get(symbol);
  if (seen === undefined) marks.set(symbol, position);
  return seen;
}

const EMPTY: readonly AccountBook[] = [];
const EMPTY_BALANCES: readonly Balance[] = [];
