// The JSON writer: the exact document for a small case, the contract's fields, finiteness,
// determinism and the empty book.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateCsvText } from '../../../src/flows/evaluate-text.js';
import type { AccountEvaluation } from '../../../src/margin/evaluation.js';
import type { EvaluateReportInputs, EvaluateReportWriter } from '../../../src/report/evaluate/evaluate-document.js';
import { EVALUATE_JSON_SCHEMA, createJsonEvaluateWriter } from '../../../src/report/evaluate/json-writer.js';
import { sampleEvaluation, singlePositionEvaluation } from '../sample-evaluation.js';

const INPUTS: EvaluateReportInputs = {
  venue: 'binance-coinm',
  allocation: 'notional',
  files: { positions: 'positions.csv', balances: null, tiers: null },
  wallet: 1,
  skipInvalid: false,
};

function write(writer: EvaluateReportWriter, accounts: readonly AccountEvaluation[]): string {
  return writer.begin(INPUTS) + accounts.map((a) => writer.account(a)).join('') + writer.end();
}

const EXPECTED_SINGLE = `{
  "schema": "marginscope/evaluate@1",
  "venue": "binance-coinm",
  "allocation": "notional",
  "files": {"positions": "positions.csv", "balances": null, "tiers": null},
  "wallet": 1,
  "skipInvalid": false,
  "accounts": [
    {
      "account": "miner",
      "allocation": [
        {"positionId": "miner:BTCUSD_PERP:short", "asset": "BTC", "exportedMargin": null, "margin": 1, "policy": "notional", "scale": 1, "maintenanceFloor": 0, "standing": true}
      ],
      "allocationPolicy": "notional",
      "allocationCannotStand": [],
      "warnings": [],
      "modes": {
        "exported": {
          "mode": "exported",
          "asset": "BTC",
          "equity": 1.025,
          "maintenanceMargin": 0.0005,
          "marginRatio": 0.00048780487804878054,
          "quoteAsset": "USD",
          "equityQuote": 82000,
          "maintenanceMarginQuote": 40,
          "freeBalance": 0,
          "conversions": [],
          "liquidatable": false,
          "uniformMoveToLiquidation": {"down": null, "up": null},
          "pools": [],
          "positions": [
            {"positionId": "miner:BTCUSD_PERP:short", "symbol": "BTCUSD_PERP", "side": "short", "size": 100, "instrument": "inverse", "venue": "binance-coinm", "marginMode": "cross", "asset": "BTC", "entryPrice": 100000, "markPrice": 80000, "notional": 0.125, "margin": 1, "unrealizedPnl": 0.025, "maintenanceMargin": 0.0005, "leverage": 20, "liquidationPrice": null, "distanceToLiquidation": null, "poolId": "miner:BTC"}
          ]
        },
        "isolated": {
          "mode": "isolated",
          "asset": "BTC",
          "equity": 1.025,
          "maintenanceMargin": 0.0005,
          "marginRatio": 0.00048780487804878054,
          "quoteAsset": "USD",
          "equityQuote": 82000,
          "maintenanceMarginQuote": 40,
          "freeBalance": 0,
          "conversions": [],
          "liquidatable": false,
          "uniformMoveToLiquidation": {"down": null, "up": null},
          "pools": [],
          "positions": [
            {"positionId": "miner:BTCUSD_PERP:short", "symbol": "BTCUSD_PERP", "side": "short", "size": 100, "instrument": "inverse", "venue": "binance-coinm", "marginMode": "cross", "asset": "BTC", "entryPrice": 100000, "markPrice": 80000, "notional": 0.125, "margin": 1, "unrealizedPnl": 0.025, "maintenanceMargin": 0.0005, "leverage": 20, "liquidationPrice": null, "distanceToLiquidation": null, "poolId": "miner:miner:BTCUSD_PERP:short"}
          ]
        },
        "cross": {
          "mode": "cross",
          "asset": "BTC",
          "equity": 1.025,
          "maintenanceMargin": 0.0005,
          "marginRatio": 0.00048780487804878054,
          "quoteAsset": "USD",
          "equityQuote": 82000,
          "maintenanceMarginQuote": 40,
          "freeBalance": 0,
          "conversions": [],
          "liquidatable": false,
          "uniformMoveToLiquidation": {"down": null, "up": null},
          "pools": [],
          "positions": [
            {"positionId": "miner:BTCUSD_PERP:short", "symbol": "BTCUSD_PERP", "side": "short", "size": 100, "instrument": "inverse", "venue": "binance-coinm", "marginMode": "cross", "asset": "BTC", "entryPrice": 100000, "markPrice": 80000, "notional": 0.125, "margin": 1, "unrealizedPnl": 0.025, "maintenanceMargin": 0.0005, "leverage": 20, "liquidationPrice": null, "distanceToLiquidation": null, "poolId": "miner:BTC"}
          ]
        }
      },
      "verdict": {
        "safer": "tie",
        "sentence": "Neither mode is safer: isolated and cross are level by distance of all marks moving together.",
        "lenses": [
          {"lens": "distance", "event": null, "unit": "fraction", "isolated": null, "cross": null, "isolatedStandardError": null, "crossStandardError": null, "safer": "tie"}
        ]
      }
    }
  ]
}
`;

describe('createJsonEvaluateWriter', () => {
  it('writes the exact document for one coin-margined position', () => {
    expect(write(createJsonEvaluateWriter(), [singlePositionEvaluation()])).toBe(EXPECTED_SINGLE);
  });

  it('parses, carries the schema and the contract fields of every mode and position', () => {
    const doc = JSON.parse(write(createJsonEvaluateWriter(), [sampleEvaluation(), singlePositionEvaluation()])) as {
      schema: string;
      venue: string;
      accounts: Array<{ account: string; allocation: unknown[]; allocationPolicy: string; warnings: unknown[]; modes: Record<string, Record<string, unknown>> }>;
    };
    expect(doc.schema).toBe(EVALUATE_JSON_SCHEMA);
    expect(doc.schema).toBe('marginscope/evaluate@1');
    expect(doc.venue).toBe('binance-coinm');
    expect(doc.accounts.map((a) => a.account)).toEqual(['desk', 'miner']);
    for (const account of doc.accounts) {
      expect(Object.keys(account)).toEqual(['account', 'allocation', 'allocationPolicy', 'allocationCannotStand', 'warnings', 'modes', 'verdict']);
      expect(Object.keys(account.modes)).toEqual(['exported', 'isolated', 'cross']);
      for (const mode of Object.values(account.modes)) {
        for (const field of ['equity', 'maintenanceMargin', 'marginRatio', 'positions']) expect(mode).toHaveProperty(field);
        for (const position of mode['positions'] as Array<Record<string, unknown>>) {
          for (const field of [
            'positionId', 'symbol', 'side', 'size', 'markPrice', 'notional', 'margin',
            'unrealizedPnl', 'maintenanceMargin', 'liquidationPrice', 'distanceToLiquidation',
          ]) {
            expect(position).toHaveProperty(field);
          }
        }
      }
    }
  });

  it('writes each mode\'s conversions: the other assets counted in its totals, at what price and haircut', () => {
    const base = sampleEvaluation();
    const conversions = [{ asset: 'USDC', price: 0.9998, haircut: 0 }, { asset: 'BTC', price: 91250.5, haircut: 0.05 }];
    const account = { ...base, modes: { ...base.modes, cross: { ...base.modes.cross, conversions } } };
    const doc = JSON.parse(write(createJsonEvaluateWriter(), [account])) as { accounts: Array<{ modes: Record<string, Record<string, unknown>> }> };
    const modes = doc.accounts[0]!.modes;
    expect(modes['cross']!['conversions']).toEqual(conversions);
    expect(modes['exported']!['conversions']).toEqual([]); // absent on the evaluation: an empty list
    const keys = Object.keys(modes['cross']!);
    expect(keys.indexOf('conversions')).toBe(keys.indexOf('freeBalance') + 1);
  });

  it('names USDC in the totals of the sample book\'s mixed account (USDT and USDC pools)', async () => {
    const samples = new URL('../../../data/samples/', import.meta.url);
    const { accounts, issues } = await evaluateCsvText({
      positionsCsv: readFileSync(new URL('positions.csv', samples), 'utf8'),
      balancesCsv: readFileSync(new URL('balances.csv', samples), 'utf8'),
    });
    expect(issues).toEqual([]);
    const doc = JSON.parse(write(createJsonEvaluateWriter(), accounts.filter((a) => a.account === 'mixed'))) as { accounts: Array<{ modes: Record<string, { asset: string; conversions: Array<{ asset: string; price: number; haircut: number }> }> }> };
    for (const mode of Object.values(doc.accounts[0]!.modes)) {
      expect(mode.asset).toBe('USDT');
      expect(mode.conversions.map((c) => c.asset)).toEqual(['USDC']);
      expect(mode.conversions[0]!.price).toBeGreaterThan(0);
      expect(mode.conversions[0]!.haircut).toBe(0);
    }
  });

  it('never writes NaN or Infinity, and keeps null where a value does not exist', () => {
    const text = write(createJsonEvaluateWriter(), [sampleEvaluation(), singlePositionEvaluation()]);
    expect(text).not.toMatch(/NaN|Infinity/);
    expect(text).toContain('"liquidationPrice": null');
  });

  it('refuses a non-finite number instead of hiding it', () => {
    const broken = sampleEvaluation();
    const cross = { ...broken.modes.cross, equity: Number.NaN };
    const account = { ...broken, modes: { ...broken.modes, cross } };
    const writer = createJsonEvaluateWriter();
    writer.begin(INPUTS);
    expect(() => writer.account(account)).toThrow(/modes\.cross\.equity/);
  });

  it('is deterministic', () => {
    const once = write(createJsonEvaluateWriter(), [sampleEvaluation()]);
    const twice = write(createJsonEvaluateWriter(), [sampleEvaluation()]);
    expect(once).toBe(twice);
  });

  it('writes a valid document for a book with no accounts', () => {
    const doc = JSON.parse(write(createJsonEvaluateWriter(), [])) as { accounts: unknown[] };
    expect(doc.accounts).toEqual([]);
  });
});
