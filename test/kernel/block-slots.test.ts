// The shared-memory block slots of a simulation worker: a slot's arrays lie on shared memory in a
// block's shape, a slot is held once a block was run into it and taken again only once released,
// and a worker with every slot held (or a result not in its slot) falls back to a copy.

import { describe, expect, it } from 'vitest';
import { BLOCK_SLOTS_PER_RUN, releaseBlockSlot, WorkerBlockSlots } from '../../src/kernel/block-slots.js';
import { KERNEL_MODE_COUNT } from '../../src/kernel/compiled-book.js';
import { sharedBlockBytes } from '../../src/kernel/run-block.js';

describe('WorkerBlockSlots', () => {
  it('makes slots on shared memory in the block shape, one buffer each', () => {
    const slots = new WorkerBlockSlots(5, 24, true);
    const slot = slots.take(100);
    expect(slot).toBe(0);
    const arrays = slots.arrays(slot);
    expect(arrays.pathCount).toBe(100);
    expect(arrays.pathLoss.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(arrays.records!.liquidationStep.buffer).toBe(arrays.pathLoss.buffer);
    expect(arrays.records!.positionLoss.length).toBe(100 * KERNEL_MODE_COUNT * 5);
    expect(arrays.firstStepCounts.length).toBe(KERNEL_MODE_COUNT * 25);
    expect(arrays.pathLoss.buffer.byteLength).toBe(sharedBlockBytes(100, 5, 24, true));
    // The arrays do not overlap: writing each one's last value leaves every other's untouched.
    const all = [arrays.pathLoss, arrays.pathBadDebt, arrays.pathFirstStep, arrays.firstStepCounts, arrays.modeStats, arrays.positionStats, arrays.counters];
    all.push(arrays.records!.positionLoss, arrays.records!.liquidationStep, arrays.records!.pnlAtLiquidation);
    all.forEach((a, i) => (a[a.length - 1] = i + 1));
    all.forEach((a, i) => expect(a[a.length - 1]).toBe(i + 1));
    expect(all.reduce((s, a) => s + a.byteLength, 0)).toBeLessThanOrEqual(arrays.pathLoss.buffer.byteLength);
  });

  it('holds a slot its result lies in until released, and answers -1 with every slot held', () => {
    const slots = new WorkerBlockSlots(3, 8, false);
    const held: Int32Array[] = [];
    for (let i = 0; i < BLOCK_SLOTS_PER_RUN; i++) {
      const slot = slots.take(64);
      expect(slot).toBe(i);
      const state = slots.hold(slot, slots.arrays(slot));
      expect(state).not.toBeNull();
      held.push(state!);
    }
    expect(slots.take(64)).toBe(-1);
    releaseBlockSlot(held[2]!);
    expect(slots.take(64)).toBe(2);
  });

  it('does not hold a slot for a result that is not in it', () => {
    const slots = new WorkerBlockSlots(3, 8, false);
    const slot = slots.take(64);
    const other = new WorkerBlockSlots(3, 8, false);
    expect(slots.hold(slot, other.arrays(other.take(64)))).toBeNull();
    expect(slots.take(64)).toBe(slot);
  });

  it('makes a slot of another block size when no free one fits', () => {
    const slots = new WorkerBlockSlots(3, 8, false);
    const full = slots.take(64);
    slots.hold(full, slots.arrays(full));
    const short = slots.take(10);
    expect(short).not.toBe(full);
    expect(slots.arrays(short).pathCount).toBe(10);
  });
});
