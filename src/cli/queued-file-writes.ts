// Writes to one open file that the caller does not wait for: each write is placed at the file
// offset where the writes before it end (so the file gets them in order however they finish) and
// done by the file system's threads while the caller goes on computing the next text. Only when more than a bound of bytes is queued does the
// caller wait, so memory stays flat however fast it produces. The data written so far is also
// flushed to the disk in the background as it accumulates, so the final sync of a large file
// finds little left to do instead of holding the run up at its end.

import type { FileHandle } from 'node:fs/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';

/** Bytes queued at most before `write` waits for the oldest writes to finish. */
const MAX_QUEUED_BYTES = 4 * 1024 * 1024;

/** Bytes written between two background flushes to the disk (a flush still running is not doubled). */
const BACKGROUND_SYNC_BYTES = 64 * 1024 * 1024;

/** A queued write: its bytes and when it has finished (never rejects: a failure is recorded). */
interface QueuedWrite {
  readonly bytes: number;
  readonly done: Promise<void>;
}

/** `parts` written one after the other from file offset `position`, however many calls that takes. */
async function writeAllAt(handle: FileHandle, parts: readonly Uint8Array[], position: number): Promise<void> {
  let rest = parts;
  while (rest.length > 0) {
    let { bytesWritten } = await handle.writev(rest as Uint8Array[], position);
    position += bytesWritten;
    const left: Uint8Array[] = [];
    for (const part of rest) {
      if (bytesWritten >= part.length) bytesWritten -= part.length;
      else {
        left.push(bytesWritten === 0 ? part : part.subarray(bytesWritten));
        bytesWritten = 0;
      }
    }
    rest = left;
  }
}

/**
 * The queue of writes to `handle`. A failure of any write (or background flush) is thrown by the
 * next `write` or by `finish`, and every write after it is skipped.
 */
export class QueuedFileWrites {
  readonly #handle: FileHandle;
  readonly #maxQueuedBytes: number;
  readonly #backgroundSyncBytes: number;
  readonly #queue: QueuedWrite[] = [];
  #queuedBytes = 0;
  /** File offset where the next write goes (the file is written from its start). */
  #position = 0;
  #sync: Promise<void> = Promise.resolve();
  #syncRunning = false;
  #bytesSinceSync = 0;
  #failure: { readonly error: unknown } | null = null;

  constructor(handle: FileHandle, maxQueuedBytes = MAX_QUEUED_BYTES, backgroundSyncBytes = BACKGROUND_SYNC_BYTES) {
    this.#handle = handle;
    this.#maxQueuedBytes = maxQueuedBytes;
    this.#backgroundSyncBytes = backgroundSyncBytes;
  }

  /**
   * Queues `parts`, to be written after everything queued before (they must not change until
   * written). Resolves after one turn of the event loop, unless more than the bound is queued:
   * then once it is not. The turn is taken even when there is room: a caller that never waits
   * would otherwise run on microtasks alone, and the engine's memory clean-up and the writes'
   * completions (which free their texts) wait for the event loop (without it a queue of 8 MiB
   * grew the peak memory of 10,000 accounts by 65 MB). `written`, if given, runs once the parts
   * are written (the caller may then reuse their bytes); not after a failure.
   */
  async write(parts: readonly Uint8Array[], written?: () => void): Promise<void> {
    this.#throwFailure();
    let bytes = 0;
    for (const part of parts) bytes += part.length;
    if (bytes === 0) {
      written?.();
      return;
    }
    const position = this.#position;
    this.#position += bytes;
    const entry: { bytes: number; done: Promise<void> } = { bytes, done: Promise.resolve() };
    entry.done = writeAllAt(this.#handle, parts, position).then(
      () => {
        this.#written(entry);
        written?.();
      },
      (error: unknown) => {
        this.#dequeue(entry);
        this.#fail(error);
      },
    );
    this.#queue.push(entry);
    this.#queuedBytes += bytes;
    if (this.#queuedBytes <= this.#maxQueuedBytes) await nextTurn();
    while (this.#queuedBytes > this.#maxQueuedBytes) await this.#queue[0]!.done;
    this.#throwFailure();
  }

  /** Waits for every queued write and background flush; throws the first failure, if any. */
  async finish(): Promise<void> {
    await this.settle();
    this.#throwFailure();
  }

  /** Waits for everything queued to settle, failures ignored (before the file is closed and removed). */
  async settle(): Promise<void> {
    await Promise.all(this.#queue.map((entry) => entry.done));
    await this.#sync;
  }

  /** A queued write has settled. */
  #dequeue(entry: QueuedWrite): void {
    this.#queue.splice(this.#queue.indexOf(entry), 1);
    this.#queuedBytes -= entry.bytes;
  }

  /** A queued write is done; a background flush starts when enough was written since the last. */
  #written(entry: QueuedWrite): void {
    this.#dequeue(entry);
    this.#bytesSinceSync += entry.bytes;
    if (this.#bytesSinceSync < this.#backgroundSyncBytes || this.#syncRunning || this.#failure !== null) return;
    this.#bytesSinceSync = 0;
    this.#syncRunning = true;
    this.#sync = this.#handle.datasync().then(
      () => {
        this.#syncRunning = false;
      },
      (error: unknown) => {
        this.#syncRunning = false;
        this.#fail(error);
      },
    );
  }

  #fail(error: unknown): void {
    this.#failure ??= { error };
  }

  #throwFailure(): void {
    if (this.#failure !== null) throw this.#failure.error;
  }
}
