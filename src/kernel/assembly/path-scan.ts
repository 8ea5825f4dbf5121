// AssemblyScript source of the path-scan kernels (compiled by `npm run build`, see
// scripts/build-kernels.mjs; the host side is src/kernel/path-scan.ts, which lays out the memory). Not TypeScript
// for tsc: `f64`, `i32`, `usize`, `load<T>` and `store<T>` are AssemblyScript's.
//
// The per-step loops of `stepsByAsset` (path-kernel.ts) over one path: this file holds the sum of
// every asset's cumulative log returns (`cumulatePath`); barrier-steps.ts the scan of the assets'
// steps, one asset after the other, for those their barrier pools must check (barrier-scan.ts,
// `barrierScan`) and `barrierStep` at them (barrier-steps.ts); and
// probe-scan.ts the two-factor probe's lazy test over the path (`probeScan`). Their
// readable twins are `barrierAssetNeedsCheck` and `barrierStep` in barrier-pools.ts; the
// arithmetic is theirs, operation for operation and in the same order, so the results are the
// same bits.
//
// Every address is a byte address on the host's memory: the path (cumulative log returns),
// (nSteps + 1) rows of nA, asset a at path[k nA + a]; the log returns, nSteps rows of `columns`;
// the step variance scales (nSteps).

export { barrierScan } from './barrier-scan';
export { approximateExp, exactExp } from './barrier-steps';
export { probeScan } from './probe-scan';


/**
 * `cumulatePath` of a single asset (its returns at `source`, `stride` bytes apart): the same
 * additions, path[k + 1] = path[k] + returns[k], the running sum held in a local instead of read
 * back from the row just stored (one addition's latency a step instead of a store, a load and an
 * addition), and the largest scale found in the same loop.
 */
@inline function cumulateOneAsset(path: usize, nSteps: i32, source: usize, stride: usize, scales: usize): f64 {
  let maxScale: f64 = 0;
  let x: f64 = 0;
  store<f64>(path, x);
  for (let k = 0; k < nSteps; k++, source += stride) {
    const scale = load<f64>(scales + (<usize>k << 3));
    if (scale > maxScale) maxScale = scale;
    x += load<f64>(source);
    store<f64>(path + (<usize>(k + 1) << 3), x);
  }
  return maxScale;
}

/**
 * Assets a … a + 2 × pairs − 1 (pairs = 1, 2 or 4, in column order) of `cumulatePath`, all the
 * steps: each pair's running sums in the two lanes of an f64x2 held in a local, path[k + 1] =
 * path[k] + returns[k] (the same IEEE additions in the same order as row by row, but without
 * reading back the row just stored: one addition's latency a step instead of a store, a load and
 * an addition), each step's sums stored into the path's row.
 */
@inline function cumulatePairs(path: usize, nA: i32, nSteps: i32, returns: usize, columns: i32, a: i32, pairs: i32): void {
  const row = <usize>nA << 3;
  const returnsRow = <usize>columns << 3;
  const o = <usize>a << 3;
  let to = path + row + o;
  let source = returns + o;
  let x0 = f64x2.splat(0);
  let x1 = f64x2.splat(0);
  let x2 = f64x2.splat(0);
  let x3 = f64x2.splat(0);
  for (let k = 0; k < nSteps; k++, to += row, source += returnsRow) {
    x0 = f64x2.add(x0, v128.load(source));
    v128.store(to, x0);
    if (pairs >= 2) {
      x1 = f64x2.add(x1, v128.load(source, 16));
      v128.store(to, x1, 16);
    }
    if (pairs >= 4) {
      x2 = f64x2.add(x2, v128.load(source, 32));
      x3 = f64x2.add(x3, v128.load(source, 48));
      v128.store(to, x2, 32);
      v128.store(to, x3, 48);
    }
  }
}

/**
 * `cumulatePath(path, nA, nSteps, returns, columns, assetColumns, identity, scales) -> max
 * scale`: every asset's cumulative log returns, row after row: path[a] = 0, path[(k + 1) nA + a] =
 * path[k nA + a] + returns[k columns + column_a] (column_a = assetColumns[a], i32). The same
 * additions as asset by asset, but the assets' chains of additions run side by side instead of
 * one after the other; when the columns are the assets in order (`identity`), the sums of up to
 * eight assets at a time held in f64x2 locals over all the steps (`cumulatePairs`: the same IEEE
 * additions), an odd last asset's in a local; a single asset's sum in a local
 * (`cumulateOneAsset`). Returns the largest of the step variance scales (scales[0 … nSteps), 0 if
 * none is larger), which the path's safe bands need.
 */
export function cumulatePath(path: usize, nA: i32, nSteps: i32, returns: usize, columns: i32, assetColumns: usize, identity: i32, scales: usize): f64 {
  if (nA == 1) return cumulateOneAsset(path, nSteps, returns + (<usize>load<i32>(assetColumns) << 3), <usize>columns << 3, scales);
  let maxScale: f64 = 0;
  for (let k = 0; k < nSteps; k++) {
    const scale = load<f64>(scales + (<usize>k << 3));
    if (scale > maxScale) maxScale = scale;
  }
  const row = <usize>nA << 3;
  const returnsRow = <usize>columns << 3;
  for (let a = 0; a < nA; a++) store<f64>(path + (<usize>a << 3), 0);
  if (identity != 0) {
    let a = 0;
    for (; a + 8 <= nA; a += 8) cumulatePairs(path, nA, nSteps, returns, columns, a, 4);
    if (a + 4 <= nA) {
      cumulatePairs(path, nA, nSteps, returns, columns, a, 2);
      a += 4;
    }
    if (a + 2 <= nA) {
      cumulatePairs(path, nA, nSteps, returns, columns, a, 1);
      a += 2;
    }
    if (a < nA) {
      const o = <usize>a << 3;
      let x: f64 = 0;
      let to = path + row + o;
      let source = returns + o;
      for (let k = 0; k < nSteps; k++, to += row, source += returnsRow) {
        x += load<f64>(source);
        store<f64>(to, x);
      }
    }
    return maxScale;
  }
  let from = path;
  let source = returns;
  for (let k = 0; k < nSteps; k++, from += row, source += returnsRow) {
    const to = from + row;
    for (let a = 0; a < nA; a++) {
      const o = <usize>a << 3;
      store<f64>(to + o, load<f64>(from + o) + load<f64>(source + (<usize>load<i32>(assetColumns + (<usize>a << 2)) << 3)));
    }
  }
  return maxScale;
}
