// Public surface of book changes: what-if positions and collateral transfers, parsed from words,
// applied to a book, and the before / after comparison.

export { parseWhatIf, positiveNumber, type Parsed, type WhatIfSpec } from './parse-what-if.js';
export { parseTransfer, type TransferSpec } from './parse-transfer.js';
export { applyBookChanges, mainSettlementAsset, whatIfPosition, type BookChanges, type BookPair } from './apply-book-changes.js';
export { compareBooks, type Change, type ModeChange, type PositionChange, type WhatIfComparison } from './what-if-comparison.js';
export { BookChangeError } from './book-change-error.js';
