// `cascade --format json`: the document of cascade-document.ts, checked for non-finite numbers.

import type { CascadeResult } from '../../cascade/cascade-result.js';
import { assertAllFinite } from '../format/find-non-finite.js';
import { jsonText } from '../format/json-text.js';
import { cascadeJsonValue, type CascadeReportInputs } from './cascade-document.js';

export function cascadeJson(result: CascadeResult, inputs: CascadeReportInputs): string {
  const value = cascadeJsonValue(result, inputs);
  assertAllFinite(value, 'cascade JSON');
  return `${jsonText(value)}\n`;
}
