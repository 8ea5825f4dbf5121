// Strict number parsing for scenario inputs: a whole field must be a finite decimal number.

/** The finite number a field spells (`1.5`, `-2e-3`, `.5`), or null (empty, `abc`, `1,5`, `Infinity`, `0x10`). */
export function parseFiniteNumber(field: string): number | null {
  const text = field.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}
