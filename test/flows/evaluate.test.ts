// The venue-export road end to end: a venue's own documentation sample, imported, evaluated, and
// the liquidation price compared with the one the venue itself returned in that response.

import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/domain/issue.js';
import { loadBundledTierBook } from '../../src/io/bundled-tiers.js';
import { evaluateVenueExport } from '../../src/flows/evaluate.js';
import { SAMPLES_PRESENT, sample } from '../import/exports/export-files.js';

describe.skipIf(!SAMPLES_PRESENT)('evaluateVenueExport on documentation samples', () => {
  it('reproduces Hyperliquid clearinghouseState liquidationPx for its isolated position', () => {
    // https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint/perpetuals
    const issues: Issue[] = [];
    const result = evaluateVenueExport(
      { files: [sample('hyperliquid_info_clearinghouseState.json')], balances: [], defaultTiers: loadBundledTierBook(), allocation: 'leverage' },
      issues,
    );
    expect(issues).toEqual([]);
    expect(result.evaluations).toHaveLength(1);
    const exported = result.evaluations[0]!.modes.exported;
    const position = exported.positions[0]!;
    const reported = result.venueReported.get(position.positionId)!;
    expect(typeof reported.liquidationPrice).toBe('number');
    expect(position.liquidationPrice!).toBeCloseTo(reported.liquidationPrice as number, 3);
  });

  it('evaluates the Binance USDⓈ-M v2 positionRisk hedge-mode sample with the bundled brackets', () => {
    const issues: Issue[] = [];
    const result = evaluateVenueExport(
      { files: [sample('binance_usdm_fapi_v2_positionRisk.json')], balances: [], defaultTiers: loadBundledTierBook(), allocation: 'leverage' },
      issues,
    );
    expect(issues.map((i) => i.message)).toEqual([]);
    const positions = result.evaluations.flatMap((e) => e.modes.exported.positions);
    expect(positions.length).toBeGreaterThan(0);
    for (const p of positions) expect(Number.isFinite(p.maintenanceMargin)).toBe(true);
  });
});

describe('evaluatePortfolio input problems', () => {
  it('lists a symbol without tiers with every other bad row, in one run', async () => {
    const { evaluatePortfolio } = await import('../../src/flows/evaluate.js');
    const { formatIssue } = await import('../../src/domain/issue.js');
    const csv = [
      'account,symbol,side,size,entry_price,mark_price',
      'main,BTCUSDT,long,abc,60000,61000',
      'main,FOOUSDT,long,1,1,1',
      'other,BARUSDT,short,2,10,10',
    ].join('\n');
    const issues: Issue[] = [];
    async function* chunks() {
      yield csv;
    }
    const evaluations = [];
    for await (const e of evaluatePortfolio({ positions: { chunks: chunks(), label: 'p.csv' }, balances: [], defaultTiers: loadBundledTierBook(), defaultVenue: 'generic', allocation: 'leverage' }, issues)) {
      evaluations.push(e);
    }
    expect(evaluations).toEqual([]);
    expect(issues.map(formatIssue)).toEqual([
      'p.csv:2: column size: not a number (got "abc")',
      'p.csv:3: column symbol: no maintenance-margin tiers for this symbol on venue generic; supply them with --tiers (got "FOOUSDT")',
      'p.csv:4: column symbol: no maintenance-margin tiers for this symbol on venue generic; supply them with --tiers (got "BARUSDT")',
    ]);
  });
});
