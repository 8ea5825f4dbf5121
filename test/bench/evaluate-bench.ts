// Benchmark: import + evaluate of a generated positions file, end to end through the same
// pipeline the CLI uses (streamed CSV → account books → three-mode evaluation). Prints rows per
// second and peak memory; run at two sizes to show memory is flat in the file size.

import { createReadStream } from 'node:fs';
import type { Issue } from '../../src/domain/issue.js';
import { readBalancesCsv } from '../../src/import/index.js';
import { loadBundledTierBook } from '../../src/io/bundled-tiers.js';
import { evaluatePortfolio } from '../../src/flows/evaluate.js';
import type { GeneratedBook } from './generate-book.js';
import { withPeakMemory } from './peak-memory.js';

export interface EvaluateBenchResult {
  readonly positions: number;
  readonly accounts: number;
  readonly seconds: number;
  readonly rowsPerSecond: number;
  readonly peakRssMiB: number;
  readonly peakHeapMiB: number;
  readonly issues: number;
}

export async function runEvaluateBench(book: GeneratedBook): Promise<EvaluateBenchResult> {
  const defaultTiers = loadBundledTierBook();
  const { result, memory } = await withPeakMemory(async () => {
    const started = process.hrtime.bigint();
    const issues: Issue[] = [];
    const { balances } = await readBalancesCsv(createReadStream(book.balancesPath), book.balancesPath);
    let positions = 0;
    let accounts = 0;
    let checksum = 0;
    const evaluations = evaluatePortfolio(
      {
        positions: { chunks: createReadStream(book.positionsPath, { highWaterMark: 1 << 20 }), label: book.positionsPath },
        balances,
        defaultTiers,
        defaultVenue: 'generic',
        allocation: 'leverage',
      },
      issues,
    );
    for await (const evaluation of evaluations) {
      accounts++;
      positions += evaluation.modes.cross.positions.length;
      checksum += evaluation.modes.cross.equity;
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { positions, accounts, seconds, issues: issues.length, checksum };
  });
  if (!Number.isFinite(result.checksum)) throw new Error('evaluate bench: non-finite checksum');
  return {
    positions: result.positions,
    accounts: result.accounts,
    seconds: result.seconds,
    rowsPerSecond: result.positions / result.seconds,
    peakRssMiB: memory.peakRssMiB,
    peakHeapMiB: memory.peakHeapMiB,
    issues: result.issues,
  };
}
