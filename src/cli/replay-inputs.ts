// The replays behind `--event` and `--prices` (`replay`, `report`, `cascade`): the bundled event
// library and the user's own price paths, turned into the library's replay settings. An unknown
// event name is a usage error; problems in the prices file are Issues (exit 1).

import type { Issue } from '../domain/issue.js';
import { loadBundledEvent, loadBundledEventLibrary } from '../io/bundled-events.js';
import { parseUserPricePaths } from '../scenarios/events/user-price-paths.js';
import type { ReplaySettings } from '../flows/replay.js';
import type { ReplayScenario } from '../results/shock-results.js';
import { readInputText } from './input-files.js';
import type { ShockOptions } from './shock-options.js';
import { UsageError } from './usage-error.js';

/**
 * The replay settings of `shock`: the named events (all of the library when neither `--event`
 * nor `--prices` is given), then the `--prices` paths. An unknown event name is a usage error;
 * problems in the prices file are Issues (null when any was found).
 */
export async function loadReplaySettings(shock: ShockOptions, command: string, issues: Issue[]): Promise<ReplaySettings | null> {
  const library = loadBundledEventLibrary();
  const names = shock.events.length === 0 && shock.prices === null ? library.list().map((e) => e.name) : shock.events;
  const { entries, issues: unknown } = library.resolve(names);
  if (unknown.length > 0) {
    const known = library.list().map((e) => e.name).join(', ');
    throw new UsageError(`--event: no historical event named ${JSON.stringify(unknown[0]!.value)}; the events are ${known} (or their aliases, see 'marginscope events')`, command);
  }
  const seen = new Set<string>();
  const scenarios: ReplayScenario[] = [];
  for (const entry of entries) {
    if (seen.has(entry.name)) continue;
    seen.add(entry.name);
    scenarios.push({ kind: 'event', event: loadBundledEvent(entry) });
  }
  if (shock.prices !== null) {
    const text = await readInputText(shock.prices, issues);
    if (text === null) return null;
    const { series, issues: found } = parseUserPricePaths(text, shock.prices);
    issues.push(...found);
    if (found.length > 0) return null;
    scenarios.push({ kind: 'prices', label: shock.prices, series });
  }
  return { scenarios, proxyAsset: shock.proxy, slippageBps: shock.slippageBps };
}
