// Maps a CSV header to column indices once per file, so rows are read by index, never through a
// per-row object keyed by header. Header names match case-insensitively and ignore `_`, `-`,
// `.` and spaces, so `entry_price`, `entryPrice`, `Entry Price` and `ENTRY-PRICE` are one column;
// each canonical column also accepts a few aliases. Unknown columns are ignored.

import { echoValue, type Issue } from '../domain/issue.js';

/** One column a file format understands. */
export interface ColumnSpec<Name extends string> {
  /** Canonical (snake_case) name, used in messages. */
  readonly name: Name;
  /** Other accepted header names (any spelling; they are normalised like the header). */
  readonly aliases: readonly string[];
  readonly required: boolean;
}

/** Index of each canonical column in the row, -1 when the file does not have it. */
export type ColumnIndex<Name extends string> = Readonly<Record<Name, number>>;

interface ResolvedHeader<Name extends string> {
  readonly index: ColumnIndex<Name>;
  /** Missing required columns and columns given twice; any issue here means no row can be read. */
  readonly issues: readonly Issue[];
}

/** `Entry Price`, `entry_price`, `entryPrice` → `entryprice`. */
export function normalizeHeaderName(name: string): string {
  return name.trim().toLowerCase().replace(/[\s_.\-]+/g, '');
}

/**
 * Resolve `header` against `specs`: one issue per missing required column and per column given
 * twice (e.g. both `qty` and `size`), all on the header's line.
 */
export function resolveHeader<Name extends string>(
  header: readonly string[],
  specs: readonly ColumnSpec<Name>[],
  fileLabel: string,
  headerLine: number,
): ResolvedHeader<Name> {
  const byNormalName = new Map<string, ColumnSpec<Name>>();
  for (const spec of specs) {
    byNormalName.set(normalizeHeaderName(spec.name), spec);
    for (const alias of spec.aliases) byNormalName.set(normalizeHeaderName(alias), spec);
  }
  const index = {} as Record<Name, number>;
  for (const spec of specs) index[spec.name] = -1;
  const issues: Issue[] = [];
  const reportedTwice = new Set<Name>();
  for (let k = 0; k < header.length; k++) {
    const spec = byNormalName.get(normalizeHeaderName(header[k]!));
    if (spec === undefined) continue;
    const earlier = index[spec.name];
    if (earlier >= 0) {
      if (reportedTwice.has(spec.name)) continue;
      reportedTwice.add(spec.name);
      issues.push({
        code: 'inconsistent',
        file: fileLabel,
        line: headerLine,
        column: spec.name,
        message: `column given twice, as "${echoValue(header[earlier]!.trim())}" (column ${earlier + 1}) and as "${echoValue(header[k]!.trim())}" (column ${k + 1}); keep one`,
      });
      continue;
    }
    index[spec.name] = k;
  }
  for (const spec of specs) {
    if (spec.required && index[spec.name] < 0) {
      const also = spec.aliases.length > 0 ? ` (also accepted: ${spec.aliases.join(', ')})` : '';
      issues.push({
        code: 'missing-column',
        file: fileLabel,
        line: headerLine,
        column: spec.name,
        message: `required column is missing from the header${also}`,
      });
    }
  }
  return { index, issues };
}
