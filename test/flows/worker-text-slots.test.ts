// A worker's texts go over in shared-memory slots: a slot is held from the copy (or from its claim,
// for a batch rendered straight into it) until the reading thread frees it, a free slot large
// enough is taken again (the same memory), a small one is replaced by a larger, and with every
// slot held there is none.

import { describe, expect, it } from 'vitest';
import { TEXT_SLOTS_PER_WORKER, WorkerTextSlots, freeSlot, sharedSlotStates } from '../../src/flows/worker-text-slots.js';
import { Utf8TextBuffer } from '../../src/report/format/utf8-text-buffer.js';

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

  it('claims a slot to render into, holds it until freed, and releases one not handed over', () => {
    const states = sharedSlotStates(1);
    const slots = new WorkerTextSlots(states, 0);
    const slot = slots.claim(100);
    expect(slot).toBeGreaterThanOrEqual(0);
    const buffer = slots.buffer(slot);
    expect(buffer.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(buffer.length).toBeGreaterThanOrEqual(100);
    // Rendered into in place: the text is a view of the slot's memory.
    const out = Utf8TextBuffer.over(buffer);
    out.text('a,b\n');
    expect(out.writesInto(buffer)).toBe(true);
    expect(out.view().buffer).toBe(buffer.buffer);
    expect(new TextDecoder().decode(out.view())).toBe('a,b\n');
    expect(states[slot]).toBe(1);
    // Held: another claim takes another slot.
    expect(slots.claim(100)).not.toBe(slot);
    slots.release(slot);
    expect(states[slot]).toBe(0);
    expect(slots.claim(100)).toBe(slot);
  });

  it('a buffer over a slot that outgrows it writes on in memory of its own, the slot left as it was', () => {
    const slots = new WorkerTextSlots(sharedSlotStates(1), 0);
    const buffer = slots.buffer(slots.claim(16));
    const before = buffer.slice();
    const out = Utf8TextBuffer.over(buffer);
    out.text('x'.repeat(buffer.length + 1));
    expect(out.writesInto(buffer)).toBe(false);
    expect(out.view().buffer).not.toBe(buffer.buffer);
    expect(out.length).toBe(buffer.length + 1);
    expect(buffer).toEqual(before);
  });
});
