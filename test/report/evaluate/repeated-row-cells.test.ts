// The record of repeated row cells (repeated-row-cells.ts) finds a position's slot by a scan of the
// ids while an account has few, and by a Map past SCANNED_SLOTS: both must claim the same slots,
// for accounts of any size, cleared between accounts, with slots taken before their rows (slotFor)
// and runs forgotten (forgetRuns: a claim after it writes the runs afresh, in the same slot).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PositionEvaluation } from '../../../src/margin/evaluation.js';
import { RepeatedRowCells } from '../../../src/report/evaluate/repeated-row-cells.js';
import { sampleEvaluation } from '../sample-evaluation.js';

const base = sampleEvaluation().modes.exported.positions[0]!;

/** A position of id `p{id}` whose claimed cells are `size` apart from the sample's. */
function position(id: number, size: number): PositionEvaluation {
  return { ...base, positionId: `p${id}`, size };
}

describe('RepeatedRowCells', () => {
  it('claims the same slots whether it scans the ids or indexes them', () => {
    const step = fc.oneof(
      fc.record({ id: fc.integer({ min: 0, max: 40 }), size: fc.constantFrom(1, 2) }),
      fc.record({ take: fc.integer({ min: 0, max: 40 }) }),
      fc.constantFrom('clear' as const, 'forget' as const),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 200 }), fc.integer({ min: 0, max: 20 }), (steps, scanned) => {
        const scanning = new RepeatedRowCells(Number.POSITIVE_INFINITY);
        const indexing = new RepeatedRowCells(scanned);
        let at = 0;
        let forgotten = false;
        for (const s of steps) {
          if (s === 'clear') {
            scanning.clear();
            indexing.clear();
            continue;
          }
          if (s === 'forget') {
            scanning.forgetRuns();
            indexing.forgetRuns();
            forgotten = true;
            continue;
          }
          if ('take' in s) {
            expect(indexing.slotFor(`p${s.take}`)).toBe(scanning.slotFor(`p${s.take}`));
            continue;
          }
          const p = position(s.id, s.size);
          const claimed = scanning.claim(p);
          expect(indexing.claim(p)).toBe(claimed);
          if (forgotten) {
            // The first claim of each slot after forgetting its runs writes them afresh.
            expect(claimed).toBeLessThan(0);
            forgotten = false;
          }
          if (claimed < 0) {
            scanning.setRun(-1 - claimed, 0, at, at + 1);
            indexing.setRun(-1 - claimed, 0, at, at + 1);
            at++;
          } else expect(indexing.runStart(claimed, 0)).toBe(scanning.runStart(claimed, 0));
        }
      }),
      { numRuns: 500 },
    );
  });
});
