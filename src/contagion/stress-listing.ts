// How many entries one stress lists. When a stress liquidates a cross pool of thousands, every
// member that survives isolated is a victim: listing them all, in each of the thousands of
// stresses, makes the output grow with the square of the positions (2,000 positions: 1.2 GB of
// JSON). A stress lists at most STRESS_LISTED entries of each kind, the largest positions by
// notional at the marks (in the quote asset; ties by position id), always the stressed position
// itself when it is one of them, in position-id order; its counts say how many there were. The
// account's folded `contagion` object still counts every entry (stress-fold.ts).

import type { ContagionEntry } from './contagion-summary.js';

/** Entries listed per kind (victims, rescues, victims at the cross liquidation) and stress. */
export const STRESS_LISTED = 20;

/**
 * The entries a stress lists (see the file header): `entries` in position-id order, `notionalOf`
 * a position's notional at the marks, `stressed` the stressed position's id.
 */
export function listedEntries(entries: readonly ContagionEntry[], notionalOf: (positionId: string) => number, stressed: string): readonly ContagionEntry[] {
  if (entries.length <= STRESS_LISTED) return entries;
  // The largest first (a short buffer kept in order: one pass, O(entries) when most are small).
  const kept: ContagionEntry[] = [];
  const keptNotional: number[] = [];
  let own: ContagionEntry | null = null;
  for (const entry of entries) {
    if (entry.positionId === stressed) {
      own = entry;
      continue;
    }
    const notional = notionalOf(entry.positionId);
    const room = own === null ? STRESS_LISTED : STRESS_LISTED - 1;
    // Entries come in id order, so an equal notional loses to the ones already kept.
    if (kept.length >= room && !(notional > keptNotional[kept.length - 1]!)) continue;
    let at = kept.length;
    while (at > 0 && notional > keptNotional[at - 1]!) at--;
    kept.splice(at, 0, entry);
    keptNotional.splice(at, 0, notional);
    if (kept.length > STRESS_LISTED) {
      kept.pop();
      keptNotional.pop();
    }
  }
  if (own !== null) {
    if (kept.length >= STRESS_LISTED) kept.length = STRESS_LISTED - 1;
    kept.push(own);
  }
  return kept.sort((a, b) => (a.positionId < b.positionId ? -1 : a.positionId > b.positionId ? 1 : 0));
}
