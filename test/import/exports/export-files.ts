// Test helper: venue export files as the importer receives them (label + text), from this
// repository's fixtures or from the venues' documentation samples kept beside the repository.

import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatIssue, type Issue } from '../../../src/domain/issue.js';
import type { Position } from '../../../src/domain/position.js';
import type { ExportFile } from '../../../src/import/exports/index.js';

const REPOSITORY_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The venues' documentation samples: `../shared/data/exports` from the repository root. */
export const SAMPLES_DIR = join(REPOSITORY_ROOT, '../shared/data/exports');
export const SAMPLES_PRESENT = existsSync(join(SAMPLES_DIR, 'README.md'));
export const SAMPLES_SKIP_NOTE = SAMPLES_PRESENT ? '' : ' (skipped: ../shared/data/exports is not beside the repository)';

/** A documentation sample, labelled with its file name. */
export function sample(name: string): ExportFile {
  return { label: name, text: readFileSync(join(SAMPLES_DIR, name), 'utf8') };
}

/** A fixture under test/fixtures/exports, labelled with its file name. */
export function fixture(path: string): ExportFile {
  return { label: basename(path), text: readFileSync(join(REPOSITORY_ROOT, 'test/fixtures/exports', path), 'utf8') };
}

/** Issues as the CLI prints them. */
export function lines(issues: readonly Issue[]): string[] {
  return issues.map(formatIssue);
}

/** The one position with this id (fails the test through `expect` when absent). */
export function positionById(positions: readonly Position[], positionId: string): Position {
  const found = positions.find((p) => p.positionId === positionId);
  if (found === undefined) throw new Error(`no position ${positionId} among ${positions.map((p) => p.positionId).join(', ')}`);
  return found;
}
