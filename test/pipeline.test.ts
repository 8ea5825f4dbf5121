// The venue-export road end to end: a venue's own documentation sample, imported, evaluated, and
// the liquidation price compared with the one the venue itself returned in that response.

import { describe, expect, it } from 'vitest';
import type { Issue } from '../src/domain/issue.js';
import { loadBundledTierBook } from '../src/io/bundled-tiers.js';
import { evaluateVenueExport } from '../src/pipeline.js';
import { SAMPLES_PRESENT, sample } from './import/exports/export-files.js';

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
