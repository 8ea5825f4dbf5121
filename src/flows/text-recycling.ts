// The buffers of rendered account texts, handed back once the output has written them, so the
// next batches are rendered into memory already in use instead of fresh allocations. An account
// of 1,000 positions is about 850 KB of CSV; a fresh buffer of that size is new pages from the
// system, each zeroed and faulted in as the rows are copied in (5–6 % of the CPU time of the
// million-position CSV). The texts handed to the output are views of a batch's buffer (a run of
// its accounts each); the buffer comes back when its owner is sealed (no more texts will be cut
// from it) and every text cut from it is written. A text the output never reports written keeps
// its buffer from coming back (it is then collected as any garbage), so a caller that does not
// report is only slower, never wrong.

import { Utf8TextBuffer } from '../report/format/utf8-text-buffer.js';

/** Buffers kept for reuse at most (beyond, a returned buffer is let go). */
const FREE_BUFFERS_MAX = 12;

/** One buffer's texts in the output: how many are not yet written, and whether more will come. */
export interface TextOwner {
  outstanding: number;
  sealed: boolean;
  /** Gives the buffer back (to this pool, or to the worker that rendered it). */
  readonly free: () => void;
}

/**
 * The pool of this thread's text buffers and the record of which texts in the output belong to
 * which buffer. The texts are reported by identity (the same Uint8Array object that was handed out).
 */
export class TextRecycling {
  readonly #free: Utf8TextBuffer[] = [];
  readonly #owners = new WeakMap<Uint8Array, TextOwner>();

  /** A cleared buffer with room for at least `bytes` bytes: the smallest returned one that is large enough, else a new one. */
  take(bytes: number): Utf8TextBuffer {
    const free = this.#free;
    let best = -1;
    for (let i = 0; i < free.length; i++) {
      const spare = free[i]!.spareBytes;
      if (spare >= bytes && (best < 0 || spare < free[best]!.spareBytes)) best = i;
    }
    if (best < 0) return new Utf8TextBuffer(bytes);
    return free.splice(best, 1)[0]!;
  }

  /** Takes `buffer` back once nothing written from it is still to be written (its texts are then stale). */
  give(buffer: Utf8TextBuffer): void {
    buffer.clear();
    this.#free.push(buffer);
    // The oldest (and so most often the smallest kept) goes first.
    if (this.#free.length > FREE_BUFFERS_MAX) this.#free.shift();
  }

  /** A new owner for one buffer's texts; `free` runs once it is sealed and all its texts are written. */
  owner(free: () => void): TextOwner {
    return { outstanding: 0, sealed: false, free };
  }

  /** `text` (a view of `owner`'s buffer) goes to the output. */
  handOut(owner: TextOwner, text: Uint8Array): void {
    owner.outstanding++;
    this.#owners.set(text, owner);
  }

  /** No more texts will be cut from `owner`'s buffer. */
  seal(owner: TextOwner): void {
    owner.sealed = true;
    if (owner.outstanding === 0) owner.free();
  }

  /** The output has written `text` (a text handed out; any other is ignored). */
  written(text: Uint8Array): void {
    const owner = this.#owners.get(text);
    if (owner === undefined) return;
    this.#owners.delete(text);
    if (--owner.outstanding === 0 && owner.sealed) owner.free();
  }
}
