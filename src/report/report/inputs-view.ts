// The inputs a report echoes, as label/value pairs in reading order: files, venue, allocation,
// simulation settings and replayed events, then the batch size and how many accounts have a
// detailed section.

import { formatFixed } from '../format/number-format.js';
import type { ReportInputs } from './report-model.js';

function formatCount(count: number): string {
  return formatFixed(count, 0);
}

interface InputItem {
  readonly label: string;
  readonly value: string;
}

interface BatchCounts {
  readonly accounts: number;
  readonly detailed: number;
}

/** Every echoed input that is present. */
export function inputItems(inputs: ReportInputs, counts: BatchCounts): InputItem[] {
  const evaluate = inputs.evaluate;
  const items: InputItem[] = [{ label: 'Positions', value: evaluate.files.positions }];
  if (evaluate.files.balances !== null) items.push({ label: 'Balances', value: evaluate.files.balances });
  else if (evaluate.wallet !== null) items.push({ label: 'Wallet', value: `--wallet ${evaluate.wallet}` });
  else items.push({ label: 'Collateral', value: 'none given' });
  if (evaluate.files.tiers !== null) items.push({ label: 'Tier overrides', value: evaluate.files.tiers });
  items.push({ label: 'Default venue', value: evaluate.venue });
  items.push({ label: 'Isolated-mode allocation', value: evaluate.allocation });
  if (evaluate.skipInvalid) items.push({ label: 'Invalid rows', value: 'skipped (--skip-invalid)' });
  const simulation = inputs.simulation;
  if (simulation !== undefined) {
    items.push({
      label: 'Monte Carlo',
      value: `${formatCount(simulation.paths)} paths over ${simulation.horizon} in ${simulation.steps} steps, model ${simulation.model}, seed ${simulation.seed}`,
    });
  }
  if (inputs.replayEvents !== undefined && inputs.replayEvents.length > 0) items.push({ label: 'Replayed events', value: inputs.replayEvents.join(', ') });
  items.push({
    label: 'Accounts',
    value:
      counts.detailed >= counts.accounts
        ? `${formatCount(counts.accounts)}, all with a detailed section`
        : `${formatCount(counts.accounts)}; detailed sections for the ${formatCount(counts.detailed)} riskiest`,
  });
  if (inputs.generatedAt !== undefined) items.push({ label: 'Generated', value: inputs.generatedAt });
  return items;
}
