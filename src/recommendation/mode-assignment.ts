// A candidate margin set-up of one account: which positions to isolate, and how to split the
// SAME capital. Per settlement asset, the capital is the cross wallet plus every margin already
// posted to isolated rows; the isolated positions receive margin from it and the rest stays in the
// cross wallet, shared by the positions left in cross (free balance when none is).
//   leverage         margin_i = entry notional_i / leverage_i (row leverage, else the venue's
//                    default), scaled down pro rata when the capital cannot cover them all
//   notional,        the whole capital split over ALL the asset's positions as `allocateWallet`
//   equal-risk       does for the isolated mode; the isolated ones take their part, the parts of
//                    the positions left in cross stay in the cross wallet
//   cross-distance   margin_i = MM_i(L_i) − pnl_i(L_i), with L_i the position's liquidation price
//                    in the all-cross pool (every other mark held): isolated, it sits exactly as
//                    far from liquidation as it does in cross now. The leverage margin when it
//                    has none in cross. Scaled down pro rata when the capital cannot cover them.
// The result is an ordinary AccountBook: its `exported` mode IS the candidate, so the reference
// engine and the path kernel evaluate it unchanged.

import type { AccountBook } from '../domain/account-book.js';
import type { Balance } from '../domain/balance.js';
import type { Position } from '../domain/position.js';
import { allocateWallet, leverageInForce } from '../margin/allocation.js';
import type { AllocationPolicy } from '../margin/evaluation.js';
import { liquidationPrice } from '../margin/liquidation-price.js';
import type { Pool } from '../margin/pool.js';
import { maintenanceMarginSettlement, notionalSettlement, unrealizedPnlSettlement } from '../margin/position-risk.js';
import type { ResolvedPosition } from '../margin/resolve-schedules.js';
import { modePoolsOf, type PreparedAccount } from '../margin/prepared-account.js';

/** How the isolated positions of a candidate are margined out of the shared capital. */
export type SplitPolicy = AllocationPolicy | 'cross-distance';

export const SPLIT_POLICIES: readonly SplitPolicy[] = ['leverage', 'notional', 'equal-risk', 'cross-distance'];

/** Capital of each settlement asset: cross wallet + margins posted to isolated rows. */
export function capitalByAsset(account: PreparedAccount): Map<string, number> {
  const capital = new Map<string, number>(account.collateral.cashByAsset);
  for (const { position: p } of account.resolved.positions) {
    capital.set(p.settlementAsset, (capital.get(p.settlementAsset) ?? 0) + (p.isolatedMargin ?? 0));
  }
  return capital;
}

function scaledToFit(margins: number[], capital: number): number[] {
  const total = margins.reduce((s, m) => s + m, 0);
  const available = Math.max(capital, 0);
  return total > available && total > 0 ? margins.map((m) => (m * available) / total) : margins;
}

/** Margin placing position r's isolated liquidation price where its cross one is. */
function crossDistanceMargin(r: ResolvedPosition, crossPool: Pool): number {
  const lp = liquidationPrice(crossPool, r.position.symbol);
  if (lp === null) return notionalSettlement(r.position, r.position.entryPrice) / leverageInForce(r);
  return Math.max(maintenanceMarginSettlement(r.position, r.isolated, lp) - unrealizedPnlSettlement(r.position, lp), 0);
}

/** Margins of the `isolated` members of one settlement asset's `group`, out of `capital`. */
function splitMargins(group: readonly ResolvedPosition[], isolated: readonly boolean[], capital: number, split: SplitPolicy, crossPoolOf: (r: ResolvedPosition) => Pool): number[] {
  const chosen = group.filter((_, i) => isolated[i]);
  if (split === 'leverage') return allocateWallet(chosen, capital, 'leverage').margins;
  if (split === 'cross-distance') return scaledToFit(chosen.map((r) => crossDistanceMargin(r, crossPoolOf(r))), capital);
  const all = allocateWallet(group, capital, split).margins;
  return all.filter((_, i) => isolated[i]);
}

/**
 * The book of the candidate "isolate the positions with `isolated[j]` true (in the prepared
 * account's position order), split by `split`". Its `exported` mode is the candidate.
 */
export function assignmentBook(account: PreparedAccount, isolated: readonly boolean[], split: SplitPolicy): AccountBook {
  const resolved = account.resolved.positions;
  if (isolated.length !== resolved.length) throw new Error(`assignmentBook: ${isolated.length} flags for ${resolved.length} positions`);
  const capital = capitalByAsset(account);
  let crossPools: readonly Pool[] | null = null;
  const crossPoolOf = (r: ResolvedPosition): Pool => {
    crossPools ??= modePoolsOf(account, 'cross').pools;
    return crossPools.find((p) => p.members.some((m) => m.position === r.position))!;
  };
  const margin = new Array<number | null>(resolved.length).fill(null);
  const posted = new Map<string, number>();
  for (const asset of capital.keys()) {
    const indices = resolved.map((r, j) => (r.position.settlementAsset === asset ? j : -1)).filter((j) => j >= 0);
    if (indices.length === 0) continue;
    const group = indices.map((j) => resolved[j]!);
    const flags = indices.map((j) => isolated[j]!);
    const margins = splitMargins(group, flags, capital.get(asset)!, split, crossPoolOf);
    let k = 0;
    let total = 0;
    indices.forEach((j) => {
      if (!isolated[j]) return;
      margin[j] = margins[k++]!;
      total += margin[j]!;
    });
    posted.set(asset, total);
  }
  const positions: Position[] = resolved.map(({ position: p }, j) =>
    isolated[j] ? { ...p, marginMode: 'isolated', isolatedMargin: margin[j]! } : { ...p, marginMode: 'cross', isolatedMargin: null },
  );
  const book = account.resolved.book;
  const kept = book.balances.filter((b) => !capital.has(b.asset));
  const wallets: Balance[] = [...capital.entries()].map(([asset, amount]) => {
    const first = book.balances.find((b) => b.asset === asset);
    return {
      account: book.account,
      asset,
      amount: amount - (posted.get(asset) ?? 0),
      priceQuote: first?.priceQuote ?? null,
      haircut: first?.haircut ?? null,
      source: first?.source ?? { file: 'assignment', line: 0 },
    };
  });
  return { account: book.account, positions, balances: [...kept, ...wallets] };
}
