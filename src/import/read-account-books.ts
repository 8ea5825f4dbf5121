// Streams a positions file into AccountBooks: chunks → text → records → validated positions →
// one book per account, handed out as soon as it is complete (see account-book-assembler.ts for
// the buffering rule). The file is never held whole in memory.

import { CsvRowReader } from '../csv/csv-row-reader.js';
import type { AccountBook } from '../domain/account-book.js';
import type { Balance } from '../domain/balance.js';
import type { Issue } from '../domain/issue.js';
import type { VenueName } from '../domain/venue-name.js';
import { AccountBookAssembler, DEFAULT_MAX_BUFFERED_POSITIONS } from './account-book-assembler.js';
import { ChunkTextDecoder } from './chunk-text-decoder.js';
import type { CsvReadOptions } from './csv-read-options.js';
import { expectedRowCount } from './expected-row-count.js';
import { emptyFileIssue, headerOnlyIssue, utf16Issue } from './file-issues.js';
import { IssueLog } from './issue-log.js';

export interface PositionReadOptions extends CsvReadOptions {
  /** Venue profile of rows without a `venue` cell. */
  defaultVenue: VenueName;
  /**
   * Positions held before each account's rows must be contiguous (default 100,000). Below it,
   * accounts may appear in any order; memory holds at most about this many positions plus the
   * account being read.
   */
  maxBufferedPositions?: number;
  /**
   * Whether the tier tables in force cover a symbol on a venue. When given, a row whose symbol has
   * no tiers is an Issue on that row (so it is listed with every other bad row, not found later).
   */
  knowsSymbol?: (venue: VenueName, symbol: string) => boolean;
  /**
   * The file's size in bytes, when known: with its first chunk it tells about how many rows are
   * coming (expected-row-count.ts), and the duplicate-id table makes room for them once.
   */
  expectedBytes?: number | null;
  /**
   * Shown each account's provisional book while accounts may still come in any order: the book
   * yielded for the account later is the same object when nothing was added to it since
   * (account-book-assembler.ts). Its positions are valid during the call only.
   */
  onProvisional?: (book: AccountBook) => void;
}

/**
 * One AccountBook per account of a positions CSV (contract §1), each with that account's
 * `balances`, yielded as soon as the account is complete; then the accounts that have balances
 * but no positions, as empty books. Problems are appended to `issues` as they are found
 * (header problems on the header's line; every problem of every row, each on the row's first
 * physical line); an account with any problem is not yielded, and nothing is yielded after a
 * problem that stops the reading (bad header, unreadable encoding, oversized record).
 */
export async function* readAccountBooks(
  chunks: AsyncIterable<string | Uint8Array>,
  fileLabel: string,
  balances: readonly Balance[],
  options: PositionReadOptions,
  issues: Issue[],
): AsyncGenerator<AccountBook> {
  const log = new IssueLog(issues, options.maxIssues);
  const assembler = new AccountBookAssembler(
    balances,
    {
      fileLabel,
      defaultVenue: options.defaultVenue,
      maxBufferedPositions: options.maxBufferedPositions ?? DEFAULT_MAX_BUFFERED_POSITIONS,
      knowsSymbol: options.knowsSymbol,
      onProvisional: options.onProvisional,
    },
    log,
  );
  const reader = new CsvRowReader(assembler, fileLabel, { delimiter: options.delimiter, maxRecordChars: options.maxRecordChars });
  const decoder = new ChunkTextDecoder();
  let unreadable = false;
  let first = true;
  try {
    for await (const chunk of chunks) {
      const text = decoder.decode(chunk);
      if (first && options.expectedBytes != null) assembler.expectRows(expectedRowCount(text, typeof chunk === 'string' ? chunk.length : chunk.byteLength, options.expectedBytes));
      first = false;
      reader.push(text);
      if (decoder.utf16Detected) {
        log.add(utf16Issue(fileLabel));
        unreadable = true;
        break;
      }
      yield* assembler.takeReady();
      if (reader.stopped) break;
    }
    if (!unreadable && !reader.stopped) {
      reader.push(decoder.end());
      reader.end();
      if (reader.recordCount === 0 && log.count === 0) log.add(emptyFileIssue(fileLabel));
      else if (assembler.headerAccepted && assembler.dataRows === 0) log.add(headerOnlyIssue(fileLabel));
      if (!reader.stopped) assembler.finish();
      yield* assembler.takeReady();
    }
  } finally {
    log.close(fileLabel);
  }
}
