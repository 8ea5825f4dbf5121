// `evaluate --format json` with extras: the `marginscope/evaluate@1` document of
// json-evaluate-writer.ts with the extras' inputs echoed in the head (`formatIn`, `with`,
// `stress`, `accountFilter`, only when they differ from a plain run) and each account object extended
// by extras-json.ts. Without extras the bytes are those of the plain writer.

import type { AccountEvaluation } from '../../margin/evaluation.js';
import type { AccountExtras, EvaluateExtrasWriter, ExtrasInputs } from './evaluate-extras.js';
import type { EvaluateEnd, EvaluateReportInputs } from './evaluate-writer.js';
import { stressContagionJson, stressJson, whatIfJson, withVenueLiquidationPrices } from './extras-json.js';
import { assertAllFinite } from '../format/find-non-finite.js';
import { EVALUATE_JSON_SCHEMA, accountJson, jsonEnd } from './json-writer.js';
import { jsonText, type JsonValue } from '../format/json-text.js';

/** Indentation of the pretty-printed document (as the plain writer). */
const INDENT = 2;

function headJson(inputs: EvaluateReportInputs, extras: ExtrasInputs): Record<string, JsonValue> {
  const head: Record<string, JsonValue> = {
    schema: EVALUATE_JSON_SCHEMA,
    venue: inputs.venue,
    allocation: inputs.allocation,
    files: { positions: inputs.files.positions, balances: inputs.files.balances, tiers: inputs.files.tiers },
    wallet: inputs.wallet,
    skipInvalid: inputs.skipInvalid,
  };
  if (extras.formatIn !== 'canonical') head['formatIn'] = extras.formatIn;
  if (extras.withFiles.length > 0) head['with'] = [...extras.withFiles];
  if (extras.stress) head['stress'] = true;
  if (extras.accounts !== null) head['accountFilter'] = [...extras.accounts];
  return head;
}

/** Streams the document, one account at a time. */
export function createJsonExtrasWriter(): EvaluateExtrasWriter {
  let accountsWritten = 0;
  return {
    begin(inputs, extras): string {
      const head = headJson(inputs, extras);
      assertAllFinite(head, 'the echoed inputs');
      const pad = ' '.repeat(INDENT);
      const lines = Object.entries(head).map(([key, value]) => `${pad}${JSON.stringify(key)}: ${jsonText(value, INDENT, 1)}`);
      return `{\n${lines.join(',\n')},\n${pad}"accounts": [`;
    },
    account(evaluation: AccountEvaluation, extras: AccountExtras): string {
      let json = accountJson(evaluation);
      if (extras.venueLiquidationPrices !== undefined) json = withVenueLiquidationPrices(json, extras.venueLiquidationPrices);
      if (extras.stress !== undefined) json = { ...json, stress: stressJson(extras.stress), contagion: stressContagionJson(extras.stress) };
      if (extras.whatIf !== undefined) json = { ...json, whatIf: whatIfJson(extras.whatIf) };
      assertAllFinite(json, `account ${JSON.stringify(evaluation.account)}`);
      const separator = accountsWritten === 0 ? '' : ',';
      accountsWritten++;
      return `${separator}\n${' '.repeat(2 * INDENT)}${jsonText(json, INDENT, 2)}`;
    },
    end(summary?: EvaluateEnd): string {
      return jsonEnd(accountsWritten, summary);
    },
  };
}
