// The buffers of rendered texts come back only once sealed and every text cut from them is
// written; the pool hands out the smallest buffer that is large enough, cleared.

import { describe, expect, it } from 'vitest';
import { TextRecycling } from '../../src/flows/text-recycling.js';

describe('TextRecycling', () => {
  it('frees a buffer once it is sealed and each of its texts is written, in any order', () => {
    const recycling = new TextRecycling();
    let freed = 0;
    const owner = recycling.owner(() => freed++);
    const bytes = new Uint8Array(8);
    const a = bytes.subarray(0, 3);
    const b = bytes.subarray(3, 8);
    recycling.handOut(owner, a);
    recycling.handOut(owner, b);
    recycling.written(b);
    expect(freed).toBe(0);
    recycling.written(a);
    // Not sealed: more texts may still be cut from it.
    expect(freed).toBe(0);
    recycling.seal(owner);
    expect(freed).toBe(1);
    // A text reported twice, or one never handed out, changes nothing.
    recycling.written(a);
    recycling.written(new Uint8Array(2));
    expect(freed).toBe(1);
  });

  it('frees a sealed buffer when its last text is written, and one with no texts at once', () => {
    const recycling = new TextRecycling();
    const freed: string[] = [];
    const first = recycling.owner(() => freed.push('first'));
    const text = new Uint8Array(4);
    recycling.handOut(first, text);
    recycling.seal(first);
    expect(freed).toEqual([]);
    recycling.written(text);
    expect(freed).toEqual(['first']);
    recycling.seal(recycling.owner(() => freed.push('empty')));
    expect(freed).toEqual(['first', 'empty']);
  });

  it('hands out the smallest returned buffer large enough, cleared, else a new one', () => {
    const recycling = new TextRecycling();
    const small = recycling.take(100);
    const large = recycling.take(10_000);
    small.text('abc');
    large.text('defg');
    recycling.give(large);
    recycling.give(small);
    expect(recycling.take(50)).toBe(small);
    expect(small.length).toBe(0);
    const fresh = recycling.take(20_000);
    expect(fresh).not.toBe(large);
    expect(fresh.spareBytes).toBeGreaterThanOrEqual(20_000);
    expect(recycling.take(5_000)).toBe(large);
    expect(large.length).toBe(0);
  });
});
