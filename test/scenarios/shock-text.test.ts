// The shock scenarios as text: `--shock` values and the `--shock-file` CSV parsed into moves,
// every mistake a plain message (option) or a located Issue (file); and the factor each asset gets.

import { describe, expect, it } from 'vitest';
import { parseShockFile } from '../../src/scenarios/shocks/parse-shock-file.js';
import { parseShockText } from '../../src/scenarios/shocks/parse-shock-text.js';
import { shockFactor, type ShockScenario } from '../../src/scenarios/shocks/shock-scenario.js';

function ok(text: string): ShockScenario {
  const parsed = parseShockText(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

function error(text: string): string {
  const parsed = parseShockText(text);
  if (parsed.ok) throw new Error(`parsed: ${text}`);
  return parsed.error;
}

describe('parseShockText', () => {
  it('reads percentages, fractions, symbols as their base asset and * for the others', () => {
    const s = ok('BTC=-20%, ethusdt=-0.3, SOL-PERPETUAL=+15%, *=-35%');
    expect(s.name).toBe('BTC=-20%, ethusdt=-0.3, SOL-PERPETUAL=+15%, *=-35%');
    expect(s.moves.map((m) => [m.asset, m.move])).toEqual([
      ['BTC', -0.2],
      ['ETH', -0.3],
      ['SOL', 0.15],
    ]);
    expect(s.otherAssets).toBe(-0.35);
    expect(shockFactor(s, 'BTC')).toBeCloseTo(0.8, 15);
    expect(shockFactor(s, 'DOGE')).toBeCloseTo(0.65, 15);
    // A stablecoin is never moved by `*`.
    expect(shockFactor(s, 'USDC')).toBe(1);
    expect(shockFactor(ok('BTC=-20%'), 'ETH')).toBe(1);
  });

  it('names the bad part of a bad value', () => {
    expect(error('BTC-20%')).toBe('--shock "BTC-20%": "BTC-20%" is not ASSET=MOVE, e.g. BTC=-20%');
    expect(error('BTC=abc')).toContain('"abc" is not a move');
    expect(error('BTC=-100%')).toContain('moves a price to zero or below');
    expect(error('BTC=-20')).toContain('did you mean -20%?');
    expect(error('BTC=-10%,BTC=-20%')).toBe('--shock "BTC=-10%,BTC=-20%": BTC is given twice');
    expect(error('*=-1%,*=-2%')).toContain('* is given twice');
    expect(error('B$C=-1%')).toContain('is not an asset');
    expect(error('')).toContain('expected ASSET=MOVE');
  });
});

describe('parseShockFile', () => {
  it('groups rows by scenario in the order they first appear, with their lines', () => {
    const { scenarios, issues } = parseShockFile('scenario;asset;move\ncrash;BTC;-20%\nalt;ETH;+25%\n\ncrash;*;-35%\n', 'shocks.csv');
    expect(issues).toEqual([]);
    expect(scenarios.map((s) => s.name)).toEqual(['crash', 'alt']);
    expect(scenarios[0]!.moves).toEqual([{ asset: 'BTC', move: -0.2, line: 2 }]);
    expect(scenarios[0]!.otherAssets).toBe(-0.35);
    expect(scenarios[0]!.source).toBe('shocks.csv');
    expect(scenarios[1]!.moves[0]!.move).toBe(0.25);
  });

  it('locates every bad row and a missing column', () => {
    const { issues } = parseShockFile('scenario,asset,move\ncrash,BTC,x\n,ETH,-1%\ncrash,BTC,-5%\ncrash,BTC,-6%\n', 'f.csv');
    expect(issues.map((i) => [i.line, i.column, i.value])).toEqual([
      [2, 'move', 'x'],
      [3, 'scenario', ''],
      [5, 'asset', 'BTC'],
    ]);
    expect(parseShockFile('scenario,asset\nx,BTC\n', 'f.csv').issues.map((i) => i.column)).toEqual(['move']);
    expect(parseShockFile('', 'f.csv').issues[0]!.code).toBe('empty-file');
    expect(parseShockFile('scenario,asset,move\n', 'f.csv').issues[0]!.code).toBe('header-only');
  });
});
