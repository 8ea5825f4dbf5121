// The view shared by the table and Markdown: riskiest first across modes, liquidatable pools
// flagged, units placed in labels or cells.

import { describe, expect, it } from 'vitest';
import type { AccountEvaluation, ModeEvaluation, TierTableUse } from '../../../src/margin/evaluation.js';
import { LIQUIDATABLE_NOW, accountView, tiersLine } from '../../../src/report/evaluate/account-view.js';
import { sampleEvaluation } from '../sample-evaluation.js';

function texts(rows: readonly (readonly { text: string }[])[]): string[][] {
  return rows.map((row) => row.map((c) => c.text));
}

describe('accountView', () => {
  it('orders positions by their closest liquidation in any mode', () => {
    const view = accountView(sampleEvaluation());
    expect(view.positions.rows.map((row) => row[0]!.text)).toEqual(['ETHUSDT', 'BTCUSDT']);
  });

  it('puts a position whose pool is liquidatable now first and says so', () => {
    const base = sampleEvaluation();
    const isolated: ModeEvaluation = {
      ...base.modes.isolated,
      liquidatable: true,
      pools: [
        {
          poolId: 'desk:desk:BTCUSDT:long',
          marginMode: 'isolated',
          asset: 'USDT',
          positionIds: ['desk:BTCUSDT:long'],
          collateral: 100,
          equity: -5,
          maintenanceMargin: 180,
          marginRatio: null,
          liquidatable: true,
          uniformMoveToLiquidation: { down: 0, up: null },
        },
      ],
    };
    const evaluation: AccountEvaluation = { ...base, modes: { ...base.modes, isolated } };
    const view = accountView(evaluation);
    const [first] = texts(view.positions.rows);
    expect(first![0]).toBe('BTCUSDT');
    expect(first![7]).toBe(`74,900.0 (${LIQUIDATABLE_NOW})`);
    expect(view.positions.rows[0]![7]!.tone).toBe('danger');
    const summary = texts(view.summary.rows);
    expect(summary.find((row) => row[0] === 'Liquidatable now')).toEqual(['Liquidatable now', 'no', 'yes', 'no']);
    expect(summary.find((row) => row[0] === 'All marks down to liquidation')![2]).toBe('now');
  });

  it('names the asset in each cell when positions settle in different assets', () => {
    const base = sampleEvaluation();
    const cross = { ...base.modes.cross, positions: base.modes.cross.positions.map((p) => (p.symbol === 'BTCUSDT' ? { ...p, asset: 'USDC' } : p)) };
    const view = accountView({ ...base, modes: { ...base.modes, exported: cross, isolated: cross, cross } });
    expect(view.positions.header).toContain('Notional');
    expect(texts(view.positions.rows).map((row) => row[5])).toEqual(['45,000.25 USDC', '6,000.00 USDT']);
  });

  it('shows the position id column only when some id is not the default one', () => {
    expect(accountView(sampleEvaluation()).positions.header[0]).toBe('Symbol');
    const base = sampleEvaluation();
    const renamed = (m: ModeEvaluation): ModeEvaluation => ({ ...m, positions: m.positions.map((p) => ({ ...p, positionId: `${p.positionId}#2` })) });
    const view = accountView({ ...base, modes: { exported: renamed(base.modes.exported), isolated: renamed(base.modes.isolated), cross: renamed(base.modes.cross) } });
    expect(view.positions.header[0]).toBe('Position');
  });

  it('tiersLine groups the tables by venue, origin and date, symbols in the order met', () => {
    const use = (key: string, symbols: string[], origin: TierTableUse['origin'], snapshotDate: string): TierTableUse => ({
      venue: 'binance-usdm',
      key,
      symbols,
      origin,
      source: 'test',
      snapshotDate,
    });
    const uses = [
      use('BTCUSDT', ['BTCUSDT'], 'bundled', '2024-10-24'),
      use('ETH', ['ETHUSDT'], 'export', ''),
      use('SOLUSDT', ['SOLUSDT', 'SOLUSDT-PERP'], 'bundled', '2024-10-24'),
    ];
    expect(tiersLine(uses)).toBe(
      'Tiers: binance-usdm bundled, snapshot 2024-10-24 (BTCUSDT, SOLUSDT, SOLUSDT-PERP); binance-usdm from the export (ETHUSDT)',
    );
    expect(tiersLine([])).toBeNull();
    expect(tiersLine(undefined)).toBeNull();
    // One table per symbol (an export's own tables) for 50,000 symbols: every symbol listed once.
    const many = Array.from({ length: 50_000 }, (_, i) => use(`C${i}`, [`C${i}`], 'export', ''));
    const line = tiersLine(many)!;
    expect(line.startsWith('Tiers: binance-usdm from the export (C0, C1, ')).toBe(true);
    expect(line.endsWith(', C49999)')).toBe(true);
    expect(line.split(', ').length).toBe(50_000);
    // The uses are not changed.
    expect(many[0]!.symbols).toEqual(['C0']);
  });
});
