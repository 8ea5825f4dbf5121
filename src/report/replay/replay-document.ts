// The `replay` result as one document — events, each with its accounts' replays — and the facts
// every output format reads off it: the substitutions (proxies) made in an event, the time window
// of a liquidation's step, the step length. Replays are cheap and small, so the CLI holds the
// accounts' results and the document is written at the end, grouped by event as the contract wants.

import type { VenueName } from '../../domain/venue-name.js';
import type { AllocationPolicy } from '../../margin/evaluation.js';
import type { PositionLabel, ScenarioReplay } from '../../results/shock-results.js';
import type { ExportReadEcho } from '../simulate/simulate-document.js';
import type { LeftOutAccount } from '../left-out-accounts.js';

export interface ReplayReportInputs {
  readonly venue: VenueName;
  readonly allocation: AllocationPolicy;
  readonly slippageBps: number;
  /** Asset driving symbols an event lacks; null when proxies are refused. */
  readonly proxy: string | null;
  readonly files: { readonly positions: string; readonly balances: string | null; readonly tiers: string | null; readonly prices: string | null };
  readonly wallet: number | null;
  readonly skipInvalid: boolean;
  /** The venue export the positions file was read as, and its `--with` files; absent for the canonical CSV. */
  readonly exportRead?: ExportReadEcho;
}

/** One replayed path as the output names it. */
export interface ReplayEventInfo {
  /** The event's name (its crash day), or `prices` for `--prices`. */
  readonly event: string;
  readonly title: string;
  /** Window, epoch ms (for `--prices`: the first and last timestamp of the file). */
  readonly startMs: number;
  readonly endMs: number;
}

/** One account's replay of one event. */
export interface ReplayAccountEntry {
  readonly account: string;
  readonly positions: readonly PositionLabel[];
  readonly replay: ScenarioReplay;
  readonly notes: readonly string[];
}

export interface ReplayEventEntry {
  readonly info: ReplayEventInfo;
  readonly accounts: readonly ReplayAccountEntry[];
}

export interface ReplayDocument {
  readonly inputs: ReplayReportInputs;
  readonly events: readonly ReplayEventEntry[];
  /** Accounts left out under `--skip-invalid` (absent or empty otherwise). */
  readonly leftOut?: readonly LeftOutAccount[];
}

/** A symbol replayed with another asset's path (or held flat), stated wherever results are shown. */
interface ProxyUse {
  readonly asset: string;
  readonly kind: 'alias' | 'stable' | 'proxy';
  /** The event asset whose path it follows; null when held flat (a stablecoin). */
  readonly series: string | null;
  readonly accounts: readonly string[];
}

/** Every substitution in an event, by asset, with the accounts concerned. */
export function proxyUses(entry: ReplayEventEntry): ProxyUse[] {
  const byAsset = new Map<string, { kind: ProxyUse['kind']; series: string | null; accounts: string[] }>();
  for (const account of entry.accounts) {
    account.replay.sources.forEach((source, a) => {
      if (source.kind === 'own' || source.kind === 'user') return;
      const asset = account.replay.assets[a]!;
      const use = byAsset.get(asset) ?? { kind: source.kind, series: source.series, accounts: [] };
      use.accounts.push(account.account);
      byAsset.set(asset, use);
    });
  }
  return [...byAsset].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([asset, use]) => ({ asset, ...use }));
}

/** Epoch ms of the start and end of the step a liquidation happened in (step 0: the start). */
export function liquidationWindow(replay: ScenarioReplay, step: number | null): { at: number; by: number } | null {
  if (step === null) return null;
  if (step === 0) return { at: replay.startMs, by: replay.startMs };
  return { at: step === 1 ? replay.startMs : replay.stepEndMs[step - 2]!, by: replay.stepEndMs[step - 1]! };
}

/** Uniform step length in minutes, or null when the steps differ (`--prices` timestamps). */
export function stepMinutesOf(replay: ScenarioReplay): number | null {
  const n = replay.stepEndMs.length;
  if (n === 0) return null;
  const first = replay.stepEndMs[0]! - replay.startMs;
  for (let k = 1; k < n; k++) if (replay.stepEndMs[k]! - replay.stepEndMs[k - 1]! !== first) return null;
  return first / 60_000;
}
