// Strings kept beyond the row they came from (accounts, symbols, ids, echoed values) are copied
// out of the chunk they were sliced from: V8 represents a slice of 13 or more characters as a view
// that keeps the whole parent string alive, so one kept account name would pin a 64 KiB chunk,
// and a million of them the whole file.

/** Shortest slice V8 makes a view of the parent (SlicedString::kMinLength); shorter ones are copies. */
const V8_MIN_SLICED_LENGTH = 13;

/** Longest value an Issue keeps; printing shows at most 60 characters (see echoValue). */
const MAX_KEPT_VALUE_CHARS = 200;

/**
 * `text` as a string that does not share the memory of a larger one. Concatenating forces a
 * fresh flat copy when the result is sliced; the copy is `text.length + 1` characters.
 */
export function detachedString(text: string): string {
  return text.length < V8_MIN_SLICED_LENGTH ? text : ` ${text}`.slice(1);
}

/** A cell kept in an Issue: at most MAX_KEPT_VALUE_CHARS characters, detached from the file. */
export function keptValue(cell: string): string {
  return detachedString(cell.length > MAX_KEPT_VALUE_CHARS ? cell.slice(0, MAX_KEPT_VALUE_CHARS) : cell);
}
