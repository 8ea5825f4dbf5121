// Public surface of the scenario layer: seeded randomness, correlation, Monte Carlo path models,
// continuous-monitoring helpers, calibration, and the historical event library.

export { Xoshiro128 } from './random/xoshiro128.js';
export { streamForBlock } from './random/stream-for-block.js';
export { fillStandardNormal, nextStandardNormal } from './random/standard-normal.js';
export { nextChiSquare, nextGamma } from './random/gamma.js';
export { fillStudentTUnitVariance, nextStudentTUnitVariance } from './random/student-t.js';

export { validateCorrelation, identityCorrelation, type CorrelationValues } from './correlation/correlation-matrix.js';
export { nearestCorrelation, type NearestCorrelationResult } from './correlation/nearest-correlation.js';
export { choleskyLower } from './correlation/cholesky.js';
export { constantCorrelation, constantCorrelationProblems } from './correlation/constant-correlation.js';
export { parseCorrelationCsv } from './correlation/parse-correlation-csv.js';

export { allocatePathBuffers, type PathBuffers, type PathModel, type PathModelKind } from './models/path-model.js';
export { createGbmModel } from './models/gbm-model.js';
export { createStudentTModel } from './models/student-t-model.js';
export { createBootstrapModel, barsPerStep, defaultMeanBlockBars } from './models/bootstrap-model.js';
export { MINUTES_PER_YEAR, type ReturnHistory } from './models/return-history.js';
export { buildPathModel, type PathModelRequest, type BuiltPathModel } from './build-path-model.js';
export { createPathModel, pathModelFactory, type PathModelSpec, type PathModelFactory } from './models/path-model-spec.js';

export { bridgeCrossLowerProbability, bridgeCrossUpperProbability } from './monitoring/brownian-bridge.js';
export { firstPassageLowerProbability, firstPassageUpperProbability, gbmHitAboveProbability, gbmHitBelowProbability } from './monitoring/first-passage.js';
export { standardNormalCdf } from './monitoring/normal-cdf.js';

export { parsePriceHistoryCsv, mergePriceHistories, type PriceHistory, type PriceSeries } from './calibration/price-history.js';
export { calibrateFromHistory, calibrateSeries, type Calibration, type SymbolCalibration } from './calibration/calibration.js';
export { parseCalibrationJson, serializeCalibrationJson } from './calibration/calibration-json.js';
export { parseBundledReturnsCsv } from './calibration/bundled-returns.js';
export { alignedReturnHistory } from './calibration/aligned-return-history.js';
export { studentTDfFromKurtosis, kurtosisAtStep } from './calibration/tail-thickness.js';
export {
  parseVolOption,
  resolveVolatilities,
  resolveCorrelation,
  resolveStudentTDf,
  findSymbolKey,
  type CorrelationSource,
} from './calibration/resolve-model-inputs.js';

export { parseEventIndexJson, type EventIndex, type EventIndexEntry } from './events/event-index.js';
export { parseEventCsv, type HistoricalEvent } from './events/historical-event.js';
export { EventLibrary, type EventListing } from './events/event-library.js';
export { resolveEventPath, DEFAULT_PROXY_ASSET, type EventPathSource } from './events/proxy-rule.js';
export { eventReplayPath } from './events/event-replay-path.js';
export { parseUserPricePaths, userReplayPath } from './events/user-price-paths.js';
export type { ReplayPricePath, ReplayAssetSource } from './events/replay-path.js';
