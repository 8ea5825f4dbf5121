// The shared-memory block slots of a simulation worker: a slot's arrays lie on shared memory in a
// block's shape, a slot is held once a block was run into it and taken again only once released,
// and a worker with every slot held (or a result not in its slot) falls back to a copy.

import { describe, expect, it } from 'vitest';
import { BLOCK_SLOTS_PER_WORKER, releaseBlockSlot, WorkerBlockSlots, type BlockShape } from '../../src/kernel/block-slots.js';
import { KERNEL_MODE_COUNT } from '../../src/kernel/compiled-book.js';
import { sharedBlockBytes } from '../../src/kernel/run-block.js';

const shape = (pathCount: number): BlockShape => ({ pathCount, nPos: 3, nSteps: 8, recordRows: 0 });

describe('WorkerBlockSlots', () => {
  it('makes slots on shared memory in the block shape, one buffer each', () => {
    const slots = new WorkerBlockSlots();
    const slot = slots.take({ pathCount: 100, nPos: 5, nSteps: 24, recordRows: 3 });
    expect(slot).toBe(0);
    const arrays = slots.arrays(slot);
    expect(arrays.pathCount).toBe(100);
    expect(arrays.pathLoss.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(arrays.records!.liquidationStep.buffer).toBe(arrays.pathLoss.buffer);
    expect(arrays.records!.positionLoss.length).toBe(100 * KERNEL_MODE_COUNT * 5);
    expect(arrays.firstStepCounts.length).toBe(KERNEL_MODE_COUNT * 25);
    expect(arrays.pathLoss.buffer.byteLength).toBe(sharedBlockBytes(100, 5, 24, 3));
    // The arrays do not overlap: writing each one's last value leaves every other's untouched.
    const all = [arrays.pathLoss, arrays.pathBadDebt, arrays.pathFirstStep, arrays.firstStepCounts, arrays.modeStats, arrays.positionStats, arrays.counters];
    all.push(arrays.records!.positionLoss, arrays.records!.liquidationStep, arrays.records!.pnlAtLiquidation);
    all.forEach((a, i) => (a[a.length - 1] = i + 1));
    all.forEach((a, i) => expect(a[a.length - 1]).toBe(i + 1));
    expect(all.reduce((s, a) => s + a.byteLength, 0)).toBeLessThanOrEqual(arrays.pathLoss.buffer.byteLength);
  });

  it('holds a slot its result lies in until released, and answers -1 with every slot held', () => {
    const slots = new WorkerBlockSlots();
    const held: Int32Array[] = [];
    for (let i = 0; i < BLOCK_SLOTS_PER_WORKER; i++) {
      const slot = slots.take(shape(64));
      expect(slot).toBe(i);
      const state = slots.hold(slot, slots.arrays(slot));
      expect(state).not.toBeNull();
      held.push(state!);
    }
    expect(slots.take(shape(64))).toBe(-1);
    releaseBlockSlot(held[2]!);
    expect(slots.take(shape(64))).toBe(2);
  });

  it('does not hold a slot for a result that is not in it', () => {
    const slots = new WorkerBlockSlots();
    const slot = slots.take(shape(64));
    const other = new WorkerBlockSlots();
    expect(slots.hold(slot, other.arrays(other.take(shape(64))))).toBeNull();
    expect(slots.take(shape(64))).toBe(slot);
  });

  it('makes a slot of another shape when no free one fits, and makes a free one again for a new shape once every slot is made', () => {
    const slots = new WorkerBlockSlots();
    const full = slots.take(shape(64));
    slots.hold(full, slots.arrays(full));
    const short = slots.take(shape(10));
    expect(short).not.toBe(full);
    expect(slots.arrays(short).pathCount).toBe(10);
    for (let s = 2; s < BLOCK_SLOTS_PER_WORKER; s++) slots.hold(slots.take(shape(64)), slots.arrays(s));
    // Every slot made, one free (short): a block of 20 paths makes it again for its shape.
    const again = slots.take(shape(20));
    expect(again).toBe(short);
    expect(slots.arrays(again).pathCount).toBe(20);
  });
});
