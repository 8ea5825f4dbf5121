// AssemblyScript source of the path-scan kernels (compiled by `npm run build`, see
// scripts/build-kernels.mjs; the host side is src/kernel/path-scan.ts, which lays out the memory). Not TypeScript
// for tsc: `f64`, `i32`, `usize`, `load<T>` and `store<T>` are AssemblyScript's.
//
// The per-step loops of `stepsByAsset` (path-kernel.ts) over one path: this file holds the sum of
// every asset's cumulative log returns (`cumulatePath`); barrier-steps.ts the scan of one asset's
// steps for those its barrier pools must check and `barrierStep` at them (`barrierScan`); and
// probe-scan.ts the two-factor probe's lazy test over the path (`probeScan`). Their
// readable twins are `barrierAssetNeedsCheck` and `barrierStep` in barrier-pools.ts; the
// arithmetic is theirs, operation for operation and in the same order, so the results are the
// same bits.
//
// Every address is a byte address on the host's memory: the path (cumulative log returns),
// (nSteps + 1) rows of nA, asset a at path[k nA + a]; the log returns, nSteps rows of `columns`;
// the step variance scales (nSteps).

export { approximateExp, barrierScan, exactExp } from './barrier-steps';
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
 * `cumulatePath(path, nA, nSteps, returns, columns, assetColumns, identity, scales) -> max
 * scale`: every asset's cumulative log returns, row after row: path[a] = 0, path[(k + 1) nA + a] =
 * path[k nA + a] + returns[k columns + column_a] (column_a = assetColumns[a], i32). The same
 * additions as asset by asset, but the assets' chains of additions run side by side instead of
 * one after the other; when the columns are the assets in order (`identity`), two assets at a
 * time (f64x2: the same IEEE additions); a single asset's sum in a local (`cumulateOneAsset`). Returns the largest of the step variance scales
 * (scales[0 … nSteps), 0 if none is larger), which the path's safe bands need.
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
  let from = path;
  let source = returns;
  for (let k = 0; k < nSteps; k++, from += row, source += returnsRow) {
    const to = from + row;
    if (identity != 0) {
      let a = 0;
      for (; a + 1 < nA; a += 2) {
        const o = <usize>a << 3;
        v128.store(to + o, f64x2.add(v128.load(from + o), v128.load(source + o)));
      }
      if (a < nA) store<f64>(to + (<usize>a << 3), load<f64>(from + (<usize>a << 3)) + load<f64>(source + (<usize>a << 3)));
    } else {
      for (let a = 0; a < nA; a++) {
        const o = <usize>a << 3;
        store<f64>(to + o, load<f64>(from + o) + load<f64>(source + (<usize>load<i32>(assetColumns + (<usize>a << 2)) << 3)));
      }
    }
  }
  return maxScale;
}
