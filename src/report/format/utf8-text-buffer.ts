// A growable UTF-8 buffer that report writers append text to piece by piece: the bytes of a
// large output are written once, where concatenating its cells into strings made a short-lived
// string per `+` (a row of 27 cells about fifty) and then copied the whole text again to encode
// it. The bytes are exactly those of TextEncoder on the concatenated text. A writer with a hot loop
// (the evaluate CSV rows) may instead take room for a whole row at once (`room`), write the bytes
// itself (`utf8At` for text) and `commit` the new length: one bounds check a row, not one a cell.

/** Bytes reserved when nothing else is said. */
const DEFAULT_CAPACITY_BYTES = 1 << 16;

const ENCODER = new TextEncoder();

export class Utf8TextBuffer {
  #bytes: Uint8Array;
  #length = 0;

  constructor(capacityBytes: number = DEFAULT_CAPACITY_BYTES) {
    this.#bytes = new Uint8Array(Math.max(16, Math.ceil(capacityBytes)));
  }

  /** Bytes written so far. */
  get length(): number {
    return this.#length;
  }

  /** Bytes that can be appended before the buffer grows. */
  get spareBytes(): number {
    return this.#bytes.length - this.#length;
  }

  /** Forgets what was written (the room stays), for a buffer reused text after text. */
  clear(): void {
    this.#length = 0;
  }

  /** The bytes written so far: a view of the buffer, which an append that needs more room replaces. */
  view(): Uint8Array {
    return this.#bytes.subarray(0, this.#length);
  }

  /**
   * The backing array, with room for at least `bytes` more bytes after `length`: a writer puts
   * them there itself and then calls `commit`. The array is valid until the next append that grows it.
   */
  room(bytes: number): Uint8Array {
    this.#reserve(bytes);
    return this.#bytes;
  }

  /** Sets the length after bytes were written into `room`'s array: `length <= end <= ` its size. */
  commit(end: number): void {
    if (end < this.#length || end > this.#bytes.length) throw new Error(`Utf8TextBuffer: commit(${end}) outside [${this.#length}, ${this.#bytes.length}]`);
    this.#length = end;
  }

  /** Room for `bytes` more bytes. */
  #reserve(bytes: number): void {
    const needed = this.#length + bytes;
    if (needed <= this.#bytes.length) return;
    const grown = new Uint8Array(Math.max(needed, this.#bytes.length * 2));
    grown.set(this.#bytes.subarray(0, this.#length));
    this.#bytes = grown;
  }

  /** Appends one ASCII character by its code (0–127), e.g. 44 for a comma. */
  ascii(code: number): void {
    if (this.#length === this.#bytes.length) this.#reserve(1);
    this.#bytes[this.#length++] = code;
  }

  /** Appends `source`, bytes already UTF-8. */
  bytes(source: Uint8Array): void {
    this.#reserve(source.length);
    this.#bytes.set(source, this.#length);
    this.#length += source.length;
  }

  /** Appends `text` as UTF-8. */
  text(text: string): void {
    // At most 3 bytes per UTF-16 unit (a surrogate pair is 4 bytes for 2 units).
    this.#reserve(3 * text.length);
    this.#length = utf8At(this.#bytes, this.#length, text);
  }
}

/**
 * Writes `text` as UTF-8 into `bytes` from `at`, which must have room for 3 bytes per UTF-16 unit;
 * returns where the bytes end. ASCII is copied unit by unit, the rest (from the first non-ASCII
 * unit) is TextEncoder's.
 */
export function utf8At(bytes: Uint8Array, at: number, text: string): number {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) return at + ENCODER.encodeInto(i === 0 ? text : text.slice(i), bytes.subarray(at)).written;
    bytes[at++] = c;
  }
  return at;
}
