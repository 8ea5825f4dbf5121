// The path scan's barrier steps as a WebAssembly function (`barrierSteps`, see path-scan.ts):
// `barrierStep` of barrier-pools.ts for the steps `scanBarrier` flagged and the asset's live
// barrier pools, stopping where TypeScript must take over (a threshold to draw after an event,
// or a pool hit).

import { F64, FunctionBody, I32, Op } from '../scenarios/random/wasm-assembler.js';
import { KEY_ASSET_LOWER, KEY_ASSET_UPPER } from './keyed-uniform.js';
import { CROSSING_EXPONENT_CUTOFF } from './monitoring-limits.js';
import { emitKeyedUniform } from './path-scan-keyed-uniform.js';
import {
  BARRIER_DONE,
  BARRIER_HIT,
  BARRIER_NEEDS_THRESHOLD,
  H_ALIVE,
  H_EVENTS,
  H_FLAGS,
  H_HIGH,
  H_LIST,
  H_LOW,
  H_PATH,
  H_SCALES,
  H_SURVIVAL_HIGH,
  H_SURVIVAL_LOW,
  H_THRESHOLD_HIGH,
  H_THRESHOLD_LOW,
  RESULT_AT,
} from './path-scan-memory.js';

/**
 * `barrierSteps(a, nA, f0, count, p0, poolStart, poolEnd, variance, bridge) -> status` (imports
 * env.exp = Math.exp): `barrierStep` (barrier-pools.ts, no bars) for the steps flags[f0 … count)
 * of asset a and its live pools list[poolStart … poolEnd), from pool p0 at the first step:
 * ```
 * hitLow = x1 <= lo;  hitHigh = x1 >= hi;  pLow = hitLow ? 1 : 0;  pHigh = hitHigh ? 1 : 0
 * bridge, !hitLow, lo > −∞, e2 = 2 (x0 − lo)(x1 − lo) < CUTOFF × (variance × scales[k]):
 *   pLow = exp(−e2 / (variance × scales[k]));  S_low ← S_low (1 − pLow);  hitLow = S_low <= U_low
 * (and the same above hi)
 * ```
 * A threshold U it needs and not drawn yet (NaN) it draws itself when the pool has had no event
 * (the asset's, `keyedUniform(word0, word1, KEY_ASSET_LOWER | a, 0)` or _UPPER, as
 * `thresholdLow` / `thresholdHigh`); otherwise it stops there, before changing the pool:
 * BARRIER_NEEDS_THRESHOLD, the sides in the result (1 low, 2 high). After a pool is hit it stops:
 * BARRIER_HIT, the sides hit and pLow, pHigh in the result; otherwise BARRIER_DONE. The result
 * also holds where it stopped (f, p) and how many pool-steps it completed.
 */
export function barrierStepsFunction(): FunctionBody {
  const f = new FunctionBody(11);
  const [a, nA, f0, count, p0, poolStart, poolEnd, variance, bridge, word0, word1] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const EXP = 0;
  const at = {
    path: f.local(I32),
    flags: f.local(I32),
    scales: f.local(I32),
    list: f.local(I32),
    alive: f.local(I32),
    low: f.local(I32),
    high: f.local(I32),
    survivalLow: f.local(I32),
    survivalHigh: f.local(I32),
    thresholdLow: f.local(I32),
    thresholdHigh: f.local(I32),
    events: f.local(I32),
  };
  const step = f.local(I32);
  const p = f.local(I32);
  const k = f.local(I32);
  const i8 = f.local(I32);
  const counted = f.local(I32);
  const needLow = f.local(I32);
  const needHigh = f.local(I32);
  const hitLow = f.local(I32);
  const hitHigh = f.local(I32);
  const missing = f.local(I32);
  const x0 = f.local(F64);
  const x1 = f.local(F64);
  const v = f.local(F64);
  const limit = f.local(F64);
  const lo = f.local(F64);
  const hi = f.local(F64);
  const e2Low = f.local(F64);
  const e2High = f.local(F64);
  const pLow = f.local(F64);
  const pHigh = f.local(F64);
  const headers: [number, number][] = [
    [at.path, H_PATH],
    [at.flags, H_FLAGS],
    [at.scales, H_SCALES],
    [at.list, H_LIST],
    [at.alive, H_ALIVE],
    [at.low, H_LOW],
    [at.high, H_HIGH],
    [at.survivalLow, H_SURVIVAL_LOW],
    [at.survivalHigh, H_SURVIVAL_HIGH],
    [at.thresholdLow, H_THRESHOLD_LOW],
    [at.thresholdHigh, H_THRESHOLD_HIGH],
    [at.events, H_EVENTS],
  ];
  const hash = [f.local(I32), f.local(I32), f.local(I32), f.local(I32)] as const;
  const mixed = f.local(I32);
  for (const [local, offset] of headers) f.i32(0).memory(Op.i32Load, offset).set(local);
  const result = (sides: number, status: number): void => {
    f.i32(0).get(step).memory(Op.i32Store, RESULT_AT);
    f.i32(0).get(p).memory(Op.i32Store, RESULT_AT + 4);
    f.i32(0).get(counted).memory(Op.i32Store, RESULT_AT + 8);
    f.i32(0).get(sides).memory(Op.i32Store, RESULT_AT + 12);
    f.i32(0).get(pLow).memory(Op.f64Store, RESULT_AT + 16);
    f.i32(0).get(pHigh).memory(Op.f64Store, RESULT_AT + 24);
    f.i32(status).op(Op.return);
  };
  const pool = (base: number): void => {
    f.get(base).get(i8).op(Op.i32Add);
  };
  f.get(f0).set(step);
  f.get(p0).set(p);
  f.begin(Op.block).begin(Op.loop); // steps
  f.get(step).get(count).op(Op.i32GeS).branch(Op.brIf, 1);
  f.get(at.flags).get(step).i32(2).op(Op.i32Shl).op(Op.i32Add).memory(Op.i32Load).set(k);
  f.get(at.path).get(k).get(nA).op(Op.i32Mul).get(a).op(Op.i32Add).i32(3).op(Op.i32Shl).op(Op.i32Add).memory(Op.f64Load).set(x0);
  f.get(at.path).get(k).i32(1).op(Op.i32Add).get(nA).op(Op.i32Mul).get(a).op(Op.i32Add).i32(3).op(Op.i32Shl).op(Op.i32Add).memory(Op.f64Load).set(x1);
  f.get(variance).get(at.scales).get(k).i32(3).op(Op.i32Shl).op(Op.i32Add).memory(Op.f64Load).op(Op.f64Mul).set(v);
  f.f64(CROSSING_EXPONENT_CUTOFF).get(v).op(Op.f64Mul).set(limit);
  f.begin(Op.block).begin(Op.loop); // pools
  f.get(p).get(poolEnd).op(Op.i32GeS).branch(Op.brIf, 1);
  // i8 = 8 × list[p]; live pools only
  f.get(at.list).get(p).i32(2).op(Op.i32Shl).op(Op.i32Add).memory(Op.i32Load).i32(3).op(Op.i32Shl).set(i8);
  f.get(at.alive).get(i8).i32(3).op(Op.i32ShrU).op(Op.i32Add).memory(Op.i32Load8U).begin(Op.if);
  pool(at.low);
  f.memory(Op.f64Load).set(lo);
  pool(at.high);
  f.memory(Op.f64Load).set(hi);
  f.get(x1).get(lo).op(Op.f64Le).tee(hitLow).op(Op.f64ConvertI32S).set(pLow);
  f.get(x1).get(hi).op(Op.f64Ge).tee(hitHigh).op(Op.f64ConvertI32S).set(pHigh);
  f.get(bridge).begin(Op.if);
  f.f64(2).get(x0).get(lo).op(Op.f64Sub).op(Op.f64Mul).get(x1).get(lo).op(Op.f64Sub).op(Op.f64Mul).set(e2Low);
  f.f64(2).get(hi).get(x0).op(Op.f64Sub).op(Op.f64Mul).get(hi).get(x1).op(Op.f64Sub).op(Op.f64Mul).set(e2High);
  f.get(hitLow).op(Op.i32Eqz).get(lo).f64(-Infinity).op(Op.f64Gt).op(Op.i32And).get(e2Low).get(limit).op(Op.f64Lt).op(Op.i32And).set(needLow);
  f.get(hitHigh).op(Op.i32Eqz).get(hi).f64(Infinity).op(Op.f64Lt).op(Op.i32And).get(e2High).get(limit).op(Op.f64Lt).op(Op.i32And).set(needHigh);
  // Nothing more for a pool the bridge cannot reach on either side (the far one of the step).
  f.get(needLow).get(needHigh).op(Op.i32Or).begin(Op.if);
  // A threshold needed but not drawn yet (NaN): before any event it is the asset's, drawn here
  // (`thresholdLow` / `thresholdHigh`); after one, back to JavaScript before changing anything.
  f.get(at.events).get(i8).i32(1).op(Op.i32ShrU).op(Op.i32Add).memory(Op.i32Load).op(Op.i32Eqz).begin(Op.if);
  ([
    [needLow, at.thresholdLow, KEY_ASSET_LOWER],
    [needHigh, at.thresholdHigh, KEY_ASSET_UPPER],
  ] as const).forEach(([need, threshold, keyKind]) => {
    f.get(need);
    pool(threshold);
    f.memory(Op.f64Load);
    pool(threshold);
    f.memory(Op.f64Load).op(Op.f64Ne).op(Op.i32And).begin(Op.if);
    pool(threshold);
    emitKeyedUniform(f, word0, word1, keyKind, a, hash, mixed);
    f.memory(Op.f64Store);
    f.op(Op.end);
  });
  f.op(Op.end);
  f.get(needLow);
  pool(at.thresholdLow);
  f.memory(Op.f64Load);
  pool(at.thresholdLow);
  f.memory(Op.f64Load).op(Op.f64Ne).op(Op.i32And);
  f.get(needHigh);
  pool(at.thresholdHigh);
  f.memory(Op.f64Load);
  pool(at.thresholdHigh);
  f.memory(Op.f64Load).op(Op.f64Ne).op(Op.i32And).i32(1).op(Op.i32Shl).op(Op.i32Or).tee(missing);
  f.begin(Op.if);
  result(missing, BARRIER_NEEDS_THRESHOLD);
  f.op(Op.end);
  f.get(needLow).begin(Op.if);
  f.get(e2Low).op(Op.f64Neg).get(v).op(Op.f64Div).call(EXP).set(pLow);
  pool(at.survivalLow);
  pool(at.survivalLow);
  f.memory(Op.f64Load).f64(1).get(pLow).op(Op.f64Sub).op(Op.f64Mul).memory(Op.f64Store);
  pool(at.survivalLow);
  f.memory(Op.f64Load);
  pool(at.thresholdLow);
  f.memory(Op.f64Load).op(Op.f64Le).set(hitLow);
  f.op(Op.end);
  f.get(needHigh).begin(Op.if);
  f.get(e2High).op(Op.f64Neg).get(v).op(Op.f64Div).call(EXP).set(pHigh);
  pool(at.survivalHigh);
  pool(at.survivalHigh);
  f.memory(Op.f64Load).f64(1).get(pHigh).op(Op.f64Sub).op(Op.f64Mul).memory(Op.f64Store);
  pool(at.survivalHigh);
  f.memory(Op.f64Load);
  pool(at.thresholdHigh);
  f.memory(Op.f64Load).op(Op.f64Le).set(hitHigh);
  f.op(Op.end);
  f.op(Op.end); // needLow | needHigh
  f.op(Op.end); // bridge
  f.get(counted).i32(1).op(Op.i32Add).set(counted);
  f.get(hitLow).get(hitHigh).op(Op.i32Or).begin(Op.if);
  f.get(hitLow).get(hitHigh).i32(1).op(Op.i32Shl).op(Op.i32Or).set(missing);
  result(missing, BARRIER_HIT);
  f.op(Op.end);
  f.op(Op.end); // alive
  f.get(p).i32(1).op(Op.i32Add).set(p).branch(Op.br, 0);
  f.op(Op.end).op(Op.end); // pools
  f.get(step).i32(1).op(Op.i32Add).set(step);
  f.get(poolStart).set(p);
  f.branch(Op.br, 0);
  f.op(Op.end).op(Op.end); // steps
  result(missing, BARRIER_DONE);
  f.i32(BARRIER_DONE);
  return f;
}
