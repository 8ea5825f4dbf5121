// Copies and fills of the kernel's short per-path arrays (one value per asset, per pool): a
// typed-array builtin call (`set`, `fill`) costs some tens of nanoseconds however short the
// array, several times a loop of a few stores, and the path kernel makes a dozen such calls per
// path. Longer arrays still go to the builtin, faster from some dozen values on.

/** Arrays up to this length are copied or filled by a loop. */
const SHORT_LENGTH = 16;

/** `to.set(from)` (the same values; `to` at least as long). */
export function copyShort(to: Float64Array, from: Float64Array): void {
  const n = from.length;
  if (n > SHORT_LENGTH) {
    to.set(from);
    return;
  }
  for (let i = 0; i < n; i++) to[i] = from[i]!;
}

/** `to.fill(value)`. */
export function fillShort(to: Float64Array, value: number): void {
  const n = to.length;
  if (n > SHORT_LENGTH) {
    to.fill(value);
    return;
  }
  for (let i = 0; i < n; i++) to[i] = value;
}
