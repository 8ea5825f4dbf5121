// Ranking accounts by risk: liquidatable now first, then the smallest uniform move of all marks
// to liquidation, then the highest margin ratio, then the name; in the mode asked for.

import { describe, expect, it } from 'vitest';
import type { ModeName } from '../../../src/margin/evaluation.js';
import { compareRisk, summarizeAccount, type AccountRiskSummary, type ModeRisk } from '../../../src/report/report/account-risk-summary.js';
import { RiskRanking } from '../../../src/report/report/risk-ranking.js';
import { sampleEvaluation } from '../sample-evaluation.js';

function risk(overrides: Partial<ModeRisk>): ModeRisk {
  return { marginRatio: 0.1, maintenanceMargin: 10, liquidatable: false, moveDown: 0.3, moveUp: null, ...overrides };
}

function account(name: string, exported: Partial<ModeRisk>, cross: Partial<ModeRisk> = {}): AccountRiskSummary {
  return { account: name, positionCount: 1, asset: 'USDT', equity: 100, modes: { exported: risk(exported), isolated: risk({}), cross: risk(cross) }, warningCount: 0 };
}

function order(summaries: AccountRiskSummary[], rankBy: ModeName = 'exported'): string[] {
  return [...summaries].sort(compareRisk(rankBy)).map((s) => s.account);
}

describe('compareRisk', () => {
  it('puts liquidatable accounts first, then the smallest move either way', () => {
    const summaries = [
      account('far', { moveDown: 0.5 }),
      account('near-up', { moveDown: 0.4, moveUp: 0.05 }),
      account('liquidatable', { liquidatable: true, moveDown: 0.9 }),
      account('never', { moveDown: null, moveUp: null }),
    ];
    expect(order(summaries)).toEqual(['liquidatable', 'near-up', 'far', 'never']);
  });

  it('breaks ties by the higher margin ratio (no equity left counts as infinite), then by name', () => {
    const summaries = [
      account('b', { marginRatio: 0.2 }),
      account('a', { marginRatio: 0.2 }),
      account('bankrupt', { marginRatio: null, maintenanceMargin: 5 }),
      account('low', { marginRatio: 0.01 }),
    ];
    expect(order(summaries)).toEqual(['bankrupt', 'a', 'b', 'low']);
  });

  it('ranks by the mode asked for', () => {
    const summaries = [account('cross-risky', { moveDown: 0.5 }, { moveDown: 0.01 }), account('exported-risky', { moveDown: 0.1 }, { moveDown: 0.9 })];
    expect(order(summaries, 'exported')).toEqual(['exported-risky', 'cross-risky']);
    expect(order(summaries, 'cross')).toEqual(['cross-risky', 'exported-risky']);
  });
});

describe('RiskRanking', () => {
  it('keeps compact summaries and answers ranks and the top N', () => {
    const ranking = new RiskRanking({ rankBy: 'cross' });
    ranking.addSummary(account('x', {}, { moveDown: 0.2 }));
    ranking.addSummary(account('y', {}, { moveDown: 0.1 }));
    ranking.add(sampleEvaluation());
    expect(ranking.size).toBe(3);
    expect(ranking.rankOf('y')).toBe(1);
    expect(ranking.rankOf('missing')).toBeNull();
    expect(ranking.top(2).map((r) => `${r.rank}:${r.summary.account}`)).toEqual(['1:y', '2:x']);
    expect([...ranking.equityAssets()]).toEqual(['USDT']);
  });

  it('summarises an evaluation and refuses non-finite numbers', () => {
    const evaluation = sampleEvaluation();
    const summary = summarizeAccount(evaluation);
    expect(summary).toMatchObject({ account: 'desk', positionCount: 2, asset: 'USDT', equity: 11500.25 });
    expect(summary.modes.cross).toEqual({ marginRatio: 210.001 / 11500.25, maintenanceMargin: 210.001, liquidatable: false, moveDown: 0.31, moveUp: null });
    const broken = { ...evaluation, modes: { ...evaluation.modes, cross: { ...evaluation.modes.cross, equity: Number.NaN, marginRatio: Number.NaN } } };
    expect(() => summarizeAccount(broken)).toThrow(/non-finite number at modes\.cross\.marginRatio/);
  });
});
