// The shared-memory slots a worker of the parallel evaluate flow hands its batches' texts over in:
// each worker owns a few buffers over SharedArrayBuffers and copies a batch's texts into a free
// one; the reading thread writes them from there and marks the slot free once the output has
// written them (text-recycling.ts). So a worker renders into memory already in use, batch after
// batch, where a buffer of its own per batch, moved to the reading thread, was fresh pages each
// time (and moving it detached it, which the engine answers by recompiling the thread's
// functions that read typed arrays with a check for it). When every slot is held the batch goes
// over in a buffer of its own, as before.

/** Slots per worker: more than its batches in flight, those held in order and those queued for the output. */
export const TEXT_SLOTS_PER_WORKER = 16;

const SLOT_FREE = 0;
const SLOT_HELD = 1;

/** Bytes of a slot at least; a slot is made a quarter larger than the text that first needs it. */
const SLOT_MIN_BYTES = 1 << 16;

/** The states of every worker's slots (TEXT_SLOTS_PER_WORKER each), in memory shared with the workers. */
export function sharedSlotStates(workers: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * TEXT_SLOTS_PER_WORKER * Math.max(1, workers)));
}

/** Marks slot `slot` of worker `worker` free: its text has been written. */
export function freeSlot(states: Int32Array, worker: number, slot: number): void {
  Atomics.store(states, worker * TEXT_SLOTS_PER_WORKER + slot, SLOT_FREE);
}

/** A worker's side of its slots: the buffers it made, and its range of the shared states. */
export class WorkerTextSlots {
  readonly #states: Int32Array;
  readonly #buffers: (Uint8Array | undefined)[] = [];

  /** `states`: every worker's (sharedSlotStates); `worker`: this one's index. */
  constructor(states: Int32Array, worker: number) {
    this.#states = states.subarray(worker * TEXT_SLOTS_PER_WORKER, (worker + 1) * TEXT_SLOTS_PER_WORKER);
  }

  /**
   * `text` copied into a free slot, which is then held: the slot and the copy (a view of shared
   * memory); null when every slot is held. A free slot whose buffer is large enough is taken
   * first, then one without a buffer yet, then a free one whose buffer is replaced by a larger.
   */
  place(text: Uint8Array): { readonly slot: number; readonly text: Uint8Array } | null {
    const states = this.#states;
    const buffers = this.#buffers;
    let fits = -1;
    let empty = -1;
    let small = -1;
    for (let s = 0; s < TEXT_SLOTS_PER_WORKER; s++) {
      if (Atomics.load(states, s) !== SLOT_FREE) continue;
      const buffer = buffers[s];
      if (buffer === undefined) {
        if (empty < 0) empty = s;
      } else if (buffer.length >= text.length) {
        fits = s;
        break;
      } else if (small < 0) small = s;
    }
    const slot = fits >= 0 ? fits : empty >= 0 ? empty : small;
    if (slot < 0) return null;
    if (fits < 0) buffers[slot] = new Uint8Array(new SharedArrayBuffer(Math.max(SLOT_MIN_BYTES, text.length + (text.length >> 2))));
    Atomics.store(states, slot, SLOT_HELD);
    const copy = buffers[slot]!.subarray(0, text.length);
    copy.set(text);
    return { slot, text: copy };
  }
}
