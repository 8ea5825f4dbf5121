// `--format csv` for simulate: per account and mode, one row for the account (empty positionId)
// and one per position, with the contagion probabilities of each position beside it. RFC 4180
// quoting, LF line endings, numbers in full precision, empty cells where a figure does not apply.

import { MODE_NAMES } from '../../margin/evaluation.js';
import type { AccountSimulation } from '../../results/shock-results.js';
import { csvLine, csvNumberCell, csvTextCell } from '../format/csv-cell.js';
import { assertAllFinite } from '../format/find-non-finite.js';
import type { SimulateReportInputs, SimulateReportWriter } from './simulate-document.js';

/** Header of the simulate CSV, in column order. */
const SIMULATE_CSV_COLUMNS = [
  'account',
  'mode',
  'positionId',
  'symbol',
  'side',
  'asset',
  'liquidationProbability',
  'liquidationProbabilityStandardError',
  'expectedLoss',
  'expectedLossStandardError',
  'valueAtRisk95',
  'valueAtRisk99',
  'expectedShortfall95',
  'expectedShortfall99',
  'expectedBadDebt',
  'victimProbability',
  'rescueProbability',
  'seed',
  'paths',
] as const;

function rows(simulation: AccountSimulation, seed: number): string[] {
  const out: string[] = [];
  const victims = new Map(simulation.contagion.victims.map((v) => [v.positionId, v.probability]));
  const rescues = new Map(simulation.contagion.rescues.map((r) => [r.positionId, r.probability]));
  const tail = [csvNumberCell(seed), csvNumberCell(simulation.outcome.paths)];
  for (const name of MODE_NAMES) {
    const m = simulation.outcome.modes[name];
    out.push(
      csvLine([
        csvTextCell(simulation.account), csvTextCell(name), '', '', '', csvTextCell(m.asset),
        csvNumberCell(m.liquidationProbability), csvNumberCell(m.standardErrors.liquidationProbability),
        csvNumberCell(m.expectedLoss), csvNumberCell(m.standardErrors.expectedLoss),
        csvNumberCell(m.valueAtRisk['0.95']!), csvNumberCell(m.valueAtRisk['0.99']!),
        csvNumberCell(m.expectedShortfall['0.95']!), csvNumberCell(m.expectedShortfall['0.99']!),
        csvNumberCell(m.expectedBadDebt), '', '', ...tail,
      ]),
    );
    m.positions.forEach((p, j) => {
      const contagion = name === 'cross' ? [csvNumberCell(victims.get(p.positionId) ?? 0), csvNumberCell(rescues.get(p.positionId) ?? 0)] : ['', ''];
      out.push(
        csvLine([
          csvTextCell(simulation.account), csvTextCell(name), csvTextCell(p.positionId), csvTextCell(p.symbol), csvTextCell(simulation.positions[j]!.side), csvTextCell(p.asset),
          csvNumberCell(p.liquidationProbability), csvNumberCell(p.standardErrors.liquidationProbability),
          csvNumberCell(p.expectedLoss), csvNumberCell(p.standardErrors.expectedLoss),
          '', '', '', '', '', ...contagion, ...tail,
        ]),
      );
    });
  }
  return out;
}

export function createCsvSimulateWriter(): SimulateReportWriter {
  let seed = 0;
  return {
    begin(inputs: SimulateReportInputs): string {
      seed = inputs.seed;
      return `${SIMULATE_CSV_COLUMNS.join(',')}\n`;
    },
    account(simulation: AccountSimulation): string {
      assertAllFinite(simulation.outcome.modes, `account ${JSON.stringify(simulation.account)}`);
      return `${rows(simulation, seed).join('\n')}\n`;
    },
    end(): string {
      return '';
    },
  };
}
