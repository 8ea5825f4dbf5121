// The heap the health-roots walk reads its next bracket edge from must hand out exactly what the
// linear scan it replaced found: the nearest edge, and every slot on it in slot order, whether the
// slots on it are popped and pushed back or a lone one is given its next edge in place.

import { describe, expect, it } from 'vitest';
import { BracketEdgeHeap } from '../../src/margin/bracket-edge-heap.js';

function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

describe('BracketEdgeHeap', () => {
  for (const [down, slots] of [[true, 200], [false, 200], [true, 5], [false, 5], [true, 1], [false, 1]] as const) {
    it(`matches a linear scan of ${slots} edges (${down ? 'prices falling' : 'prices rising'})`, () => {
      const random = lcg(down ? 7 + slots : 11 + slots);
      // Few distinct values, so many slots share an edge; 0 and Infinity as the walk's "no edge".
      const pick = () => [0, Infinity, 0.25, 0.5, 0.75, 1.5, 2, 3][Math.floor(random() * 8)]!;
      const edges = Array.from({ length: slots }, pick);
      const heap = new BracketEdgeHeap();
      // A heap reused from an earlier walk, as the health-roots walks reuse one.
      heap.start(3, !down);
      for (let j = 0; j < 3; j++) {
        heap.slotEdges[j] = pick();
        heap.push(j);
      }
      heap.start(slots, down);
      edges.forEach((e, j) => {
        heap.slotEdges[j] = e;
        heap.push(j);
      });
      for (let step = 0; step < 500; step++) {
        let nearest = down ? -Infinity : Infinity;
        for (const e of edges) if (down ? e > nearest : e < nearest) nearest = e;
        expect(heap.isEmpty()).toBe(false);
        expect(heap.slotEdges[heap.topSlot()]).toBe(nearest);
        const expected = edges.flatMap((e, j) => (e === nearest ? [j] : []));
        expect(heap.topIsAlone()).toBe(expected.length === 1);
        if (expected.length === 1 && step % 2 === 0) {
          // The walk's lone-member step: the top slot gets its next edge in place.
          expect(heap.topSlot()).toBe(expected[0]);
          edges[expected[0]!] = heap.slotEdges[expected[0]!] = pick();
          heap.replaceTop();
          continue;
        }
        const count = heap.popNearest();
        expect(Array.from({ length: count }, (_, k) => heap.popped(k))).toEqual(expected);
        for (const j of expected) {
          edges[j] = heap.slotEdges[j] = pick();
          heap.push(j);
        }
      }
    });
  }

  it('is empty with no slots', () => {
    const heap = new BracketEdgeHeap();
    heap.start(0, true);
    expect(heap.isEmpty()).toBe(true);
  });
});
