// Σ over paths of each cause's share in each victim's (or rescue's) liquidation, per cross pool,
// indexed pool-locally: cell (v, c) = sum of member c's shares in member v's entries. A pool of
// m members holds at most m² pairs; up to DENSE_MAX_MEMBERS members they live in one flat
// Float64Array (row v contiguous, so adding a victim's shares is one pass over memory), allocated
// when the pool first has an entry; larger pools keep only the pairs that occur, in a Map.

/** Largest pool kept dense: 2048² cells = 32 MiB. */
const DENSE_MAX_MEMBERS = 2048;

export class CauseSums {
  private readonly dense: (Float64Array | null)[];
  private readonly sparse: (Map<number, number> | null)[];
  /** Sparse keys grouped by row, built on the first read after the last change. */
  private readonly rows: (Map<number, number[]> | null)[];

  /** `poolSizes[i]`: members of cross pool i. */
  constructor(private readonly poolSizes: Int32Array) {
    this.dense = Array.from(poolSizes, () => null);
    this.sparse = Array.from(poolSizes, () => null);
    this.rows = Array.from(poolSizes, () => null);
  }

  /** Add `shares[0..m)` (pool-local causes; zeros skipped) to row `v` of pool `pool`. */
  addRow(pool: number, v: number, shares: Float64Array): void {
    const m = this.poolSizes[pool]!;
    if (m <= DENSE_MAX_MEMBERS) {
      let cells = this.dense[pool]!;
      if (cells === null) this.dense[pool] = cells = new Float64Array(m * m);
      const row = v * m;
      for (let c = 0; c < m; c++) {
        const share = shares[c]!;
        if (share !== 0) cells[row + c]! += share;
      }
      return;
    }
    let cells = this.sparse[pool]!;
    if (cells === null) this.sparse[pool] = cells = new Map();
    this.rows[pool] = null;
    for (let c = 0; c < m; c++) {
      const share = shares[c]!;
      if (share !== 0) cells.set(v * m + c, (cells.get(v * m + c) ?? 0) + share);
    }
  }

  /**
   * The dense cells of pool `pool` (row v at v × m), allocated on first use; null for a pool kept
   * sparse (more than DENSE_MAX_MEMBERS members).
   */
  denseRow(pool: number): Float64Array | null {
    const m = this.poolSizes[pool]!;
    if (m > DENSE_MAX_MEMBERS) return null;
    let cells = this.dense[pool]!;
    if (cells === null) this.dense[pool] = cells = new Float64Array(m * m);
    return cells;
  }

  /** Call `visit(c, sum)` for each cause c of row `v` with a positive sum, in member order. */
  forEachCause(pool: number, v: number, visit: (c: number, sum: number) => void): void {
    const m = this.poolSizes[pool]!;
    const cells = this.dense[pool];
    if (cells !== null && cells !== undefined) {
      for (let c = 0, at = v * m; c < m; c++, at++) if (cells[at]! > 0) visit(c, cells[at]!);
      return;
    }
    const map = this.sparse[pool];
    if (map === null || map === undefined) return;
    let rows = this.rows[pool];
    if (rows === null || rows === undefined) {
      // Grouped by row once (sums are read only after every path is added).
      rows = new Map<number, number[]>();
      for (const key of [...map.keys()].sort((a, b) => a - b)) {
        const row = Math.floor(key / m);
        const list = rows.get(row);
        if (list === undefined) rows.set(row, [key]);
        else list.push(key);
      }
      this.rows[pool] = rows;
    }
    for (const key of rows.get(v) ?? []) {
      const sum = map.get(key)!;
      if (sum > 0) visit(key - v * m, sum);
    }
  }

  /** Add every sum of `other` (same pools) into this one. */
  merge(other: CauseSums): void {
    for (let pool = 0; pool < this.poolSizes.length; pool++) {
      const from = other.dense[pool];
      if (from) {
        const into = this.dense[pool];
        if (into) for (let i = 0; i < into.length; i++) into[i]! += from[i]!;
        else this.dense[pool] = Float64Array.from(from);
      }
      const fromMap = other.sparse[pool];
      if (fromMap) {
        let into = this.sparse[pool];
        if (!into) this.sparse[pool] = into = new Map();
        this.rows[pool] = null;
        for (const [key, sum] of fromMap) into.set(key, (into.get(key) ?? 0) + sum);
      }
    }
  }
}
