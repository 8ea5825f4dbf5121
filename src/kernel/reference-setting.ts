// What the readable reference (reference-path.ts) runs on: the run (account, collateral, policy,
// options and path layout), one path's input in the layout's columns, and the per-path setting
// derived from them that every step of the reference reads.

import type { AccountCollateral } from '../margin/account-collateral.js';
import type { AllocationPolicy } from '../margin/evaluation.js';
import type { ResolvedAccount } from '../margin/resolve-schedules.js';
import type { KernelOptions } from './kernel-options.js';
import type { PathLayout } from './path-layout.js';

/** One run of the reference: the account, its allocation policy, and the kernel's options and layout. */
export interface ReferenceRun {
  readonly resolved: ResolvedAccount;
  readonly collateral: AccountCollateral;
  readonly policy: AllocationPolicy;
  readonly options: KernelOptions;
  readonly layout: PathLayout;
}

/** One path in the layout's columns, with its two monitoring words. */
export interface ReferencePathInput {
  readonly logReturns: Float64Array;
  readonly stepVarianceScale: Float64Array;
  readonly barLow?: Float64Array;
  readonly barHigh?: Float64Array;
  readonly word0: number;
  readonly word1: number;
}

/** One path of a run as every step of the reference reads it (`bridge`: continuous monitoring, no bars). */
export interface Setting {
  readonly run: ReferenceRun;
  readonly assets: readonly string[];
  /** cumulative[k][a]: cumulative log return of asset a after k steps. */
  readonly cumulative: readonly number[][];
  readonly input: ReferencePathInput;
  readonly bridge: boolean;
}
