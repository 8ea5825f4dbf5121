// How TypeScript and the path scan's `barrierScan` kernel talk through the WebAssembly memory
// (path-scan.ts): the header slots that hold the byte addresses of the buffers it reads (the
// per-asset ones included: pool ranges, variances, bands), the block where it leaves its result,
// and the statuses it returns and is given. Byte offsets throughout. The
// AssemblyScript kernel imports this file too (assembly/barrier-steps.ts), so it must stay plain
// constants that both compilers read: no imports, no other code.

// Header of the memory: the byte addresses of the buffers `barrierScan` reads (i32 each), then
// its result.
export const H_PATH = 0;
export const H_SCALES = 4;
export const H_LIST = 8;
export const H_ALIVE = 12;
export const H_LOW = 16;
export const H_HIGH = 20;
export const H_SURVIVAL_LOW = 24;
export const H_SURVIVAL_HIGH = 28;
export const H_THRESHOLD_LOW = 32;
export const H_THRESHOLD_HIGH = 36;
export const H_EVENTS = 40;
/** Per asset a: its range of the pool list, list[poolStart[a] … poolStart[a + 1]) (i32, nA + 1). */
export const H_POOL_START = 44;
/** Per asset a: the end of its live pools in the list on this path (i32, nA; the scan sets it at the asset's start). */
export const H_POOL_END = 48;
/** Per asset a: the variance of its log return over a step of scale 1 (f64, nA). */
export const H_VARIANCE = 52;
/**
 * The assets' bands (f64, 4 nA): nearLow[nA], nearHigh[nA], safeLow[nA], safeHigh[nA], as
 * `refreshNearest` (barrier-pools.ts) leaves them; the kernel state's views (`assetNearestLow` …),
 * which the scan moves itself after an event.
 */
export const H_BAND = 56;
/**
 * The assets' first thresholds on this path (f64, 2 per asset and one asset more, nA rounded up
 * to even): asset a's lower at 2a, its upper at 2a + 1, `keyedUniform(word0, word1,
 * KEY_ASSET_LOWER | a, 0)` and KEY_ASSET_UPPER | a, drawn by the scan when the path starts.
 */
export const H_ASSET_DRAWS = 60;
/** Result: [k, p, pool-steps counted, sides] (i32), then [pLow, pHigh] (f64), then the asset (i32). */
export const RESULT_AT = 64;
/** The asset of the result (i32). */
export const RESULT_ASSET_AT = 96;
export const HEADER_BYTES = 128;
/**
 * [1024, BUFFERS_AT): room for the static data of the AssemblyScript kernels on this memory (none
 * today; they are compiled with --memoryBase 1024, and the build checks that any data ends below
 * BUFFERS_AT, see scripts/build-kernels.mjs). The path buffers start at BUFFERS_AT.
 */
export const BUFFERS_AT = 8192;

/** `barrierScan` statuses. */
export const BARRIER_DONE = 0;
export const BARRIER_NEEDS_THRESHOLD = 1;
export const BARRIER_HIT = 2;
/**
 * An approximate survival factor (see `barrierScan`) too close to its threshold to decide the
 * step: the caller runs the path again with exact factors.
 */
export const BARRIER_UNDECIDED = 3;
/**
 * The bound on the error of an approximate survival factor per step it has run (`crossingStep` in
 * assembly/barrier-steps.ts): 2^-39, 2048 times the 2^-50 that its exp and roundings can add in
 * one step.
 */
export const SURVIVAL_ERROR_PER_STEP = 1.8189894035458565e-12;
/**
 * `barrierScan`'s resume modes (besides 0, a fresh scan): go on at a step it stopped in, and then
 * on; or the same after a liquidation event at that step, with a new band once the step is done.
 */
export const BARRIER_RESUME = 1;
export const BARRIER_AFTER_EVENT = 2;
