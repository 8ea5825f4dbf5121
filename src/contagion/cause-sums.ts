// Σ over paths of each cause's share in each victim's (or rescue's) liquidation, per cross pool,
// indexed pool-locally: cell (v, c) = sum of member c's shares in member v's entries.
//   Pools of up to `denseMaxMembers` members (the exact rule): one flat Float64Array of m² cells,
//   row v contiguous (adding a victim's shares is one pass over memory), allocated when the pool
//   first has an entry.
//   Larger pools (the large-pool rule, large-pool-causes.ts, names a few causes per entry and
//   path): each row keeps at most ROW_CAUSES causes, by the Space-Saving rule (Metwally, Agrawal
//   & El Abbadi, "Efficient computation of frequent and top-k elements in data streams", 2005): a
//   cause not in a full row takes the place of the row's smallest sum s_min, starting at s_min +
//   share with error s_min. Its true sum lies in [sum − error, sum], and every error is at most
//   the row's total / ROW_CAUSES; a cause with a true sum above that is never dropped. A row's
//   causes are read as sum − error (lower bounds), so memory is O(m × ROW_CAUSES) whatever the
//   number of paths, and the mass not read is left to the entry's `othersShare`.

/** Causes a row of a large pool keeps. */
export const ROW_CAUSES = 32;

/** Largest pool kept dense by default (2048² cells = 32 MiB). */
const DENSE_MAX_MEMBERS = 2048;

/** One large pool's rows: ROW_CAUSES slots each (cause, sum, error), `used` of them filled. */
interface BoundedRows {
  readonly cause: Int32Array;
  readonly sum: Float64Array;
  readonly error: Float64Array;
  readonly used: Int32Array;
}

export class CauseSums {
  private readonly dense: (Float64Array | null)[];
  private readonly bounded: (BoundedRows | null)[];

  /** `poolSizes[i]`: members of cross pool i; pools of more than `denseMaxMembers` keep bounded rows. */
  constructor(
    private readonly poolSizes: Int32Array,
    private readonly denseMaxMembers = DENSE_MAX_MEMBERS,
  ) {
    this.dense = Array.from(poolSizes, () => null);
    this.bounded = Array.from(poolSizes, () => null);
  }

  /** Add `shares[0..m)` (pool-local causes; zeros skipped) to row `v` of pool `pool`. */
  addRow(pool: number, v: number, shares: Float64Array): void {
    const m = this.poolSizes[pool]!;
    for (let c = 0; c < m; c++) {
      const share = shares[c]!;
      if (share !== 0) this.addCause(pool, v, c, share);
    }
  }

  /** Add `share` of cause `c` to row `v` of pool `pool` (`error`: what it may overstate, from a merge). */
  addCause(pool: number, v: number, c: number, share: number, error = 0): void {
    const m = this.poolSizes[pool]!;
    if (m <= this.denseMaxMembers) {
      this.denseRow(pool)![v * m + c]! += share;
      return;
    }
    let rows = this.bounded[pool]!;
    if (rows === null) {
      rows = { cause: new Int32Array(m * ROW_CAUSES), sum: new Float64Array(m * ROW_CAUSES), error: new Float64Array(m * ROW_CAUSES), used: new Int32Array(m) };
      this.bounded[pool] = rows;
    }
    const start = v * ROW_CAUSES;
    const used = rows.used[v]!;
    for (let s = start; s < start + used; s++) {
      if (rows.cause[s] === c) {
        rows.sum[s]! += share;
        rows.error[s]! += error;
        return;
      }
    }
    if (used < ROW_CAUSES) {
      rows.cause[start + used] = c;
      rows.sum[start + used] = share;
      rows.error[start + used] = error;
      rows.used[v] = used + 1;
      return;
    }
    // Full: c takes the place of the smallest sum (the first of equal ones), inheriting it as error.
    let smallest = start;
    for (let s = start + 1; s < start + ROW_CAUSES; s++) if (rows.sum[s]! < rows.sum[smallest]!) smallest = s;
    const floor = rows.sum[smallest]!;
    rows.cause[smallest] = c;
    rows.sum[smallest] = floor + share;
    rows.error[smallest] = floor + error;
  }

  /**
   * The dense cells of pool `pool` (row v at v × m), allocated on first use; null for a pool with
   * bounded rows (more than `denseMaxMembers` members).
   */
  denseRow(pool: number): Float64Array | null {
    const m = this.poolSizes[pool]!;
    if (m > this.denseMaxMembers) return null;
    let cells = this.dense[pool]!;
    if (cells === null) this.dense[pool] = cells = new Float64Array(m * m);
    return cells;
  }

  /**
   * Call `visit(c, sum)` for each cause c of row `v` with a positive sum, in member order (a
   * bounded row: its causes' lower bounds, sum − error).
   */
  forEachCause(pool: number, v: number, visit: (c: number, sum: number) => void): void {
    const m = this.poolSizes[pool]!;
    const cells = this.dense[pool];
    if (cells !== null && cells !== undefined) {
      for (let c = 0, at = v * m; c < m; c++, at++) if (cells[at]! > 0) visit(c, cells[at]!);
      return;
    }
    const rows = this.bounded[pool];
    if (rows === null || rows === undefined) return;
    const start = v * ROW_CAUSES;
    const slots = Array.from({ length: rows.used[v]! }, (_, i) => start + i).sort((a, b) => rows.cause[a]! - rows.cause[b]!);
    for (const s of slots) {
      const lower = rows.sum[s]! - rows.error[s]!;
      if (lower > 0) visit(rows.cause[s]!, lower);
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
      const rows = other.bounded[pool];
      if (rows) {
        for (let v = 0; v < this.poolSizes[pool]!; v++) {
          for (let s = v * ROW_CAUSES; s < v * ROW_CAUSES + rows.used[v]!; s++) this.addCause(pool, v, rows.cause[s]!, rows.sum[s]!, rows.error[s]!);
        }
      }
    }
  }
}
