// AssemblyScript (see gradient-scan.ts): a gradient pool's state after step 0, kept and restored
// (src/kernel/path-start.ts `copyPathStart`). Every path starts from the same step 0, so the pool's
// health, gradient and lazy anchors after it are kept once, in a record of their own on this memory,
// and copied back at the start of each next path: here, in one call per pool, instead of a dozen
// typed-array copies of a few values each on the host.
//
// The record (../path-start-record.ts, KEPT_SCALARS + KEPT_ROWS × nA values, f64): the pool's
// health, anchor health, anchor σ bound, anchor gradient norm and kinks' σ; then its rows (nA
// each) of gradient, anchor log prices, anchor slopes, and the second bound's gradient, curvature,
// spread, radii up and down, and kinks.

import { KEPT_SCALARS } from '../path-start-record';
import { setKinksPending } from './anchor-kinks';
import { nA, healthPrevAt, anchorHealthAt, anchorSigmaAt, anchorNormAt, gradientPrevAt, anchorLogAt, anchorSlopeAt, anchorGradientAt, anchorCurvatureAt, anchorSpreadAt, anchorUpAt, anchorDownAt, anchorKinkAt, anchorKinkSigmaAt, freshAt } from './kernel-memory';

/** `count` values between the live array at `live` and the record at `kept`: into the record when `save`, else back. */
@inline function copyValues(live: usize, kept: usize, count: i32, save: bool): void {
  for (let i = 0; i < count; i++) {
    const o = <usize>i << 3;
    if (save) store<f64>(kept + o, load<f64>(live + o));
    else store<f64>(live + o, load<f64>(kept + o));
  }
}

/** One row of nA values (`rowBytes`) between `live` and the record at `kept`; returns where the record's next row starts. */
@inline function copyRow(live: usize, kept: usize, rowBytes: usize, save: bool): usize {
  copyValues(live, kept, nA, save);
  return kept + rowBytes;
}

/**
 * Keep (`save` 1) pool `pool`'s state after step 0 in the record at byte address `record`, or
 * restore it from there (`save` 0); either way the pool was just evaluated (fresh).
 */
export function copyPoolStart(pool: i32, record: usize, save: i32): void {
  const keep = save != 0;
  const one = <usize>pool << 3;
  copyValues(healthPrevAt + one, record, 1, keep);
  copyValues(anchorHealthAt + one, record + 8, 1, keep);
  copyValues(anchorSigmaAt + one, record + 16, 1, keep);
  copyValues(anchorNormAt + one, record + 24, 1, keep);
  copyValues(anchorKinkSigmaAt + one, record + 32, 1, keep);
  const rowBytes = <usize>nA << 3;
  const row = <usize>pool * rowBytes;
  let at = record + (<usize>KEPT_SCALARS << 3);
  at = copyRow(gradientPrevAt + row, at, rowBytes, keep);
  at = copyRow(anchorLogAt + row, at, rowBytes, keep);
  at = copyRow(anchorSlopeAt + row, at, rowBytes, keep);
  at = copyRow(anchorGradientAt + row, at, rowBytes, keep);
  at = copyRow(anchorCurvatureAt + row, at, rowBytes, keep);
  at = copyRow(anchorSpreadAt + row, at, rowBytes, keep);
  at = copyRow(anchorUpAt + row, at, rowBytes, keep);
  at = copyRow(anchorDownAt + row, at, rowBytes, keep);
  copyRow(anchorKinkAt + row, at, rowBytes, keep);
  store<u8>(freshAt + <usize>pool, 1);
  // The kept anchor is the host's, with its kinks (anchor-kinks.ts).
  setKinksPending(pool, false);
}
