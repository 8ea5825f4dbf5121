// AssemblyScript (see gradient-scan.ts): a row of price factors e^x from a row of log prices, for
// the gradient kernel's health evaluations (step ends and starts, the trigger search's points, the
// anchor's kinks), two assets at a time. Each factor is the host's Math.exp to the bit (host-exp.ts):
// when both logs of a pair lie in fdlibm's unreduced range 2^-28 <= |x| <= ½ ln 2 (high word at
// most 0x3fd62e42: price moves within about ±35 %, nearly every row of a path), that branch's
// operations run in the two lanes of f64x2 operations, each lane the scalar operations in order:
//   t = x², c = x − t (P1 + t (P2 + t (P3 + t (P4 + t P5)))), e^x = 1 − (x c / (c − 2) − x);
// any other pair (a log of 0 or beyond that range, NaN) takes `hostExp` lane by lane.

import { hostExp, P1, P2, P3, P4, P5 } from '../../scenarios/random/assembly/host-exp';
import { nA, f64At, setF64 } from './kernel-memory';

/** 2^-28: below it fdlibm's exp returns 1 + x. */
const CORE_LOW: f64 = 3.725290298461914e-9;
/** The double whose high word is 0x3fd62e43 (low word 0): |x| below it has high word <= 0x3fd62e42, e^x without reduction. */
const CORE_END: f64 = reinterpret<f64>(0x3fd62e4300000000);

/** e^x of both lanes, the host's Math.exp to the bit (see the file header). */
@inline export function expPair(x: v128): v128 {
  const ax = f64x2.abs(x);
  if (v128.all_true<i64>(v128.and(f64x2.ge(ax, f64x2.splat(CORE_LOW)), f64x2.lt(ax, f64x2.splat(CORE_END))))) {
    const t = f64x2.mul(x, x);
    const poly = f64x2.add(f64x2.splat(P1), f64x2.mul(t, f64x2.add(f64x2.splat(P2), f64x2.mul(t, f64x2.add(f64x2.splat(P3), f64x2.mul(t, f64x2.add(f64x2.splat(P4), f64x2.mul(t, f64x2.splat(P5)))))))));
    const c = f64x2.sub(x, f64x2.mul(t, poly));
    return f64x2.sub(f64x2.splat(1), f64x2.sub(f64x2.div(f64x2.mul(x, c), f64x2.sub(c, f64x2.splat(2))), x));
  }
  return f64x2.replace_lane(f64x2.splat(hostExp(f64x2.extract_lane(x, 0))), 1, hostExp(f64x2.extract_lane(x, 1)));
}

/** factors[a] = e^logs[a] for every asset a (byte addresses; `expPair` two at a time, the last of an odd nA alone). */
export function priceFactors(logs: usize, factors: usize): void {
  const n = nA;
  let a = 0;
  for (; a + 1 < n; a += 2) v128.store(factors + (<usize>a << 3), expPair(v128.load(logs + (<usize>a << 3))));
  if (a < n) setF64(factors, a, hostExp(f64At(logs, a)));
}
