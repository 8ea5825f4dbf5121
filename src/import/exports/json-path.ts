// The JSON path notation of import issues, both ways: a member's path from its parent's
// (`result.list[0]["odd key"]`), and a path back to its steps, for locating the value it names.

/** One step of a JSON path: a member name (objects) or an index (arrays). */
export type JsonPathStep = string | number;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const IDENTIFIER_AT = /[A-Za-z_$][A-Za-z0-9_$]*/y;
const INDEX_DIGITS = /^(?:0|[1-9][0-9]*)$/;

/**
 * Path of a member of the value at `parent`: `key` / `parent.key` for identifier-like keys,
 * `parent["odd key"]` otherwise, `parent[3]` for array elements. The root's path is ''.
 * Example: `jsonChildPath('result.list', 0)` → `result.list[0]`; `jsonChildPath('', 'a b')` → `["a b"]`.
 */
export function jsonChildPath(parent: string, key: JsonPathStep): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (IDENTIFIER.test(key)) return parent === '' ? key : `${parent}.${key}`;
  return `${parent}[${JSON.stringify(key)}]`;
}

/** The path of `steps` from the root, as `jsonChildPath` writes it. */
export function jsonPathText(steps: readonly JsonPathStep[]): string {
  let path = '';
  for (const step of steps) path = jsonChildPath(path, step);
  return path;
}

/**
 * The steps of a path as `jsonChildPath` writes it, or null when `path` is not one.
 * Example: `jsonPathSteps('result.list[0]["odd key"]')` → ['result', 'list', 0, 'odd key']; '' → [].
 */
export function jsonPathSteps(path: string): JsonPathStep[] | null {
  const steps: JsonPathStep[] = [];
  let i = 0;
  while (i < path.length) {
    if (path.charCodeAt(i) === 91 /* [ */) {
      const end = path.charCodeAt(i + 1) === 34 /* " */ ? quotedStepEnd(path, i + 1) : path.indexOf(']', i);
      const inside = end < 0 ? '' : path.slice(i + 1, end);
      const step = inside.startsWith('"') ? quotedName(inside) : INDEX_DIGITS.test(inside) ? Number(inside) : null;
      if (step === null) return null;
      steps.push(step);
      i = end + 1;
      continue;
    }
    if (steps.length > 0) {
      if (path.charCodeAt(i) !== 46 /* . */) return null;
      i++;
    }
    IDENTIFIER_AT.lastIndex = i;
    const name = IDENTIFIER_AT.exec(path);
    if (name === null) return null;
    steps.push(name[0]);
    i += name[0].length;
  }
  return steps;
}

/** Index of the `]` closing a quoted step whose `"` is at `quote`, or -1. */
function quotedStepEnd(path: string, quote: number): number {
  let j = quote + 1;
  while (j < path.length && path.charCodeAt(j) !== 34) j += path.charCodeAt(j) === 92 /* \ */ ? 2 : 1;
  return j < path.length && path.charCodeAt(j + 1) === 93 /* ] */ ? j + 1 : -1;
}

/** The name a JSON string literal stands for, or null when it is not one. */
function quotedName(literal: string): string | null {
  try {
    return JSON.parse(literal) as string;
  } catch {
    return null;
  }
}
