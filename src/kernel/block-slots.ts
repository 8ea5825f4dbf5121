// The shared-memory slots a simulation worker runs its blocks into: per run, a worker keeps a few
// block results whose arrays lie on SharedArrayBuffers (run-block.ts `sharedBlockResult`) and
// runs each block into a free one (runBlock's `recycle`), which is then held. Its reply carries
// the result as views of that memory, so nothing of the block is copied: the worker does not
// serialise ~1.5 MB a block (the shared benchmark book) and the calling thread neither allocates,
// page-faults and zeroes fresh buffers for it nor collects them. The calling thread merges the
// block in place and frees the slot (`releaseBlockSlot`). When every slot is held (results waiting
// for an earlier block), or a block does not fit one, the result goes over in a copy, as before.
//
//   slot state (shared Int32):  FREE ──worker runs a block into it──▶ HELD ──merged (or dropped)──▶ FREE

import type { BlockResult } from './block-result.js';
import { sharedBlockBytes, sharedBlockResult } from './run-block.js';

/** Slots per worker and run: its block running, its one queued, and results waiting to be merged. */
export const BLOCK_SLOTS_PER_RUN = 4;

/**
 * Shared memory a worker keeps in slots per run at most: a slot that would go beyond it is not
 * made (a book of thousands of positions has blocks of tens of megabytes, which go over copied
 * or transferred instead).
 */
const SLOT_BYTES_PER_RUN = 32 * 2 ** 20;

const SLOT_FREE = 0;
const SLOT_HELD = 1;

/** The calling thread is done with a block run into a slot (merged, or dropped): the worker may reuse it. */
export function releaseBlockSlot(state: Int32Array): void {
  Atomics.store(state, 0, SLOT_FREE);
}

/** A worker's slots for one run (see the file header). */
export class WorkerBlockSlots {
  /** One state per slot, shared with the calling thread through the replies. */
  readonly #states = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * BLOCK_SLOTS_PER_RUN));
  readonly #results: (BlockResult | undefined)[] = [];
  #bytes = 0;

  /** `nPos` positions, `nSteps` steps, with per-path records when `collectRecords`: the run's block shape. */
  constructor(
    private readonly nPos: number,
    private readonly nSteps: number,
    private readonly collectRecords: boolean,
  ) {}

  /**
   * A free slot for a block of `pathCount` paths, or −1: first one already made for that many
   * paths, else a new one (within SLOT_BYTES_PER_RUN). It stays free until `hold`.
   */
  take(pathCount: number): number {
    let unmade = -1;
    for (let s = 0; s < BLOCK_SLOTS_PER_RUN; s++) {
      if (Atomics.load(this.#states, s) !== SLOT_FREE) continue;
      const result = this.#results[s];
      if (result === undefined) {
        if (unmade < 0) unmade = s;
      } else if (result.pathCount === pathCount) return s;
    }
    if (unmade < 0) return -1;
    const bytes = sharedBlockBytes(pathCount, this.nPos, this.nSteps, this.collectRecords);
    if (this.#bytes + bytes > SLOT_BYTES_PER_RUN) return -1;
    this.#bytes += bytes;
    this.#results[unmade] = sharedBlockResult(pathCount, this.nPos, this.nSteps, this.collectRecords);
    return unmade;
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
