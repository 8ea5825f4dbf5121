// A market of collateral pools laid out once as typed arrays: what the cascade engine walks.
// Pools are the margin pools of src/margin (isolated position, or cross account per settlement
// asset) in the mode each account is run in; positions are stored pool by pool; each position
// carries its venue's maintenance schedule flattened (brackets as floors/rates/amounts slices).
// One settlement asset per market, linear contracts only (validated by the caller).

import type { MaintenanceSchedule } from '../domain/maintenance-schedule.js';
import type { Side } from '../domain/position.js';
import type { VenueName } from '../domain/venue-name.js';
import { liquidationParameters } from '../kernel/liquidation-slice.js';
import { venueProfile } from '../venues/registry.js';
import { adlRuleOf, feeRuleOf } from './venue-cascade-rules.js';

/** Ladder class of a pool: walked on a per-symbol ladder, or checked every round. */
export const POOL_CHECKED = 0;
/** Every member long on one symbol: health rises with the price; liquidated at or below a trigger. */
export const POOL_LADDER_LONG = 1;
/** Every member short on one symbol: liquidated at or above a trigger. */
const POOL_LADDER_SHORT = 2;

interface CascadeMemberInput {
  readonly positionId: string;
  readonly symbol: string;
  readonly side: Side;
  /** Base units. */
  readonly size: number;
  readonly entryPrice: number;
  readonly schedule: MaintenanceSchedule;
  readonly venue: VenueName;
}

export interface CascadePoolInput {
  readonly account: string;
  /** Cash (and haircut collateral valued at the start) backing the pool, settlement asset. */
  readonly cash: number;
  readonly members: readonly CascadeMemberInput[];
}

export interface CascadeMarket {
  readonly asset: string;
  readonly symbols: readonly string[];
  /** Price of each symbol at the start (its mark). */
  readonly startPrice: Float64Array;
  /** Quote notional per 1 % move, bid side (sells) and ask side (buys); Infinity: no impact. */
  readonly bidDepth1pct: Float64Array;
  readonly askDepth1pct: Float64Array;
  readonly accounts: readonly string[];
  /** Collateral of each account outside every pool (constant), settlement asset. */
  readonly accountFree: Float64Array;
  readonly poolCount: number;
  readonly poolAccount: Int32Array;
  readonly poolCash: Float64Array;
  readonly poolKind: Uint8Array;
  /** Members of pool i are positions poolStart[i] .. poolStart[i+1]-1. */
  readonly poolStart: Int32Array;
  readonly positionCount: number;
  readonly positionIds: readonly string[];
  readonly positionPool: Int32Array;
  readonly positionSymbol: Int32Array;
  /** +1 long, −1 short. */
  readonly positionSign: Float64Array;
  readonly positionSize: Float64Array;
  readonly positionEntry: Float64Array;
  readonly positionFeeRule: Uint8Array;
  readonly positionFeeRate: Float64Array;
  /** ADL ranking rule of the position's venue (venue-cascade-rules.ts). */
  readonly positionAdlRule: Uint8Array;
  /**
   * Fraction closed per liquidation round (1: full; Hyperliquid 0.2) and the equity fraction of
   * maintenance below which the whole pool is closed at once (Hyperliquid's backstop, 2/3): the
   * kernel's rule (src/kernel/liquidation-slice.ts), applied by liquidation-round.ts.
   */
  readonly positionPartialFraction: Float64Array;
  readonly positionBackstopFraction: Float64Array;
  /** Schedule of position j: brackets scheduleStart[j] .. scheduleStart[j+1]-1. */
  readonly scheduleStart: Int32Array;
  readonly bracketFloor: Float64Array;
  readonly bracketRate: Float64Array;
  readonly bracketAmount: Float64Array;
  /** 1: notional measured at entry (Bybit isolated); 0: at the price. */
  readonly scheduleEntryBasis: Uint8Array;
  /** 1: bracket fixed (the first), 0: bracket follows the notional. */
  readonly scheduleFixedBracket: Uint8Array;
  readonly scheduleFeeReserveRate: Float64Array;
  readonly scheduleFeeReserveAmount: Float64Array;
}

export interface MarketDepth {
  readonly bid1pct: number;
  readonly ask1pct: number;
}

/**
 * Lay out `pools` (accounts in the order first seen) on `symbols` at `startPrice`, with `depth`
 * per symbol and `free` collateral per account. Throws when a member's symbol is not in `symbols`.
 */
export function compileCascadeMarket(
  asset: string,
  symbols: readonly string[],
  startPrice: readonly number[],
  depth: readonly MarketDepth[],
  pools: readonly CascadePoolInput[],
  free: ReadonlyMap<string, number> = new Map(),
): CascadeMarket {
  const symbolIndex = new Map(symbols.map((s, i) => [s, i]));
  const accounts: string[] = [];
  const accountIndex = new Map<string, number>();
  const accountOf = (name: string): number => {
    let a = accountIndex.get(name);
    if (a === undefined) {
      a = accounts.length;
      accounts.push(name);
      accountIndex.set(name, a);
    }
    return a;
  };
  for (const name of free.keys()) accountOf(name);
  const nPos = pools.reduce((s, p) => s + p.members.length, 0);
  const nBrackets = pools.reduce((s, p) => s + p.members.reduce((t, m) => t + m.schedule.floors.length, 0), 0);
  const m = {
    poolAccount: new Int32Array(pools.length),
    poolCash: new Float64Array(pools.length),
    poolKind: new Uint8Array(pools.length),
    poolStart: new Int32Array(pools.length + 1),
    positionPool: new Int32Array(nPos),
    positionSymbol: new Int32Array(nPos),
    positionSign: new Float64Array(nPos),
    positionSize: new Float64Array(nPos),
    positionEntry: new Float64Array(nPos),
    positionFeeRule: new Uint8Array(nPos),
    positionFeeRate: new Float64Array(nPos),
    positionAdlRule: new Uint8Array(nPos),
    positionPartialFraction: new Float64Array(nPos),
    positionBackstopFraction: new Float64Array(nPos),
    scheduleStart: new Int32Array(nPos + 1),
    bracketFloor: new Float64Array(nBrackets),
    bracketRate: new Float64Array(nBrackets),
    bracketAmount: new Float64Array(nBrackets),
    scheduleEntryBasis: new Uint8Array(nPos),
    scheduleFixedBracket: new Uint8Array(nPos),
    scheduleFeeReserveRate: new Float64Array(nPos),
    scheduleFeeReserveAmount: new Float64Array(nPos),
  };
  const positionIds: string[] = [];
  let j = 0;
  let b = 0;
  pools.forEach((pool, i) => {
    m.poolAccount[i] = accountOf(pool.account);
    m.poolCash[i] = pool.cash;
    m.poolStart[i] = j;
    const symbolsHere = new Set(pool.members.map((x) => x.symbol));
    const sides = new Set(pool.members.map((x) => x.side));
    m.poolKind[i] = symbolsHere.size === 1 && sides.size === 1 ? (sides.has('long') ? POOL_LADDER_LONG : POOL_LADDER_SHORT) : POOL_CHECKED;
    for (const member of pool.members) {
      const s = symbolIndex.get(member.symbol);
      if (s === undefined) throw new Error(`compileCascadeMarket: no symbol ${member.symbol} in the market`);
      positionIds.push(member.positionId);
      m.positionPool[j] = i;
      m.positionSymbol[j] = s;
      m.positionSign[j] = member.side === 'long' ? 1 : -1;
      m.positionSize[j] = member.size;
      m.positionEntry[j] = member.entryPrice;
      m.positionFeeRule[j] = feeRuleOf(member.venue);
      m.positionFeeRate[j] = member.schedule.liquidationFeeRate;
      m.positionAdlRule[j] = adlRuleOf(member.venue);
      const { fraction, backstop } = liquidationParameters(venueProfile(member.venue).liquidation, member.positionId);
      m.positionPartialFraction[j] = fraction;
      m.positionBackstopFraction[j] = backstop;
      const sc = member.schedule;
      m.scheduleStart[j] = b;
      for (let t = 0; t < sc.floors.length; t++, b++) {
        m.bracketFloor[b] = sc.floors[t]!;
        m.bracketRate[b] = sc.rates[t]!;
        m.bracketAmount[b] = sc.amounts[t]!;
      }
      m.scheduleEntryBasis[j] = sc.notionalBasis === 'entry' ? 1 : 0;
      m.scheduleFixedBracket[j] = sc.bracketsOn === 'fixed' ? 1 : 0;
      m.scheduleFeeReserveRate[j] = sc.feeReserveRate;
      m.scheduleFeeReserveAmount[j] = sc.feeReserveAmount;
      j++;
    }
  });
  m.poolStart[pools.length] = j;
  m.scheduleStart[nPos] = b;
  const accountFree = new Float64Array(accounts.length);
  for (const [name, amount] of free) accountFree[accountIndex.get(name)!] = amount;
  return {
    asset,
    symbols,
    startPrice: Float64Array.from(startPrice),
    bidDepth1pct: Float64Array.from(depth.map((d) => d.bid1pct)),
    askDepth1pct: Float64Array.from(depth.map((d) => d.ask1pct)),
    accounts,
    accountFree,
    poolCount: pools.length,
    positionCount: nPos,
    positionIds,
    ...m,
  };
}

/**
 * Maintenance margin of position j holding `size` at `price` (the MaintenanceSchedule formula):
 * `max(0, N x rate_b − amount_b) + N x feeReserveRate + feeReserveAmount`, N = size x (price or entry).
 */
export function positionMaintenance(market: CascadeMarket, j: number, size: number, price: number): number {
  if (size === 0) return 0;
  const notional = size * (market.scheduleEntryBasis[j] === 1 ? market.positionEntry[j]! : price);
  const start = market.scheduleStart[j]!;
  const end = market.scheduleStart[j + 1]!;
  let b = start;
  if (market.scheduleFixedBracket[j] === 0) while (b + 1 < end && notional >= market.bracketFloor[b + 1]!) b++;
  const bracketed = notional * market.bracketRate[b]! - market.bracketAmount[b]!;
  return (bracketed > 0 ? bracketed : 0) + notional * market.scheduleFeeReserveRate[j]! + market.scheduleFeeReserveAmount[j]!;
}
