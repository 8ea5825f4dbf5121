// A path model as plain data: its kind and the spec its factory takes. The one description every
// thread builds the same model from: the main thread calls `createPathModel`, a worker thread
// imports `pathModelFactory(kind)`'s module and calls the named export with the same spec.

import { createBootstrapModel, type BootstrapModelSpec } from './bootstrap-model.js';
import { createGbmModel, type GbmModelSpec } from './gbm-model.js';
import type { PathModel, PathModelKind } from './path-model.js';
import { createStudentTModel, type StudentTModelSpec } from './student-t-model.js';

export type PathModelSpec =
  | { readonly kind: 'gbm'; readonly spec: GbmModelSpec }
  | { readonly kind: 'student-t'; readonly spec: StudentTModelSpec }
  | { readonly kind: 'bootstrap'; readonly spec: BootstrapModelSpec };

/** Where a model kind's factory lives, so a worker thread can import it by URL. */
export interface PathModelFactory {
  /** URL of the compiled module. */
  readonly moduleUrl: string;
  /** Name of the factory function the module exports. */
  readonly exportName: string;
}

// Resolved from this module's URL: tsc's dist/src/scenarios/models/, or the command's bundle, where
// this code sits in a chunk and scripts/bundle-cli.mjs writes each model as an entry beside it.
const FACTORIES: Readonly<Record<PathModelKind, PathModelFactory>> = {
  gbm: { moduleUrl: new URL('./gbm-model.js', import.meta.url).href, exportName: 'createGbmModel' },
  'student-t': { moduleUrl: new URL('./student-t-model.js', import.meta.url).href, exportName: 'createStudentTModel' },
  bootstrap: { moduleUrl: new URL('./bootstrap-model.js', import.meta.url).href, exportName: 'createBootstrapModel' },
};

/** The module and export a worker rebuilds a model of `kind` with. */
export function pathModelFactory(kind: PathModelKind): PathModelFactory {
  return FACTORIES[kind];
}

/** The model `spec` describes, built in this thread. */
export function createPathModel(model: PathModelSpec): PathModel {
  switch (model.kind) {
    case 'gbm':
      return createGbmModel(model.spec);
    case 'student-t':
      return createStudentTModel(model.spec);
    case 'bootstrap':
      return createBootstrapModel(model.spec);
  }
}
