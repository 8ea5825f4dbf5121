// The contagion of one account over a set of paths, in the public contract's shape (`contagion`:
// `victims[]` and `rescues[]`, each with `positionId`, `probability` and `causes[]` of
// `{ positionId, share }`), with the standard errors and the cause × victim matrix beside it.

export interface ContagionCause {
  readonly positionId: string;
  /** Average share over the paths where the entry happened; the shares of an entry sum to 1. */
  readonly share: number;
}

export interface ContagionEntry {
  readonly positionId: string;
  /** Paths where it happened / paths (1 or 0 for one replayed or stressed path). */
  readonly probability: number;
  /** Bernoulli standard error sqrt(p (1 − p) / paths). */
  readonly standardError: number;
  /** Largest share first; at most `TOP_CAUSES` (the rest in `othersShare`). */
  readonly causes: readonly ContagionCause[];
  /**
   * Rescues only: the average share held up by the pool's shared collateral rather than by
   * another position's gain (causes' shares + this = 1). Always 0 for victims.
   */
  readonly collateralShare: number;
  /**
   * Present only when the entry had more than `TOP_CAUSES` causes (see `top-causes.ts`): the
   * summed share of the causes not listed, and how many they were. In a cross pool of more than
   * EXACT_POOL_MEMBERS members (large-pool-causes.ts) each path names only its largest causes:
   * the share of the rest is in `othersShare` too, and `otherCauses` counts the causes some path
   * named (a lower bound).
   */
  readonly othersShare?: number;
  readonly otherCauses?: number;
}

/**
 * Rows: every position named as a cause in a victim's listed causes; columns: the victims (in
 * `victims[]` order). Cell = Σ over paths of the cause's share in the victim's liquidation /
 * paths, i.e. the victim's probability times the cause's average share, so a column sums to the
 * victim's probability less its `othersShare` part.
 */
export interface ContagionMatrix {
  readonly causeIds: readonly string[];
  readonly victimIds: readonly string[];
  readonly probability: readonly (readonly number[])[];
}

export interface AccountContagion {
  readonly paths: number;
  /** Most likely first. */
  readonly victims: readonly ContagionEntry[];
  readonly rescues: readonly ContagionEntry[];
  readonly matrix: ContagionMatrix;
}
