// `--transfer ACCOUNT:AMOUNT[:ASSET]`: move collateral into (AMOUNT > 0) or out of (AMOUNT < 0)
// an account's cross wallet. The asset defaults to the account's main settlement asset (see
// `applyBookChanges`). Errors name the bad part in plain words; nothing throws.

import { AMOUNT_RANGE, amountInRange, outOfRangeMessage } from '../domain/input-ranges.js';
import type { Parsed } from './parse-what-if.js';

export interface TransferSpec {
  readonly text: string;
  readonly account: string;
  /** Signed amount: positive deposits, negative withdraws. */
  readonly amount: number;
  /** null: the account's main settlement asset. */
  readonly asset: string | null;
}

const SIGNED_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Parse one `--transfer` value. The account is everything before the amount (it may hold ':'). */
export function parseTransfer(text: string): Parsed<TransferSpec> {
  const quoted = JSON.stringify(text);
  const parts = text.trim().split(':');
  const usage = { ok: false as const, error: `--transfer ${quoted}: expected ACCOUNT:AMOUNT or ACCOUNT:AMOUNT:ASSET, e.g. main:-500:USDT` };
  if (parts.length < 2) return usage;
  let amountAt = parts.length - 1;
  let asset: string | null = null;
  if (!SIGNED_NUMBER.test(parts[amountAt]!)) {
    amountAt--;
    asset = parts[parts.length - 1]!.toUpperCase();
    if (amountAt < 1 || !SIGNED_NUMBER.test(parts[amountAt]!)) {
      const bad = parts.length === 2 ? parts[1]! : parts[amountAt] ?? '';
      return { ok: false, error: `--transfer ${quoted}: ${JSON.stringify(bad)} is not an amount: use a signed number, e.g. 500 or -500` };
    }
    if (!/^[A-Z0-9]+$/.test(asset)) return { ok: false, error: `--transfer ${quoted}: ${JSON.stringify(parts[parts.length - 1])} is not an asset name` };
  }
  const account = parts.slice(0, amountAt).join(':');
  if (account === '') return { ok: false, error: `--transfer ${quoted}: the account is missing before the amount` };
  const amount = Number(parts[amountAt]);
  if (!Number.isFinite(amount) || amount === 0) return { ok: false, error: `--transfer ${quoted}: ${JSON.stringify(parts[amountAt])} is not an amount: use a non-zero number` };
  if (!amountInRange(amount)) return { ok: false, error: `--transfer ${quoted}: ${outOfRangeMessage(AMOUNT_RANGE, true)} (got ${JSON.stringify(parts[amountAt])})` };
  return { ok: true, value: { text, account, amount, asset } };
}
