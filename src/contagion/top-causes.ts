// How many causes an entry names. A victim in a pool of thousands can have thousands of causes,
// most with tiny shares; listing them all makes output quadratic in the pool's size. An entry
// keeps its TOP_CAUSES largest (largest share first, ties by position id) and, when more had a
// share, `othersShare` (the sum of the rest, added in pool-member order) and `otherCauses` (how
// many they were), so the shares still add up (victims: causes + othersShare = 1; rescues:
// + collateralShare = 1). Selection is one pass with a buffer of TOP_CAUSES, O(m) per entry.

/** Causes named per victim or rescue. */
export const TOP_CAUSES = 10;

interface TopCauses {
  /** Pool-local indices of the listed causes, largest share first. */
  readonly kept: readonly number[];
  /** Present only when causes were left out. */
  readonly othersShare?: number;
  readonly otherCauses?: number;
}

/**
 * The top causes among `shares[0..m)` (pool-local; 0 = not a cause), `idOf(c)` naming each for
 * ties. `shares` is left unchanged.
 */
export function topCauses(shares: Float64Array, m: number, idOf: (c: number) => string): TopCauses {
  const kept: number[] = [];
  const before = (a: number, b: number): boolean => {
    const sa = shares[a]!;
    const sb = shares[b]!;
    return sa > sb || (sa === sb && idOf(a) < idOf(b));
  };
  let named = 0;
  for (let c = 0; c < m; c++) {
    if (!(shares[c]! > 0)) continue;
    named++;
    if (kept.length === TOP_CAUSES && !before(c, kept[TOP_CAUSES - 1]!)) continue;
    let at = kept.length === TOP_CAUSES ? TOP_CAUSES - 1 : kept.length;
    if (kept.length === TOP_CAUSES) kept.pop();
    while (at > 0 && before(c, kept[at - 1]!)) at--;
    kept.splice(at, 0, c);
  }
  if (named <= TOP_CAUSES) return { kept };
  const listed = new Set(kept);
  let othersShare = 0;
  for (let c = 0; c < m; c++) if (shares[c]! > 0 && !listed.has(c)) othersShare += shares[c]!;
  return { kept, othersShare, otherCauses: named - TOP_CAUSES };
}
