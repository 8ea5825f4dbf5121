// `--shock "BTC=-20%,ETH=-30%,*=-35%"`: one scenario per option value. Each comma-separated part
// is ASSET=MOVE, the move a percentage (`-20%`) or a fraction (`-0.2`); the asset is a base asset
// (`BTC`) or a symbol naming one (`BTCUSDT` → BTC); `*` is every other asset. Errors name the bad
// part in plain words; nothing throws. Also parses one move for the shock file (parse-shock-file.ts).

import { symbolAssets } from '../../domain/symbol-assets.js';
import { parseFiniteNumber } from '../text/parse-number.js';
import type { AssetMove, ShockScenario } from './shock-scenario.js';

type ParsedShock<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** The asset a shock names: `*`, or the base asset of a symbol (`BTCUSDT`, `BTC-PERPETUAL`, `btc` → BTC). */
export function shockAsset(text: string): ParsedShock<string> {
  const trimmed = text.trim();
  if (trimmed === '*') return { ok: true, value: '*' };
  if (!/^[A-Za-z0-9][A-Za-z0-9._:/-]*$/.test(trimmed)) return { ok: false, error: `${JSON.stringify(trimmed)} is not an asset: write BTC, ETH, … or * for every other asset` };
  return { ok: true, value: symbolAssets(trimmed, 'linear', 'USDT').baseAsset };
}

/** A move: `-20%` → -0.2, `-0.2` → -0.2, `+15%` → 0.15; never −100 % or below. */
export function shockMoveValue(text: string): ParsedShock<number> {
  const trimmed = text.trim();
  const percent = trimmed.endsWith('%');
  const value = parseFiniteNumber(percent ? trimmed.slice(0, -1) : trimmed);
  if (value === null || trimmed === '%') return { ok: false, error: `${JSON.stringify(trimmed)} is not a move: write a percentage such as -20% or a fraction such as -0.2` };
  const move = percent ? value / 100 : value;
  if (move <= -1) {
    const hint = percent ? '' : ` (a fraction: did you mean ${trimmed}%?)`;
    return { ok: false, error: `${JSON.stringify(trimmed)} moves a price to zero or below; a move must be above -100%${hint}` };
  }
  return { ok: true, value: move };
}

/** Adds one asset's move to a scenario under construction; an asset given twice is an error. */
export function addMove(moves: AssetMove[], others: { move: number | null }, asset: string, move: number, line: number): string | null {
  if (asset === '*') {
    if (others.move !== null) return '* is given twice';
    others.move = move;
    return null;
  }
  if (moves.some((m) => m.asset === asset)) return `${asset} is given twice`;
  moves.push({ asset, move, line });
  return null;
}

/** Parse one `--shock` value into a scenario named by its text. */
export function parseShockText(text: string): ParsedShock<ShockScenario> {
  const quoted = JSON.stringify(text);
  const fail = (why: string): ParsedShock<ShockScenario> => ({ ok: false, error: `--shock ${quoted}: ${why}` });
  const parts = text.split(',').map((p) => p.trim());
  if (text.trim() === '') return fail('expected ASSET=MOVE[,ASSET=MOVE…], e.g. "BTC=-20%,ETH=-30%,*=-35%"');
  const moves: AssetMove[] = [];
  const others = { move: null as number | null };
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq < 0) return fail(`${JSON.stringify(part)} is not ASSET=MOVE, e.g. BTC=-20%`);
    const asset = shockAsset(part.slice(0, eq));
    if (!asset.ok) return fail(asset.error);
    const move = shockMoveValue(part.slice(eq + 1));
    if (!move.ok) return fail(move.error);
    const duplicate = addMove(moves, others, asset.value, move.value, 0);
    if (duplicate !== null) return fail(duplicate);
  }
  return { ok: true, value: { name: text.trim(), moves, otherAssets: others.move, source: '--shock' } };
}
