// Spec types the charts build on, derived from Vega-Lite's public `TopLevelSpec` so no unstable
// internal type path is imported.

import type { TopLevelSpec } from 'vega-lite';

/** Any view that can sit inside a composition (`hconcat`, `vconcat`): a unit, layer or composite. */
export type ViewSpec = Extract<TopLevelSpec, { hconcat: readonly unknown[] }>['hconcat'][number];
