// Deterministic JSON text that stays readable and compact at scale: nested structure is
// indented, but a "flat" value (an array of primitives, an object of primitives and small
// containers of primitives) goes on one line, so each position is one line of a large document.

/** A JSON value as built by the report writers (no undefined, no functions). */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

function isPrimitive(value: JsonValue): value is null | boolean | number | string {
  return value === null || typeof value !== 'object';
}

function childrenOf(value: readonly JsonValue[] | { readonly [key: string]: JsonValue }): JsonValue[] {
  return Array.isArray(value) ? [...(value as readonly JsonValue[])] : Object.values(value);
}

/**
 * True when the value fits on one line: an array of primitives, or an object whose children are
 * primitives or arrays/objects of primitives (a position, a pool). An array of objects is never
 * flat, so a list of positions gets one line per position.
 */
function isFlat(value: readonly JsonValue[] | { readonly [key: string]: JsonValue }): boolean {
  if (Array.isArray(value)) return (value as readonly JsonValue[]).every(isPrimitive);
  return childrenOf(value).every((child) => isPrimitive(child) || childrenOf(child).every(isPrimitive));
}

function primitiveText(value: null | boolean | number | string): string {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new Error(`jsonText: non-finite number ${value} (report writers must check before serialising)`);
  }
  return JSON.stringify(value);
}

/** One line: `{"a": 1, "b": [2, 3]}`. Every number is checked on the way. */
function inlineText(value: JsonValue): string {
  if (isPrimitive(value)) return primitiveText(value);
  if (Array.isArray(value)) return `[${(value as readonly JsonValue[]).map(inlineText).join(', ')}]`;
  return `{${Object.entries(value)
    .map(([key, child]) => `${JSON.stringify(key)}: ${inlineText(child)}`)
    .join(', ')}}`;
}

/**
 * `value` as JSON, indented by `indentSpaces` per level, starting at `depth` levels (for text
 * that is nested inside a document written in pieces). Keys keep their insertion order.
 * Throws on a non-finite number rather than writing it as `null`.
 */
export function jsonText(value: JsonValue, indentSpaces = 2, depth = 0): string {
  if (isPrimitive(value) || isFlat(value)) return inlineText(value);
  const pad = ' '.repeat(indentSpaces * (depth + 1));
  const closePad = ' '.repeat(indentSpaces * depth);
  if (Array.isArray(value)) {
    const items = (value as readonly JsonValue[]).map((item) => `${pad}${jsonText(item, indentSpaces, depth + 1)}`);
    return `[\n${items.join(',\n')}\n${closePad}]`;
  }
  const entries = Object.entries(value).map(([key, child]) => `${pad}${JSON.stringify(key)}: ${jsonText(child, indentSpaces, depth + 1)}`);
  return `{\n${entries.join(',\n')}\n${closePad}}`;
}
