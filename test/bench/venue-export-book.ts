// A venue export of one account holding many coins, for the benchmark of `evaluate` on venue
// exports: a Hyperliquid `clearinghouseState` (the documented response shape) with N positions on
// N distinct coins, a third isolated, the rest cross, figures consistent as the importer checks
// them (marginUsed − unrealizedPnl = rawUsd + szi × entryPx for an isolated position).

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes the export into `dir`; returns its path. */
export function writeHyperliquidExport(dir: string, positions: number): string {
  const assetPositions = [];
  for (let i = 0; i < positions; i++) {
    const isolated = i % 3 === 0;
    const size = i % 2 === 1 ? 1 : -1;
    const entry = 100 + (i % 50);
    const marginUsed = 4.96;
    const pnl = -0.01;
    const leverage = isolated ? { rawUsd: (marginUsed - pnl - size * entry).toFixed(2), type: 'isolated', value: 10 } : { type: 'cross', value: 10 };
    assetPositions.push({
      position: {
        coin: `C${i}`,
        cumFunding: { allTime: '1.0', sinceChange: '0.0', sinceOpen: '0.0' },
        entryPx: String(entry),
        leverage,
        liquidationPx: null,
        marginUsed: String(marginUsed),
        maxLeverage: 50,
        positionValue: String(entry),
        returnOnEquity: '-0.002',
        szi: `${size}.0`,
        unrealizedPnl: String(pnl),
      },
      type: 'oneWay',
    });
  }
  const accountValue = String(positions * 10);
  const document = {
    assetPositions,
    crossMaintenanceMarginUsed: '0.0',
    crossMarginSummary: { accountValue, totalMarginUsed: '0.0', totalNtlPos: '0.0', totalRawUsd: accountValue },
    marginSummary: { accountValue, totalMarginUsed: '0.0', totalNtlPos: '0.0', totalRawUsd: accountValue },
    time: 1708622398623,
    withdrawable: accountValue,
  };
  const path = join(dir, 'clearinghouseState.json');
  writeFileSync(path, JSON.stringify(document, null, 2));
  return path;
}
