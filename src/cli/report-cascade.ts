// The liquidation cascade of `report ... --crowd FILE --depth FILE [--insurance-fund ...]
// [--event NAME | Monte Carlo options]`: the same request as `marginscope cascade` (built by
// cascade-command.ts), run before the report writes anything, so a bad crowd or depth file is a
// located problem, exit 1 and nothing written.

import type { CascadeResult } from '../cascade/cascade-result.js';
import type { Issue } from '../domain/issue.js';
import { runCascade } from '../flows/cascade.js';
import { buildCascadeRequest } from './cascade-command.js';
import type { CascadeOptions } from './cascade-options.js';
import type { CliStreams } from './cli-streams.js';
import type { CommonOptions } from './command-options.js';
import type { ShockOptions } from './shock-options.js';

/** The cascade result, null when no cascade was asked for, false after input problems (in `issues`). */
export async function reportCascade(options: CommonOptions, shock: ShockOptions | undefined, cascade: CascadeOptions | null, io: CliStreams, issues: Issue[]): Promise<CascadeResult | null | false> {
  if (cascade === null || shock === undefined) return null;
  const built = await buildCascadeRequest(options, shock, cascade, io, issues);
  if (built === null) return false;
  const result = await runCascade(built.request, issues);
  return result === null || issues.length > 0 ? false : result;
}
