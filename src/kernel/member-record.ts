// The gradient-pool kernel's member and bracket records (assembly/pool-health.ts reads them, the
// host src/kernel/gradient-scan.ts writes them once per kernel context): every constant field of a
// member in one record of MEMBER_RECORD_BYTES, and every bracket's fields in one record of
// BRACKET_RECORD_BYTES, so the health loop walks one pointer per member and reads each field at a
// constant offset from it (instead of a column per field, each load computing its own address).
// Beside the constant fields, a member's record caches the bracket found last (its rate, amount and
// edges: the kernel's pair loop tests two members' notionals against their edges at once and reads
// the rates from the records, walking the brackets only when a notional left its bracket).
// A leaf of plain constants: the AssemblyScript kernel imports it too.

/** Member record: sign (±1, f64). */
export const MEMBER_SIGN = 0;
/** Member record: entry price (f64). */
export const MEMBER_ENTRY = 8;
/** Member record: mark price (f64; price = mark × factor of its asset). */
export const MEMBER_MARK = 16;
/** Member record: the schedule's fee reserve rate (f64). */
export const MEMBER_FEE_RATE = 24;
/** Member record: the schedule's fee reserve amount (f64). */
export const MEMBER_FEE_AMOUNT = 32;
/** Member record: slopeFactor = 1 + highest bracket rate + fee reserve rate (f64, member-table.ts). */
export const MEMBER_SLOPE_FACTOR = 40;
/** Member record: asset index (i32). */
export const MEMBER_ASSET = 48;
/** Member record: byte address of the schedule's first bracket record (i32). */
export const MEMBER_BRACKETS = 52;
/** Member record: the schedule's bracket count (i32). */
export const MEMBER_BRACKET_COUNT = 56;
/** Member record: the bracket found last (i32, the walk's start; the kernel writes it and the five cached fields below). */
export const MEMBER_BRACKET = 60;
/** Member record: 1 for an inverse contract, else 0 (u8). */
export const MEMBER_INVERSE = 64;
/** Member record: 1 when the schedule's notional is at entry (u8). */
export const MEMBER_ENTRY_BASIS = 65;
/** Member record: the maintenance rate of the bracket found last (f64). */
export const MEMBER_RATE = 72;
/** Member record: the maintenance amount of the bracket found last (f64). */
export const MEMBER_AMOUNT = 80;
/** Member record: the floor of the bracket found last, −∞ for the first bracket (f64: a notional below it walks down). */
export const MEMBER_LOW_EDGE = 88;
/** Member record: the next bracket's floor, +∞ in the top bracket (f64: a notional at or above it walks up). */
export const MEMBER_HIGH_EDGE = 96;
/** Member record: the smooth floor of the bracket found last (f64, BRACKET_SMOOTH_FLOOR). */
export const MEMBER_SMOOTH_FLOOR = 104;
/** Bytes per member record (a multiple of 8: every record's f64 fields aligned). */
export const MEMBER_RECORD_BYTES = 112;

/** Bracket record: the bracket's floor (f64, the notional at which it starts). */
export const BRACKET_FLOOR = 0;
/** Bracket record: maintenance rate (f64). */
export const BRACKET_RATE = 8;
/** Bracket record: maintenance amount (f64). */
export const BRACKET_AMOUNT = 16;
/** Bracket record: the lower end of its smooth range (f64, member-table.ts `smoothFloor`). */
export const BRACKET_SMOOTH_FLOOR = 24;
/** Bytes per bracket record. */
export const BRACKET_RECORD_BYTES = 32;
