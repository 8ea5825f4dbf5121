// Typed reads of one export field, each problem an issue located at the field. Venues write
// numbers as JSON numbers or as decimal strings (Binance, Bybit, OKX, Hyperliquid, dYdX), so both
// are accepted and held to the same rule as canonical CSV cells: a plain finite decimal. An empty
// string or null counts as absent (Bybit `liqPrice: ""`, OKX `margin: ""`).

import { decimalProblem, parseDecimalCell } from '../../csv/decimal-field.js';
import type { Issue } from '../../domain/issue.js';
import { fieldIssue, type ExportRecord } from './export-record.js';

/** Where field problems go, and the account they belong to once known. */
export interface FieldContext {
  addIssue(issue: Issue): void;
  readonly account?: string | undefined;
}

/** Whether the field is absent, null or an empty / blank string. */
function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** The field as written, for `(got …)`; undefined when absent, null or empty (nothing to echo). */
export function shownIfAny(record: ExportRecord, field: string): string | undefined {
  return isAbsent(record.get(field)) ? undefined : record.shown(field);
}

interface NumberRule {
  /** Words naming the value, e.g. `mark price`; when given, an absent field is an issue. */
  readonly required?: string;
  /** `positive`: > 0; `non-negative`: >= 0. */
  readonly sign?: 'positive' | 'non-negative';
}

/**
 * The field as a finite number, or null when it is absent (an issue if `rule.required`) or bad
 * (always an issue: not a number, not finite, wrong sign).
 * Example: `{"markPrice": "21123.05"}` → 21123.05; `{"markPrice": "1e400"}` → null and
 * `column [0].markPrice: number too large to be finite (got "1e400")`.
 */
export function readNumber(record: ExportRecord, field: string, ctx: FieldContext, rule: NumberRule = {}): number | null {
  const value = record.get(field);
  if (isAbsent(value)) {
    if (rule.required !== undefined) ctx.addIssue(fieldIssue(record, field, 'missing-value', `${rule.required} is missing`, undefined, ctx.account));
    return null;
  }
  let n: number;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      ctx.addIssue(fieldIssue(record, field, 'not-finite', 'number too large to be finite', record.shown(field), ctx.account));
      return null;
    }
    n = value;
  } else if (typeof value === 'string') {
    n = parseDecimalCell(value);
    if (Number.isNaN(n)) {
      const problem = decimalProblem(value);
      ctx.addIssue(fieldIssue(record, field, problem.code, problem.message, value, ctx.account));
      return null;
    }
  } else {
    const kind = Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
    ctx.addIssue(fieldIssue(record, field, 'not-a-number', `expected a number, found ${kind}`, record.shown(field), ctx.account));
    return null;
  }
  if (rule.sign === 'positive' && !(n > 0)) {
    ctx.addIssue(fieldIssue(record, field, 'not-positive', 'must be greater than 0', record.shown(field), ctx.account));
    return null;
  }
  if (rule.sign === 'non-negative' && n < 0) {
    ctx.addIssue(fieldIssue(record, field, 'negative', 'must not be negative', record.shown(field), ctx.account));
    return null;
  }
  return n;
}

/**
 * The field as trimmed text (a JSON number is taken as its source text), or null when absent
 * (an issue if `required` names it). Objects, arrays and booleans are issues.
 */
export function readText(record: ExportRecord, field: string, ctx: FieldContext, required?: string): string | null {
  const value = record.get(field);
  if (isAbsent(value)) {
    if (required !== undefined) ctx.addIssue(fieldIssue(record, field, 'missing-value', `${required} is missing`, undefined, ctx.account));
    return null;
  }
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return record.shown(field);
  const kind = Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
  ctx.addIssue(fieldIssue(record, field, 'unknown-value', `expected text, found ${kind}`, record.shown(field), ctx.account));
  return null;
}

/**
 * The field matched case-insensitively against `choices` (spelling → value), or null when absent
 * (an issue if `required` names it) or not one of them (an issue listing the accepted spellings).
 */
export function readChoice<T>(
  record: ExportRecord,
  field: string,
  ctx: FieldContext,
  choices: Readonly<Record<string, T>>,
  required?: string,
): T | null {
  const text = readText(record, field, ctx, required);
  if (text === null) return null;
  const key = Object.keys(choices).find((k) => k.toLowerCase() === text.toLowerCase());
  if (key === undefined) {
    const accepted = Object.keys(choices).map((k) => `"${k}"`).join(', ');
    ctx.addIssue(fieldIssue(record, field, 'unknown-value', `expected one of ${accepted}`, record.shown(field), ctx.account));
    return null;
  }
  return choices[key]!;
}

/** The field as a boolean (`true`/`false`, also as text), or null when absent or not a boolean (an issue). */
export function readFlag(record: ExportRecord, field: string, ctx: FieldContext): boolean | null {
  const value = record.get(field);
  if (isAbsent(value)) return null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  ctx.addIssue(fieldIssue(record, field, 'unknown-value', 'expected true or false', record.shown(field), ctx.account));
  return null;
}
