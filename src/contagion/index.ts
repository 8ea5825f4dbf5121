// Public surface of the contagion layer: victims and rescues with their causes (from kernel
// paths, replays or stresses), and the deterministic stress of `evaluate --stress`.

export { ArrayContagionPath, MODE_CROSS, MODE_ISOLATED, type ContagionPath } from './contagion-path.js';
export { contagionLayout, contagionLayoutOfBook, contagionLayoutOfPools, type ContagionLayout } from './contagion-layout.js';
export { PNL_TOLERANCE, rescueCauseShares, victimCauseShares, type RescueAttribution, type VictimAttribution } from './cause-shares.js';
export { ContagionAccumulator } from './contagion-accumulator.js';
export type { AccountContagion, ContagionCause, ContagionEntry, ContagionMatrix } from './contagion-summary.js';
export { stressAccount, type AccountStress, type StressEntry } from './stress-account.js';
