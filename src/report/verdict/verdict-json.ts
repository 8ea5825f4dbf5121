// The verdict as JSON: `{safer, lenses: [{lens, event, unit, isolated, cross,
// isolatedStandardError, crossStandardError, safer}]}`, plus the sentence every text format shows.

import type { AccountVerdict } from '../../verdict/account-verdict.js';
import type { JsonValue } from '../format/json-text.js';
import { verdictSentence } from './verdict-text.js';

export function verdictJson(verdict: AccountVerdict): { readonly [key: string]: JsonValue } {
  return {
    safer: verdict.safer,
    sentence: verdictSentence(verdict),
    lenses: verdict.lenses.map((l) => ({
      lens: l.kind,
      event: l.event,
      unit: l.unit,
      isolated: l.isolated,
      cross: l.cross,
      isolatedStandardError: l.isolatedStandardError,
      crossStandardError: l.crossStandardError,
      safer: l.safer,
    })),
  };
}
