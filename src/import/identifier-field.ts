// Checks a text cell used as an identifier (account, symbol, position id, asset): bounded length,
// no control characters, and no leading `=`, `+`, `-`, `@` that a spreadsheet would run as a
// formula when the id is echoed into a CSV report (the OWASP "CSV injection" list).

/** Longest identifier accepted, in characters. */
const MAX_IDENTIFIER_CHARS = 200;

/**
 * Why `text` (already trimmed, non-empty) cannot be an identifier, or null when it can.
 * Linear in the length; the common short id costs a few character tests.
 */
export function identifierProblem(text: string): string | null {
  if (text.length > MAX_IDENTIFIER_CHARS) return `longer than ${MAX_IDENTIFIER_CHARS} characters`;
  const first = text.charCodeAt(0);
  if (first === 61 || first === 43 || first === 45 || first === 64) {
    return 'starts with = + - or @ (a spreadsheet formula?); identifiers may not';
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 || c === 127) return 'contains control characters';
  }
  return null;
}
