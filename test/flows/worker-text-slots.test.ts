// A worker's texts go over in shared-memory slots: a slot is held from the copy until the reading
// thread frees it, a free slot large enough is taken again (the same memory), a small one is
// replaced by a larger, and with every slot held there is none.

import { describe, expect, it } from 'vitest';
import { TEXT_SLOTS_PER_WORKER, WorkerTextSlots, freeSlot, sharedSlotStates } from '../../src/flows/worker-text-slots.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('WorkerTextSlots', () => {
  it('copies a text into a held slot of shared memory, and takes the slot again once freed', () => {
    const states = sharedSlotStates(2);
    const slots = new WorkerTextSlots(states, 1);
    const first = slots.place(bytes('a,b\n'))!;
    expect(new TextDecoder().decode(first.text)).toBe('a,b\n');
    expect(first.text.buffer).toBeInstanceOf(SharedArrayBuffer);
    const second = slots.place(bytes('c\n'))!;
    expect(second.slot).not.toBe(first.slot);
    // Worker 1's states only: worker 0's are untouched.
    expect([...states.subarray(0, TEXT_SLOTS_PER_WORKER)].every((s) => s === 0)).toBe(true);
    freeSlot(states, 1, first.slot);
    const again = slots.place(bytes('d\n'))!;
    expect(again.slot).toBe(first.slot);
    expect(again.text.buffer).toBe(first.text.buffer);
    // The held text is untouched.
    expect(new TextDecoder().decode(second.text)).toBe('c\n');
  });

  it('replaces a free slot too small for a text, and has none when every slot is held', () => {
    const states = sharedSlotStates(1);
    const slots = new WorkerTextSlots(states, 0);
    const placed = [];
    for (let s = 0; s < TEXT_SLOTS_PER_WORKER; s++) placed.push(slots.place(bytes('x'))!);
    expect(new Set(placed.map((p) => p.slot)).size).toBe(TEXT_SLOTS_PER_WORKER);
    expect(slots.place(bytes('y'))).toBeNull();
    freeSlot(states, 0, placed[3]!.slot);
    const large = new Uint8Array(1 << 20).fill(65);
    const replaced = slots.place(large)!;
    expect(replaced.slot).toBe(placed[3]!.slot);
    expect(replaced.text.length).toBe(1 << 20);
    expect(replaced.text.every((b) => b === 65)).toBe(true);
  });
});
