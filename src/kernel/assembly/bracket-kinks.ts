// AssemblyScript (see gradient-scan.ts): the kink bound κ N of a cross pool's member, the largest
// change of its maintenance's slope in the notional over the notionals within a factor
// RADIUS_SHORTCUT_RATIO of its own (the second lazy bound's K_a terms, lazy-bound.ts). Read by the
// pool's health with slopes (pool-health.ts) and by the kernel's lazily computed kinks
// (anchor-kinks.ts).

import { RADIUS_SHORTCUT_RATIO } from '../radius-shortcut';
import { MEMBER_BRACKETS, MEMBER_BRACKET_COUNT, BRACKET_FLOOR, BRACKET_RATE, BRACKET_AMOUNT, BRACKET_RECORD_BYTES } from '../member-record';

/**
 * κ N (lazy-bound.ts `kinkBound`, the same operations): for the member whose bracket `b` (of
 * `count`, records from `brackets`) holds its notional N, the largest change of the maintenance's
 * slope in the notional, |rate_j [N' rate_j − amount_j > 0] − slopeE|, over the notionals N' within a
 * factor RADIUS_SHORTCUT_RATIO of N (every bracket j that range reaches, each with both slopes it
 * may take there), slopeE the slope at N; times N.
 */
export function kinkBound(brackets: usize, count: i32, b: i32, notional: f64, slopeE: f64): f64 {
  const high = notional * RADIUS_SHORTCUT_RATIO;
  const low = notional / RADIUS_SHORTCUT_RATIO;
  let j = b;
  while (j > 0 && load<f64>(brackets + <usize>j * BRACKET_RECORD_BYTES, BRACKET_FLOOR) > low) j--;
  let kappa: f64 = 0;
  for (; j < count; j++) {
    const at = brackets + <usize>j * BRACKET_RECORD_BYTES;
    const floor = load<f64>(at, BRACKET_FLOOR);
    if (j > b && floor > high) break;
    const upper = j + 1 < count ? load<f64>(at, BRACKET_RECORD_BYTES + BRACKET_FLOOR) : Infinity;
    const rate = load<f64>(at, BRACKET_RATE);
    const amount = load<f64>(at, BRACKET_AMOUNT);
    const rawLow = max<f64>(floor, low) * rate - amount;
    const rawHigh = min<f64>(upper, high) * rate - amount;
    if (rawLow > 0 || rawHigh > 0) kappa = max<f64>(kappa, abs<f64>(rate - slopeE));
    if (!(rawLow > 0 && rawHigh > 0)) kappa = max<f64>(kappa, abs<f64>(slopeE));
  }
  return kappa * notional;
}

/** κ N (`kinkBound`) of the member at record `m`, its notional N in the bracket whose record is at `bracket`, raw = N × rate − amount there. */
@inline export function memberKink(m: usize, bracket: usize, notional: f64, raw: f64, rate: f64): f64 {
  const brackets = <usize>load<i32>(m, MEMBER_BRACKETS);
  const b = <i32>((bracket - brackets) / BRACKET_RECORD_BYTES);
  return kinkBound(brackets, load<i32>(m, MEMBER_BRACKET_COUNT), b, notional, raw > 0 ? rate : 0.0);
}
