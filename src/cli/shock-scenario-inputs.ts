// The scenarios of `evaluate --shock` / `--shock-file`: the option values (already parsed) then
// the file's, read here because only the CLI touches files. A file problem is a located Issue
// (exit 1); after the run, an asset that no evaluated account holds is one too, located at the
// file's row or at the `--shock` value that names it.

import { readFile } from 'node:fs/promises';
import type { Issue } from '../domain/issue.js';
import type { ScenarioShocks } from '../flows/scenario-shock.js';
import { parseShockFile } from '../scenarios/shocks/parse-shock-file.js';
import type { ShockScenario } from '../scenarios/shocks/shock-scenario.js';
import type { EvaluateExtras } from './evaluate-extra-options.js';
import { fileErrorCode, fileIssue } from './input-files.js';

/** Every scenario, `--shock` values first; null (with Issues) when the shock file has problems. */
export async function readShockScenarios(extras: EvaluateExtras, issues: Issue[]): Promise<ShockScenario[] | null> {
  const scenarios = [...extras.shocks];
  if (extras.shockFile === null) return scenarios;
  let text: string;
  try {
    text = await readFile(extras.shockFile, 'utf8');
  } catch (error) {
    issues.push(fileIssue(extras.shockFile, fileErrorCode(error) ?? ''));
    return null;
  }
  const parsed = parseShockFile(text, extras.shockFile);
  if (parsed.issues.length > 0) {
    issues.push(...parsed.issues);
    return null;
  }
  const names = new Set(scenarios.map((s) => s.name));
  for (const scenario of parsed.scenarios) {
    if (names.has(scenario.name)) {
      issues.push({ code: 'duplicate-id', file: extras.shockFile, line: scenario.moves[0]?.line ?? 0, column: 'scenario', message: 'a scenario of this name is also given with --shock', value: scenario.name });
    }
  }
  return issues.length > 0 ? null : [...scenarios, ...parsed.scenarios];
}

/** One Issue per scenario asset that no evaluated account holds. */
export function unknownShockAssetProblems(shocks: ScenarioShocks): Issue[] {
  const known = shocks.knownAssets();
  const held = known.length === 0 ? 'the book holds no asset' : `the book holds ${known.join(', ')}`;
  return shocks.unknownAssets().map(({ scenario, move }) => {
    const message = `${move.asset} is the base asset of no position (and no collateral) in the accounts evaluated; ${held}`;
    return scenario.source === '--shock'
      ? { code: 'unknown-value', file: `--shock ${JSON.stringify(scenario.name)}`, line: 0, column: '', message, value: move.asset }
      : { code: 'unknown-value', file: scenario.source, line: move.line, column: 'asset', message: `scenario ${JSON.stringify(scenario.name)}: ${message}`, value: move.asset };
  });
}
