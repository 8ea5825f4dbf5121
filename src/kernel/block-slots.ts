// The shared-memory slots a simulation worker runs its blocks into: a worker keeps a few block
// results whose arrays lie on SharedArrayBuffers (run-block.ts `sharedBlockResult`) and runs each
// block into a free one of its shape (runBlock's `recycle`), which is then held. Its reply carries
// the result as views of that memory, so nothing of the block is copied: the worker does not
// serialise ~1.5 MB a block (the shared benchmark book) and the calling thread neither allocates,
// page-faults and zeroes fresh buffers for it nor collects them. The calling thread merges the
// block in place and frees the slot (`releaseBlockSlot`). The slots serve every run the worker is
// given (the accounts of a batch, often of one shape, reuse them); when every slot is held
// (results waiting for an earlier block) or a block fits none within the memory allowed, its
// result goes over in a copy, as before.
//
//   slot state (shared Int32):  FREE ──worker runs a block into it──▶ HELD ──merged (or dropped)──▶ FREE

import type { BlockResult } from './block-result.js';
import { blockFits, sharedBlockBytes, sharedBlockResult } from './run-block.js';

/** Slots per worker: a block running and one queued for each of two overlapping runs, and results waiting to be merged. */
export const BLOCK_SLOTS_PER_WORKER = 6;

/**
 * Shared memory a worker keeps in slots at most: a slot that would go beyond it is not made (a
 * book of thousands of positions has blocks of tens of megabytes, which go over copied or
 * transferred instead).
 */
const SLOT_BYTES_PER_WORKER = 32 * 2 ** 20;

const SLOT_FREE = 0;
const SLOT_HELD = 1;

/** The calling thread is done with a block run into a slot (merged, or dropped): the worker may reuse it. */
export function releaseBlockSlot(state: Int32Array): void {
  Atomics.store(state, 0, SLOT_FREE);
}

/**
 * The shape of a block: `pathCount` paths of `nPos` positions and `nSteps` steps, with per-path
 * records of `recordRows` rows a path (record-rows.ts), none when 0.
 */
export interface BlockShape {
  readonly pathCount: number;
  readonly nPos: number;
  readonly nSteps: number;
  readonly recordRows: number;
}

/** A worker's slots (see the file header). */
export class WorkerBlockSlots {
  /** One state per slot, shared with the calling thread through the replies. */
  readonly #states = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * BLOCK_SLOTS_PER_WORKER));
  readonly #results: (BlockResult | undefined)[] = [];
  readonly #bytes: number[] = [];

  /**
   * A free slot for a block of `shape`, or −1: first one made for that shape, else a new one,
   * else a free one of another shape made again for this one (both within SLOT_BYTES_PER_WORKER).
   * It stays free until `hold`.
   */
  take(shape: BlockShape): number {
    const { pathCount, nPos, nSteps, recordRows } = shape;
    let unmade = -1;
    let other = -1;
    for (let s = 0; s < BLOCK_SLOTS_PER_WORKER; s++) {
      if (Atomics.load(this.#states, s) !== SLOT_FREE) continue;
      const result = this.#results[s];
      if (result === undefined) {
        if (unmade < 0) unmade = s;
      } else if (blockFits(result, pathCount, nPos, nSteps, recordRows)) return s;
      else if (other < 0) other = s;
    }
    const slot = unmade >= 0 ? unmade : other;
    if (slot < 0) return -1;
    const bytes = sharedBlockBytes(pathCount, nPos, nSteps, recordRows);
    let kept = 0;
    for (let s = 0; s < BLOCK_SLOTS_PER_WORKER; s++) if (s !== slot) kept += this.#bytes[s] ?? 0;
    if (kept + bytes > SLOT_BYTES_PER_WORKER) return -1;
    this.#bytes[slot] = bytes;
    this.#results[slot] = sharedBlockResult(pathCount, nPos, nSteps, recordRows);
    return slot;
  }

  /** The arrays of slot `slot` (from `take`): the `recycle` to run its block into. */
  arrays(slot: number): BlockResult {
    return this.#results[slot]!;
  }

  /**
   * If `result` lies in slot `slot` (runBlock reused its arrays), mark the slot held and return
   * its state cell for the reply (the calling thread frees it with `releaseBlockSlot`); else null.
   */
  hold(slot: number, result: BlockResult): Int32Array | null {
    if (result.pathLoss !== this.#results[slot]!.pathLoss) return null;
    Atomics.store(this.#states, slot, SLOT_HELD);
    return this.#states.subarray(slot, slot + 1);
  }
}
