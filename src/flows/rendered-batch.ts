// A batch of rendered accounts as the parallel evaluate flow holds and passes it: each account's
// problems and whether it was evaluated, and the texts of all of them as UTF-8 in one buffer of
// their own (off the JavaScript heap, and transferable from a worker thread without a copy).
// Held texts that waited as strings for earlier batches outlived the young generation.

import type { Issue } from '../domain/issue.js';
import type { AccountBook } from '../domain/account-book.js';
import { Utf8TextBuffer } from '../report/format/utf8-text-buffer.js';
import type { RenderedAccount } from './evaluate-render.js';
import type { TextRecycling } from './text-recycling.js';

/** One account of a batch: its problems, whether it was evaluated, its text's length in the batch's bytes. */
export interface RenderedAccountBytes {
  readonly issues: readonly Issue[];
  readonly evaluated: boolean;
  readonly bytes: number;
}

export interface RenderedBatch {
  readonly accounts: readonly RenderedAccountBytes[];
  /** The accounts' texts one after the other, UTF-8; its buffer holds nothing else (it may be longer), unless rendered into a shared buffer (renderBatch's `out`). */
  readonly text: Uint8Array;
}

/** Text bytes reserved per position of a batch (three rows of about 280 bytes); the buffer grows if more are needed. */
const BYTES_PER_POSITION = 900;

/** Text bytes reserved for `books`. */
export function batchBytes(books: readonly AccountBook[]): number {
  let positions = 0;
  for (const book of books) positions += book.positions.length;
  return BYTES_PER_POSITION * Math.max(1, positions);
}

/**
 * `books` rendered by `render` into one batch: into a buffer of its own, or appended to `out`
 * (then the batch's text is a view of `out`'s bytes from where it stood, which later appends
 * leave as they are: a buffer that grows is copied, the bytes viewed stay in the old one).
 */
export function renderBatch(books: readonly AccountBook[], render: (book: AccountBook, out: Utf8TextBuffer) => RenderedAccount, out = new Utf8TextBuffer(batchBytes(books))): RenderedBatch {
  const batchStart = out.length;
  const accounts = books.map((book) => {
    const start = out.length;
    const { issues, evaluated } = render(book, out);
    return { issues, evaluated, bytes: out.length - start };
  });
  return { accounts, text: out.view().subarray(batchStart) };
}

/**
 * Bytes of the buffers that accounts rendered one by one share: small enough to come from the
 * allocator's recycled memory (buffers of a megabyte were fresh pages, a page fault per 4 KiB of
 * text written, which cost more than the buffers saved).
 */
const SHARED_BUFFER_BYTES = 1 << 16;

/**
 * A buffer with room for `books`' texts, for accounts rendered one by one on this thread:
 * `current` while it has the room, else a new one (from `recycling`'s when given). Their texts are
 * appended one after another (a buffer per account, of 900 bytes a position, cost its allocation
 * an account and its share of the collector's time); a text stays valid while the output holds
 * it, as nothing is written over it.
 */
export function sharedBatchBuffer(current: Utf8TextBuffer | null, books: readonly AccountBook[], recycling: TextRecycling | null = null): Utf8TextBuffer {
  const bytes = batchBytes(books);
  if (current !== null && current.spareBytes >= bytes) return current;
  const size = Math.max(bytes, SHARED_BUFFER_BYTES);
  return recycling === null ? new Utf8TextBuffer(size) : recycling.take(size);
}

/** Each account of `batch` with its text as a view of the batch's bytes. */
export function batchAccountTexts(batch: RenderedBatch): { readonly text: Uint8Array; readonly issues: readonly Issue[]; readonly evaluated: boolean }[] {
  let offset = 0;
  return batch.accounts.map(({ issues, evaluated, bytes }) => ({ text: batch.text.subarray(offset, (offset += bytes)), issues, evaluated }));
}
