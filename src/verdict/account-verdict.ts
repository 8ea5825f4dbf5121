// Which mode is safer for one account, isolated or cross, by every lens the command has: each
// lens compares one figure of the two modes, the lower (or, for a distance, the larger) wins;
// the verdict says whether the lenses agree. Data only: the sentences are in src/report.
//
// Lenses (each optional, present when the command computed it):
//   distance     the uniform move of all marks to the first liquidation, d = min(down, up)
//                (0 when liquidatable now; null = none at any move, treated as +∞): larger is safer
//   stress       positions liquidated over the stress scenarios (each position's symbol alone at
//                its isolated liquidation price): isolated loses the shocked position in each,
//                cross loses the whole pool (1 + victims) where it fails: fewer is safer
//   probability  Monte Carlo P(any liquidation in the horizon) ± SE: lower is safer
//   loss         Monte Carlo expected loss ± SE: lower is safer
//   replay       each replayed event's loss: lower is safer
// Monte Carlo lenses are a tie when |Δ| ≤ 2·√(SE_iso² + SE_cross²) (the two estimates taken as
// independent, which overstates the error of paths shared by both modes: conservative).
// Deterministic lenses are a tie when the figures agree to 1e-9 relative (or absolutely 1e-12).

export type SaferMode = 'isolated' | 'cross' | 'tie';

export type LensKind = 'distance' | 'stress' | 'probability' | 'loss' | 'replay';

export interface LensVerdict {
  readonly kind: LensKind;
  /** The event name for a `replay` lens, else null. */
  readonly event: string | null;
  /** Unit of the figures: `fraction` (distance, probability), `positions` (stress), or an asset (losses). */
  readonly unit: string;
  readonly isolated: number | null;
  readonly cross: number | null;
  /** Standard errors of Monte Carlo figures, else null. */
  readonly isolatedStandardError: number | null;
  readonly crossStandardError: number | null;
  readonly safer: SaferMode;
}

export interface AccountVerdict {
  /** The mode every deciding lens prefers; `tie` when none decides; `depends` when they disagree. */
  readonly safer: SaferMode | 'depends';
  readonly lenses: readonly LensVerdict[];
}

/** The figures the lenses read; each group optional. */
export interface VerdictInputs {
  readonly distance?: { readonly isolated: number | null; readonly cross: number | null };
  readonly stress?: { readonly isolated: number; readonly cross: number };
  readonly monteCarlo?: {
    readonly asset: string;
    readonly isolated: MonteCarloFigures;
    readonly cross: MonteCarloFigures;
  };
  readonly replays?: readonly { readonly event: string; readonly asset: string; readonly isolatedLoss: number; readonly crossLoss: number }[];
}

export interface MonteCarloFigures {
  readonly liquidationProbability: number;
  readonly liquidationProbabilityStandardError: number | null;
  readonly expectedLoss: number;
  readonly expectedLossStandardError: number | null;
}

function deterministic(isolated: number | null, cross: number | null, largerIsSafer: boolean): SaferMode {
  const a = isolated ?? Infinity;
  const b = cross ?? Infinity;
  if (a === b) return 'tie';
  if (Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) <= Math.max(1e-12, 1e-9 * Math.max(Math.abs(a), Math.abs(b)))) return 'tie';
  return (a > b) === largerIsSafer ? 'isolated' : 'cross';
}

function estimated(isolated: number, cross: number, seIsolated: number | null, seCross: number | null): SaferMode {
  const noise = 2 * Math.sqrt((seIsolated ?? 0) ** 2 + (seCross ?? 0) ** 2);
  if (Math.abs(isolated - cross) <= Math.max(noise, 1e-12)) return 'tie';
  return isolated < cross ? 'isolated' : 'cross';
}

function lens(kind: LensKind, unit: string, isolated: number | null, cross: number | null, safer: SaferMode, se: [number | null, number | null] = [null, null], event: string | null = null): LensVerdict {
  return { kind, event, unit, isolated, cross, isolatedStandardError: se[0], crossStandardError: se[1], safer };
}

/** The verdict of one account from the figures its command computed. */
export function accountVerdict(inputs: VerdictInputs): AccountVerdict {
  const lenses: LensVerdict[] = [];
  if (inputs.distance !== undefined) {
    const { isolated, cross } = inputs.distance;
    lenses.push(lens('distance', 'fraction', isolated, cross, deterministic(isolated, cross, true)));
  }
  if (inputs.stress !== undefined) {
    const { isolated, cross } = inputs.stress;
    lenses.push(lens('stress', 'positions', isolated, cross, deterministic(isolated, cross, false)));
  }
  const mc = inputs.monteCarlo;
  if (mc !== undefined) {
    const [i, c] = [mc.isolated, mc.cross];
    const pSe: [number | null, number | null] = [i.liquidationProbabilityStandardError, c.liquidationProbabilityStandardError];
    lenses.push(lens('probability', 'fraction', i.liquidationProbability, c.liquidationProbability, estimated(i.liquidationProbability, c.liquidationProbability, ...pSe), pSe));
    const lSe: [number | null, number | null] = [i.expectedLossStandardError, c.expectedLossStandardError];
    lenses.push(lens('loss', mc.asset, i.expectedLoss, c.expectedLoss, estimated(i.expectedLoss, c.expectedLoss, ...lSe), lSe));
  }
  for (const r of inputs.replays ?? []) {
    lenses.push(lens('replay', r.asset, r.isolatedLoss, r.crossLoss, deterministic(r.isolatedLoss, r.crossLoss, false), [null, null], r.event));
  }
  const deciding = new Set(lenses.map((l) => l.safer).filter((s) => s !== 'tie'));
  const safer = deciding.size === 0 ? 'tie' : deciding.size === 1 ? [...deciding][0]! : 'depends';
  return { safer, lenses };
}

/** d = min(down, up) of a uniform move, 0 when liquidatable now, null when no move liquidates. */
export function nearestUniformMove(move: { readonly down: number | null; readonly up: number | null }, liquidatable: boolean): number | null {
  if (liquidatable) return 0;
  if (move.down === null) return move.up;
  if (move.up === null) return move.down;
  return Math.min(move.down, move.up);
}

/** The stress lens's figures: positions liquidated over the scenarios, isolated vs cross. */
export function stressCounts(stress: readonly { readonly price: number | null; readonly crossLiquidated: boolean; readonly victimCount: number }[]): { isolated: number; cross: number } {
  let isolated = 0;
  let cross = 0;
  for (const s of stress) {
    if (s.price === null) continue;
    isolated += 1;
    if (s.crossLiquidated) cross += 1 + s.victimCount;
  }
  return { isolated, cross };
}
