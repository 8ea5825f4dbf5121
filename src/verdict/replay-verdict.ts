// The verdict of replays: each replayed event's loss (equity at the start − equity at the end,
// in the reporting asset), isolated vs cross, one lens per event. The report joins these to the
// lenses of the evaluation (distance, stress) and of the Monte Carlo run (`reportVerdict`).

import type { ReplayModeOutcome } from '../kernel/run-replay.js';
import type { ModeName } from '../margin/evaluation.js';
import { accountVerdict, type AccountVerdict, type VerdictInputs } from './account-verdict.js';

/** One replayed event of one account: its name and each mode's outcome. */
export interface ReplayedEvent {
  readonly scenario: string;
  readonly modes: Readonly<Record<ModeName, ReplayModeOutcome>>;
}

/** The replay lenses' figures: one per event, in the order given. */
export function replayVerdictInputs(replays: readonly ReplayedEvent[]): VerdictInputs {
  return {
    replays: replays.map((r) => ({ event: r.scenario, asset: r.modes.cross.asset, isolatedLoss: r.modes.isolated.loss, crossLoss: r.modes.cross.loss })),
  };
}

export function replayVerdict(replays: readonly ReplayedEvent[]): AccountVerdict {
  return accountVerdict(replayVerdictInputs(replays));
}

/** Every lens a command computed, joined (each group appears in at most one of `parts`). */
export function joinedVerdict(...parts: readonly VerdictInputs[]): AccountVerdict {
  return accountVerdict(Object.assign({}, ...parts) as VerdictInputs);
}
