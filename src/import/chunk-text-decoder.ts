// Turns the chunks of a file (strings, or bytes as `fs.createReadStream` yields them) into text,
// decoding UTF-8 across chunk boundaries and dropping a leading byte-order mark. UTF-16 files
// (what spreadsheet "Unicode text" exports produce) are recognised by their BOM and refused.

/** Incremental UTF-8 decoder for one file; invalid byte sequences become U+FFFD. */
export class ChunkTextDecoder {
  readonly #decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
  #atStart = true;
  /** Set when the first bytes are a UTF-16 byte-order mark; the caller reports and stops. */
  utf16Detected = false;

  /** Text of one chunk (may be '' when a multi-byte character continues in the next chunk). */
  decode(chunk: string | Uint8Array): string {
    let text: string;
    if (typeof chunk === 'string') {
      text = chunk;
    } else {
      if (this.#atStart && chunk.length >= 2 && ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))) {
        this.utf16Detected = true;
        return '';
      }
      text = this.#decoder.decode(chunk, { stream: true });
    }
    return this.#stripLeadingBom(text);
  }

  /** Whatever the decoder still holds (an incomplete character at end of file becomes U+FFFD). */
  end(): string {
    return this.#stripLeadingBom(this.#decoder.decode());
  }

  #stripLeadingBom(text: string): string {
    if (!this.#atStart || text.length === 0) return text;
    this.#atStart = false;
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }
}
