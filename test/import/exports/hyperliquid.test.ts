// Hyperliquid clearinghouseState: cross and isolated positions, marks from position values,
// isolated margin without PnL, the cross wallet without the cross PnL; broken variants.

import { describe, expect, it } from 'vitest';
import { importVenueExport } from '../../../src/import/exports/index.js';
import { fixture, lines, positionById } from './export-files.js';

const USER = '0x5e9ee1089755c3435139848e47e6635505d5a13a';

describe('Hyperliquid clearinghouseState of many coins', () => {
  it('says once, not per coin, that maintenance comes from the export\'s maxLeverage: the first ten coins named, the rest counted', () => {
    const base = JSON.parse(fixture(`hyperliquid/clearinghouseState-${USER}.json`).text) as { assetPositions: { position: { coin: string; szi: string } }[] };
    const template = base.assetPositions.find((p) => Number(p.position.szi) !== 0)!;
    const assetPositions = Array.from({ length: 25 }, (_, i) => ({ ...template, position: { ...template.position, coin: `C${i}` } }));
    const result = importVenueExport([{ label: 'many.json', text: JSON.stringify({ ...base, assetPositions }) }], {});
    expect(result.issues).toEqual([]);
    expect(result.positions).toHaveLength(25);
    const maintenance = result.notes.filter((note) => note.includes("maxLeverage"));
    const coins = Array.from({ length: 10 }, (_, i) => `C${i} 50x`).join(', ');
    expect(maintenance).toEqual([`many.json: maintenance taken from the export's maxLeverage (one tier; pass --tiers for the live multi-tier margin table): ${coins} and 15 more`]);
  });
});

describe('Hyperliquid clearinghouseState of many cross coins', () => {
  it('sums their unrealized PnL without drift: 4,000 PnLs of -0.01 take 40 from the account value, to the last digit', () => {
    const base = JSON.parse(fixture(`hyperliquid/clearinghouseState-${USER}.json`).text) as { assetPositions: { position: Record<string, unknown> }[]; crossMarginSummary: Record<string, string> };
    const template = base.assetPositions.find((p) => (p.position['leverage'] as { type: string }).type === 'cross' && Number(p.position['szi']) !== 0)!;
    const assetPositions = Array.from({ length: 4000 }, (_, i) => ({ ...template, position: { ...template.position, coin: `C${i}`, unrealizedPnl: '-0.01' } }));
    const document = { ...base, assetPositions, crossMarginSummary: { ...base.crossMarginSummary, accountValue: '1000' } };
    const result = importVenueExport([{ label: 'many.json', text: JSON.stringify(document) }], {});
    expect(result.issues).toEqual([]);
    // One by one the sum is -40.00000000000061 (a wallet of 1040.0000000000007): the drift reached the wallet and the note.
    expect(result.balances[0]!.amount).toBe(1040);
    expect(result.notes).toContain("many.json: cross wallet = crossMarginSummary.accountValue 1000 less the cross positions' unrealized PnL -40");
  });
});

describe('Hyperliquid clearinghouseState with cross and isolated positions', () => {
  const result = importVenueExport([fixture(`hyperliquid/clearinghouseState-${USER}.json`)], {});

  it('names the account after the user address in the file name', () => {
    expect(result.issues).toEqual([]);
    expect(result.positions.map((p) => p.account)).toEqual([USER, USER, USER]);
  });

  it('reads side from the sign of szi and the mode from leverage.type', () => {
    expect(positionById(result.positions, `${USER}:BTC:long`)).toMatchObject({ size: 0.5, entryPrice: 64000, marginMode: 'cross', isolatedMargin: null, leverage: 20, venue: 'hyperliquid', settlementAsset: 'USDC' });
    expect(positionById(result.positions, `${USER}:ETH:short`)).toMatchObject({ size: 3, entryPrice: 3350, marginMode: 'isolated', leverage: 10 });
    expect(positionById(result.positions, `${USER}:SOL:short`)).toMatchObject({ size: 40, marginMode: 'cross' });
  });

  it('derives marks as positionValue / |szi|', () => {
    expect(positionById(result.positions, `${USER}:BTC:long`).markPrice).toBeCloseTo(65210.3, 9);
    expect(positionById(result.positions, `${USER}:SOL:short`).markPrice).toBeCloseTo(142.11, 9);
  });

  it('isolated margin = marginUsed - unrealizedPnl (= rawUsd + szi * entryPx)', () => {
    expect(positionById(result.positions, `${USER}:ETH:short`).isolatedMargin).toBeCloseTo(1005, 9);
  });

  it('cross wallet = cross account value less the cross positions\' PnL', () => {
    expect(result.balances.map((b) => [b.account, b.asset])).toEqual([[USER, 'USDC']]);
    expect(result.balances[0]!.amount).toBeCloseTo(20000, 9);
    expect(result.notes).toContain(`clearinghouseState-${USER}.json: zero-size positions (szi 0) skipped: 1`);
  });

  it('keeps the venue figures; a null liquidationPx means none', () => {
    expect(result.venueReported.get(`${USER}:BTC:long`)?.liquidationPrice).toBe(41000.2);
    expect(result.venueReported.get(`${USER}:SOL:short`)?.liquidationPrice).toBe('none');
    expect(result.accountReported.get(USER)).toMatchObject({ equity: 20520.75, maintenanceMargin: 520.1, asset: 'USDC' });
  });

  it('the account option wins over the address', () => {
    const named = importVenueExport([fixture(`hyperliquid/clearinghouseState-${USER}.json`)], { account: 'hl-main' });
    expect(new Set(named.positions.map((p) => p.account))).toEqual(new Set(['hl-main']));
    expect(named.balances[0]!.account).toBe('hl-main');
  });
});

describe('Hyperliquid broken state', () => {
  it('reports each bad position at its field, and gives no wallet rather than a wrong one', () => {
    const result = importVenueExport([fixture('hyperliquid/clearinghouseState-broken.json')], {});
    expect(lines(result.issues)).toEqual([
      'clearinghouseState-broken.json:19: column assetPositions[0].position.marginUsed: marginUsed - unrealizedPnl = 1005 but leverage.rawUsd + szi * entryPx = 950 (got "1184.7")',
      'clearinghouseState-broken.json:37: column assetPositions[1].position.leverage.type: margin type (leverage.type) is missing',
      'clearinghouseState-broken.json:51: column assetPositions[2].position.positionValue: position value (for the mark price) is missing',
      'clearinghouseState-broken.json:90: column assetPositions[3].position.szi: not a number (got "abc")',
    ]);
    expect(result.positions).toEqual([]);
    expect(result.balances).toEqual([]);
  });
});
