// Small shape tests used to recognise an export by its JSON structure: the first element of a
// root array, a member of a nested envelope (`result.list`, `data`), the presence of keys.

import { isPlainObject } from './export-record.js';

/** The member at `path` (e.g. `['result', 'list']`) of nested objects, or undefined. */
export function memberAt(root: unknown, path: readonly string[]): unknown {
  let value = root;
  for (const key of path) {
    if (!isPlainObject(value) || !Object.hasOwn(value, key)) return undefined;
    value = value[key];
  }
  return value;
}

/** The first element of an array when it is an object, else undefined. */
export function firstObject(value: unknown): Record<string, unknown> | undefined {
  if (!Array.isArray(value)) return undefined;
  const first: unknown = value[0];
  return isPlainObject(first) ? first : undefined;
}

/** Whether `value` is an object with every one of `keys` as an own property. */
export function hasKeys(value: unknown, ...keys: string[]): value is Record<string, unknown> {
  return isPlainObject(value) && keys.every((k) => Object.hasOwn(value, k));
}

/** Whether a normalised CSV header holds every one of `names` (given in any spelling). */
export function headerHas(header: ReadonlySet<string>, ...names: string[]): boolean {
  return names.every((n) => header.has(n.toLowerCase().replace(/[\s_.\-]+/g, '')));
}
