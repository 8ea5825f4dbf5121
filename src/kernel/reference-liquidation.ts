// Liquidation in the readable reference (reference-path.ts): liquidate-pool.ts and the barrier
// pools' execution (barrier-pools.ts `executeBarrier`) spelled out on objects: slices, backstop,
// a fee the remaining equity cannot pay waived (not bad debt), bad debt shared by the members, fresh thresholds after an event and the exact thresholds
// re-solved by `healthRoots` after a partial liquidation.

import { sideSign } from '../domain/position.js';
import { healthRoots } from '../margin/health-roots.js';
import type { Pool } from '../margin/pool.js';
import { maintenanceMarginSettlement, notionalSettlement, unrealizedPnlSettlement } from '../margin/position-risk.js';
import { venueProfile } from '../venues/registry.js';
import { keyedUniform } from './keyed-uniform.js';
import { DUST_FRACTION, MAX_SLICES } from './liquidation-slice.js';
import { MAX_EVENTS_PER_STEP } from './monitoring-limits.js';
import { healthAt, poolNow, type Factors, type LivePool } from './reference-pool-health.js';
import type { Setting } from './reference-setting.js';

/** Liquidate at `factors` in `step` (liquidate-pool.ts, spelled out). Returns true if it survives. */
export function liquidate(setting: Setting, live: LivePool, factors: Factors, step: number, closeAll = false): boolean {
  const slippage = setting.run.options.slippageBps / 10_000;
  if (live.liquidationStep < 0) live.liquidationStep = step;
  let backstop = 0;
  for (const m of live.members) {
    if (m.size <= 0) continue;
    if (m.liquidationStep < 0) {
      m.liquidationStep = step;
      m.pnlAtLiquidation = unrealizedPnlSettlement({ ...m.position, size: m.size }, m.position.markPrice * factors.get(m.position.baseAsset)!);
    }
    backstop = Math.max(backstop, venueProfile(m.position.venue).liquidation.backstopEquityFraction);
  }
  let fees = 0;
  for (let slice = 0; ; slice++) {
    const { health, equity, maintenance } = healthAt(live, factors);
    if (slice > 0 && health > 0) return true;
    if (backstop > 0 && equity < backstop * maintenance) {
      // The backstop takes the positions and the equity.
      for (const m of live.members) {
        if (m.size <= 0) continue;
        const p = { ...m.position, size: m.size };
        const price = p.markPrice * factors.get(p.baseAsset)!;
        const forfeited = equity > 0 && maintenance > 0 ? (equity * maintenanceMarginSettlement(p, m.schedule, price)) / maintenance : 0;
        m.realized += unrealizedPnlSettlement(p, price) - forfeited;
        m.size = 0;
      }
      live.alive = false;
      live.cash = 0;
      live.collateralHeld = false;
      if (equity < 0) shareDeficit(live, -equity, 'badDebt');
      return false;
    }
    const last = closeAll || slice >= MAX_SLICES - 1;
    for (const m of live.members) {
      if (m.size <= 0) continue;
      const rules = venueProfile(m.position.venue).liquidation;
      const fraction = last || rules.style === 'full' ? 1 : rules.partialFraction;
      let remaining = fraction >= 1 ? 0 : m.size * (1 - fraction);
      if (remaining <= DUST_FRACTION * m.position.size) remaining = 0;
      const closed = { ...m.position, size: m.size - remaining };
      const fill = m.position.markPrice * factors.get(m.position.baseAsset)! * (1 - sideSign(m.position.side) * slippage);
      const fee = m.schedule.liquidationFeeRate * notionalSettlement(closed, fill);
      fees += fee;
      const net = unrealizedPnlSettlement(closed, fill) - fee;
      m.realized += net;
      live.cash += net;
      m.size = remaining;
    }
    if (live.members.every((m) => m.size <= 0)) {
      live.alive = false;
      const collateral = live.collateralHeld ? poolNow(live, factors).assetCollateral.reduce((s, c) => s + c.amount * c.priceSettlement * (1 - c.haircut), 0) : 0;
      const equityLeft = live.cash + collateral;
      if (equityLeft < 0) {
        live.cash = 0;
        live.collateralHeld = false;
        // The fee the pool could not pay is waived; only the rest is the venue's bad debt.
        const waived = Math.min(-equityLeft, fees);
        const badDebt = -equityLeft - waived;
        if (waived > 0) shareDeficit(live, waived, 'realized');
        if (badDebt > 0) shareDeficit(live, badDebt, 'badDebt');
      }
      return false;
    }
  }
}

/** A deficit shared pro rata to the members' positive losses: bad debt, or a waived fee credited to realised PnL. */
function shareDeficit(live: LivePool, badDebt: number, into: 'badDebt' | 'realized'): void {
  if (into === 'badDebt') live.badDebt += badDebt;
  const drops = live.members.map((m) => unrealizedPnlSettlement(m.position, m.position.markPrice) - m.realized - m.badDebt);
  const total = drops.reduce((s, d) => s + Math.max(d, 0), 0);
  if (!(total > 0)) return;
  const shared = Math.min(badDebt, total);
  live.members.forEach((m, i) => {
    if (drops[i]! > 0) m[into] += (shared * drops[i]!) / total;
  });
}

/**
 * Fresh survival factors and event thresholds after the pool's n-th event, drawn at once (the
 * kernel's `renewThresholds` draws them when first needed; keyed, so the values are the same).
 */
export function renew(setting: Setting, live: LivePool): void {
  live.events++;
  live.survivalLow = 1;
  live.survivalHigh = 1;
  if (!setting.bridge) return;
  const scratch = new Uint32Array(4);
  live.thresholdLow = keyedUniform(setting.input.word0, setting.input.word1, live.eventKey, 2 * live.events, scratch);
  live.thresholdHigh = keyedUniform(setting.input.word0, setting.input.word1, live.eventKey, 2 * live.events + 1, scratch);
}

/** Exact thresholds of a barrier pool from the point where its asset's log return is x. */
function rebarrier(live: LivePool, asset: string, x: number, factors: Factors): void {
  const pool = poolNow(live, factors);
  const moved: Pool = { ...pool, members: pool.members.map((m) => ({ ...m, position: { ...m.position, markPrice: m.position.markPrice * Math.exp(x) } })) };
  const roots = healthRoots(moved, { symbol: null, collateralAsset: asset });
  live.low = roots.below === null ? -Infinity : x + Math.log(roots.below);
  live.high = roots.above === null ? Infinity : x + Math.log(roots.above);
}

/**
 * Liquidate a barrier pool at `barrier`, then, while it survives, at its re-solved thresholds as
 * long as the step's `lowest` / `highest` point is beyond them (barrier-pools.ts `executeBarrier`).
 */
export function barrierEvents(setting: Setting, live: LivePool, asset: string, barrier: number, lowest: number, highest: number, step: number, base: Map<string, number>): void {
  let at = barrier;
  for (let events = 0; ; events++) {
    const factors = new Map(base);
    factors.set(asset, Math.exp(at));
    if (!liquidate(setting, live, factors, step, events >= MAX_EVENTS_PER_STEP)) return;
    rebarrier(live, asset, at, factors);
    renew(setting, live);
    if (lowest <= live.low) at = live.low;
    else if (highest >= live.high) at = live.high;
    else return;
  }
}
