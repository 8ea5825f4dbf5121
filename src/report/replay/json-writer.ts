// `--format json` for replay: the `marginscope/replay@1` document of the public contract. Per
// event its window and the substitutions made (`proxies`), then per account each mode's
// liquidation (and when), loss, bad debt and lowest equity, its positions, and the contagion of
// that one path (probability 1 for every entry listed); then `verdicts`, per account the replay
// lens over every event (which mode lost less in each). Keys in a fixed order, numbers finite.

import type { ReplayModeOutcome, ReplayPositionOutcome } from '../../kernel/run-replay.js';
import { MODE_NAMES } from '../../margin/evaluation.js';
import { formatTimestampMs } from '../../scenarios/text/parse-timestamp.js';
import type { PositionLabel, ScenarioReplay } from '../../results/shock-results.js';
import { assertAllFinite } from '../format/find-non-finite.js';
import { jsonText, type JsonValue } from '../format/json-text.js';
import { liquidationWindow, proxyUses, stepMinutesOf, type ReplayAccountEntry, type ReplayDocument, type ReplayEventEntry } from './replay-document.js';
import { contagionJson } from '../simulate/contagion-json.js';
import { exportReadJson } from '../simulate/json-writer.js';
import { verdictJson } from '../verdict/verdict-json.js';
import { replayVerdicts } from './replay-verdicts.js';
import { leftOutJson } from '../left-out-accounts.js';

/** Schema id; the major version changes only if a field is renamed or removed. */
const REPLAY_JSON_SCHEMA = 'marginscope/replay@1';

type JsonObject = { readonly [key: string]: JsonValue };

function timeFields(replay: ScenarioReplay, step: number | null): JsonObject {
  const window = liquidationWindow(replay, step);
  return { liquidatedAt: window === null ? null : formatTimestampMs(window.at), liquidatedBy: window === null ? null : formatTimestampMs(window.by) };
}

function positionJson(p: ReplayPositionOutcome, label: PositionLabel | undefined, replay: ScenarioReplay): JsonObject {
  return { positionId: p.positionId, symbol: p.symbol, side: label?.side ?? null, asset: p.asset, liquidated: p.liquidated, ...timeFields(replay, p.liquidatedStep), loss: p.loss };
}

function modeJson(mode: ReplayModeOutcome, labels: readonly PositionLabel[], replay: ScenarioReplay): JsonObject {
  return {
    mode: mode.mode,
    asset: mode.asset,
    liquidated: mode.liquidated,
    ...timeFields(replay, mode.liquidatedStep),
    loss: mode.loss,
    badDebt: mode.badDebt,
    minEquity: mode.minEquity,
    positions: mode.positions.map((p, j) => positionJson(p, labels[j], replay)),
  };
}

function accountJson(entry: ReplayAccountEntry): JsonObject {
  const { replay } = entry;
  const modes: Record<string, JsonValue> = {};
  for (const name of MODE_NAMES) modes[name] = modeJson(replay.modes[name], entry.positions, replay);
  return {
    account: entry.account,
    asset: replay.modes.cross.asset,
    start: formatTimestampMs(replay.startMs),
    end: formatTimestampMs(replay.endMs),
    steps: replay.stepEndMs.length,
    stepMinutes: stepMinutesOf(replay),
    sources: replay.assets.map((asset, a) => ({ asset, kind: replay.sources[a]!.kind, series: replay.sources[a]!.series })),
    notes: [...entry.notes],
    modes,
    contagion: contagionJson(replay.contagion),
  };
}

function eventJson(entry: ReplayEventEntry): JsonObject {
  return {
    event: entry.info.event,
    title: entry.info.title,
    start: formatTimestampMs(entry.info.startMs),
    end: formatTimestampMs(entry.info.endMs),
    proxies: proxyUses(entry).map((u) => ({ asset: u.asset, kind: u.kind, series: u.series, accounts: [...u.accounts] })),
    accounts: entry.accounts.map(accountJson),
  };
}

/** The whole document, pretty-printed with one line per position. */
export function replayJson(document: ReplayDocument): string {
  const { inputs } = document;
  const json: JsonObject = {
    schema: REPLAY_JSON_SCHEMA,
    venue: inputs.venue,
    allocation: inputs.allocation,
    slippageBps: inputs.slippageBps,
    proxy: inputs.proxy,
    files: { ...inputs.files },
    wallet: inputs.wallet,
    skipInvalid: inputs.skipInvalid,
    ...exportReadJson(inputs.exportRead),
    events: document.events.map(eventJson),
    verdicts: replayVerdicts(document).map((v) => ({ account: v.account, verdict: verdictJson(v.verdict) })),
    ...leftOutJson(document.leftOut),
  };
  assertAllFinite(json, 'the replay result');
  return `${jsonText(json, 2)}\n`;
}
