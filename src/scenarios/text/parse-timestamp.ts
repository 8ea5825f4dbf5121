// Timestamps in scenario inputs: ISO-8601 (UTC unless an offset is given) or Unix epoch numbers.

/** Epoch numbers at or above this are milliseconds; below, seconds (1e11 s is the year 5138). */
const EPOCH_MILLISECONDS_FROM = 1e11;

/**
 * Milliseconds since the Unix epoch for `field`, or null if it is not a timestamp.
 * Accepted: `2025-10-10T21:00:00Z`, `2025-10-10T21:00:00+02:00`, `2025-10-10 21:00`, `2025-10-10`
 * (date and time without an offset are UTC), or an integer epoch in seconds or milliseconds.
 */
export function parseTimestampMs(field: string): number | null {
  const text = field.trim();
  if (/^\d+$/.test(text)) {
    const value = Number(text);
    return value >= EPOCH_MILLISECONDS_FROM ? value : value * 1000;
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(text);
  if (m === null) return null;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((v) => (v === undefined ? 0 : Number(v)));
  if (month! < 1 || month! > 12 || day! < 1 || day! > 31 || hour! > 23 || minute! > 59 || second! > 60) return null;
  const fraction = m[7] === undefined ? 0 : Math.round(Number(m[7]) * 1000);
  let ms = Date.UTC(year!, month! - 1, day!, hour, minute, second) + fraction;
  const offset = m[8];
  if (offset !== undefined && offset.toUpperCase() !== 'Z') {
    const sign = offset.startsWith('-') ? -1 : 1;
    const digits = offset.replace(/[+:-]/g, '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
  }
  // Reject dates that Date.UTC silently rolled over (2025-02-30 → March 2).
  const check = new Date(Date.UTC(year!, month! - 1, day!));
  if (check.getUTCDate() !== day) return null;
  return ms;
}

/** ISO-8601 UTC form of an epoch in milliseconds, without milliseconds when they are zero. */
export function formatTimestampMs(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}
