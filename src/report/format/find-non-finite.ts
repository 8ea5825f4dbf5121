// Guard at the report boundary: a NaN or an infinity in a result is a bug upstream, and a report
// must never turn it into a plausible-looking number (or `null`, which means "does not exist").

/**
 * Path of the first number in `value` that is not finite (`modes.cross.positions[2].margin`),
 * or null when every number is finite. Walks plain objects and arrays; `path` prefixes the result.
 */
function findNonFinite(value: unknown, path = ''): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : path || '(root)';
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNonFinite(value[i], `${path}[${i}]`);
      if (found !== null) return found;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      const found = findNonFinite(child, path === '' ? key : `${path}.${key}`);
      if (found !== null) return found;
    }
  }
  return null;
}

/**
 * Whether every number in `value` is finite: the same walk as findNonFinite without building a
 * path per element (the report writers check every account, so this runs on every number written).
 */
function allFinite(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object' || value === null) return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!allFinite(value[i])) return false;
    return true;
  }
  for (const key in value) {
    if (Object.prototype.hasOwnProperty.call(value, key) && !allFinite((value as Record<string, unknown>)[key])) return false;
  }
  return true;
}

/**
 * Whether every number in each object of `values` is finite, the properties `skipped` of each left
 * out (a writer that checks those numbers itself, as it formats them or field by field, walks only the rest).
 */
export function allFiniteBeside(values: Readonly<Record<string, object>>, skipped: readonly string[]): boolean {
  for (const name in values) {
    if (!Object.prototype.hasOwnProperty.call(values, name)) continue;
    const value = values[name] as Record<string, unknown>;
    for (const key in value) {
      if (!skipped.includes(key) && Object.prototype.hasOwnProperty.call(value, key) && !allFinite(value[key])) return false;
    }
  }
  return true;
}

/** Throws, naming the account and the field, when an evaluation holds a non-finite number. */
export function assertAllFinite(value: unknown, what: string): void {
  if (allFinite(value)) return;
  const path = findNonFinite(value);
  if (path !== null) throw new Error(`report: ${what} holds a non-finite number at ${path} (a bug in the evaluation, not in the input)`);
}
