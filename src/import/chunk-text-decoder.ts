// Turns the chunks of a file (strings, or bytes as `fs.createReadStream` yields them) into text,
// decoding UTF-8 across chunk boundaries and dropping a leading byte-order mark. UTF-16 files
// (what spreadsheet "Unicode text" exports produce) are recognised by their BOM and refused.
//
// Speed: TextDecoder's streaming mode (`{ stream: true }`) measured 2-3x slower than a one-shot
// decode on Node 20, so each chunk is cut before a character its end leaves incomplete, the
// complete part decoded in one shot, and the 1-3 bytes left over decoded with the start of the
// next chunk. The text is the same as a streaming decode gives (a test checks it on random bytes
// cut at random places): a cut falls only where the decoder would be between sequences, and an
// incomplete sequence yields the same U+FFFD either way.

/** Length of the UTF-8 sequence a lead byte starts (0 for a continuation or invalid lead). */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

function isContinuation(byte: number): boolean {
  return (byte & 0xc0) === 0x80;
}

/** Incremental UTF-8 decoder for one file; invalid byte sequences become U+FFFD. */
export class ChunkTextDecoder {
  readonly #decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
  #atStart = true;
  /** Bytes of a character that the previous chunk left incomplete (0-3 of them). */
  #pending: number[] = [];
  /** Set when the first bytes are a UTF-16 byte-order mark; the caller reports and stops. */
  utf16Detected = false;

  /** Text of one chunk (may be '' when a multi-byte character continues in the next chunk). */
  decode(chunk: string | Uint8Array): string {
    if (typeof chunk === 'string') return this.#stripLeadingBom(this.#flushPending() + chunk);
    if (this.#atStart && chunk.length >= 2 && ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))) {
      this.utf16Detected = true;
      return '';
    }
    let start = 0;
    let head = '';
    if (this.#pending.length > 0) {
      // Complete the pending character with the continuation bytes this chunk starts with.
      const need = sequenceLength(this.#pending[0]!) - this.#pending.length;
      while (start < chunk.length && start < need && isContinuation(chunk[start]!)) this.#pending.push(chunk[start++]!);
      if (this.#pending.length < sequenceLength(this.#pending[0]!) && start === chunk.length) return '';
      head = this.#flushPending();
    }
    const cut = this.#completeEnd(chunk, start);
    for (let i = cut; i < chunk.length; i++) this.#pending.push(chunk[i]!);
    const body = cut > start ? this.#decoder.decode(chunk.subarray(start, cut)) : '';
    return this.#stripLeadingBom(head.length === 0 ? body : head + body);
  }

  /** Whatever is still held (an incomplete character at end of file becomes U+FFFD). */
  end(): string {
    return this.#stripLeadingBom(this.#flushPending());
  }

  /** Where the complete characters of chunk[start..] end: before a final incomplete sequence. */
  #completeEnd(chunk: Uint8Array, start: number): number {
    const length = chunk.length;
    let lead = length - 1;
    while (lead >= start && lead > length - 4 && isContinuation(chunk[lead]!)) lead--;
    if (lead < start) return length;
    const expected = sequenceLength(chunk[lead]!);
    return expected > 1 && length - lead < expected ? lead : length;
  }

  #flushPending(): string {
    if (this.#pending.length === 0) return '';
    const text = this.#decoder.decode(Uint8Array.from(this.#pending));
    this.#pending = [];
    return text;
  }

  #stripLeadingBom(text: string): string {
    if (!this.#atStart || text.length === 0) return text;
    this.#atStart = false;
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }
}
