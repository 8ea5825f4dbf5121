// One CSV record as a view: the text it lies in and each field's [start, end) there. The reader
// reuses one CsvRow for every record, so splitting a quote-free line allocates nothing; a cell
// becomes a string only when asked for, and numbers are read straight from the text.

import { parseDecimalCell, parsePlainDecimalAt } from './decimal-field.js';

const INITIAL_FIELD_CAPACITY = 32;

export class CsvRow {
  /** Text holding the fields (a chunk of the file, one line, or the fields of a quoted record). */
  text = '';
  /** Number of fields. */
  count = 0;
  starts = new Int32Array(INITIAL_FIELD_CAPACITY);
  ends = new Int32Array(INITIAL_FIELD_CAPACITY);

  /** Field k as written, untrimmed; '' past the last field. */
  cell(k: number): string {
    return k < this.count ? this.text.slice(this.starts[k]!, this.ends[k]!) : '';
  }

  /** Every field as a string (for headers and small files). */
  cells(): string[] {
    const out = new Array<string>(this.count);
    for (let k = 0; k < this.count; k++) out[k] = this.text.slice(this.starts[k]!, this.ends[k]!);
    return out;
  }

  /** Whether field k is exactly `value` (no string is built). */
  cellIs(k: number, value: string): boolean {
    const start = this.starts[k]!;
    if (this.ends[k]! - start !== value.length) return false;
    const text = this.text;
    for (let i = 0; i < value.length; i++) if (text.charCodeAt(start + i) !== value.charCodeAt(i)) return false;
    return true;
  }

  /** Whether field k is empty or only whitespace (as `String.prototype.trim` counts it). */
  isBlank(k: number): boolean {
    const start = this.starts[k]!;
    if (start === this.ends[k]!) return true;
    const c = this.text.charCodeAt(start);
    if (c > 32 && c < 0xa0) return false;
    return this.cell(k).trim().length === 0;
  }

  /** Whether every field is blank (such a record is skipped like an empty line). */
  allBlank(): boolean {
    for (let k = 0; k < this.count; k++) if (!this.isBlank(k)) return false;
    return true;
  }

  /** Field k as a number, by `parseDecimalCell`'s rules; NaN when it is not one. */
  decimal(k: number): number {
    const value = parsePlainDecimalAt(this.text, this.starts[k]!, this.ends[k]!);
    return value === value ? value : parseDecimalCell(this.cell(k));
  }

  /** Start a record lying in `text`. */
  reset(text: string): void {
    this.text = text;
    this.count = 0;
  }

  /** Append the field text[start, end). */
  add(start: number, end: number): void {
    if (this.count === this.starts.length) this.#grow();
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.count++;
  }

  /** Make this row hold `fields` (from a quoted record parsed elsewhere). */
  setCells(fields: readonly string[]): void {
    this.reset(fields.join(''));
    let offset = 0;
    for (const field of fields) {
      this.add(offset, offset + field.length);
      offset += field.length;
    }
  }

  #grow(): void {
    const starts = new Int32Array(this.starts.length * 2);
    const ends = new Int32Array(this.ends.length * 2);
    starts.set(this.starts);
    ends.set(this.ends);
    this.starts = starts;
    this.ends = ends;
  }
}
