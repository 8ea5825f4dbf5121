// A batch of rendered accounts as the parallel evaluate flow holds and passes it: each account's
// problems and whether it was evaluated, and the texts of all of them as UTF-8 in one buffer of
// their own (off the JavaScript heap, and transferable from a worker thread without a copy).
// Held texts that waited as strings for earlier batches outlived the young generation.

import type { Issue } from '../domain/issue.js';
import type { AccountBook } from '../domain/account-book.js';
import { Utf8TextBuffer } from '../report/format/utf8-text-buffer.js';
import type { RenderedAccount } from './evaluate-render.js';

/** One account of a batch: its problems, whether it was evaluated, its text's length in the batch's bytes. */
export interface RenderedAccountBytes {
  readonly issues: readonly Issue[];
  readonly evaluated: boolean;
  readonly bytes: number;
}

export interface RenderedBatch {
  readonly accounts: readonly RenderedAccountBytes[];
  /** The accounts' texts one after the other, UTF-8; its buffer holds nothing else (it may be longer). */
  readonly text: Uint8Array;
}

/** Text bytes reserved per position of a batch (three rows of about 280 bytes); the buffer grows if more are needed. */
const BYTES_PER_POSITION = 900;

/** `books` rendered by `render` into one batch. */
export function renderBatch(books: readonly AccountBook[], render: (book: AccountBook, out: Utf8TextBuffer) => RenderedAccount): RenderedBatch {
  let positions = 0;
  for (const book of books) positions += book.positions.length;
  const out = new Utf8TextBuffer(BYTES_PER_POSITION * Math.max(1, positions));
  const accounts = books.map((book) => {
    const start = out.length;
    const { issues, evaluated } = render(book, out);
    return { issues, evaluated, bytes: out.length - start };
  });
  return { accounts, text: out.view() };
}

/** Each account of `batch` with its text as a view of the batch's bytes. */
export function batchAccountTexts(batch: RenderedBatch): { readonly text: Uint8Array; readonly issues: readonly Issue[]; readonly evaluated: boolean }[] {
  let offset = 0;
  return batch.accounts.map(({ issues, evaluated, bytes }) => ({ text: batch.text.subarray(offset, (offset += bytes)), issues, evaluated }));
}
