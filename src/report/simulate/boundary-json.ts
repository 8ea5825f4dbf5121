// The `jointBoundary` object of an account in simulate's JSON: the cross pool and its two risk
// factors, the move grid's axes, the liquidated cells one row per first-factor move (a string of
// `0`/`1`, one character per second-factor move), the exact boundary (for each first-factor
// move, the second-factor moves nearest to the mark where the pool's health is zero), each
// factor alone (`alone`: its exact moves either way to zero health, the other held), the
// uniform and diagonal moves to liquidation, and the probability of reaching the boundary within
// the horizon (checked at step ends: a lower bound). Keys in a fixed order.

import type { BoundaryAxis } from '../../boundary/joint-boundary.js';
import type { AccountJointBoundary } from '../../boundary/account-joint-boundary.js';
import type { JsonValue } from '../format/json-text.js';

type JsonObject = { readonly [key: string]: JsonValue };

function factorJson(axis: BoundaryAxis): JsonObject {
  return { asset: axis.asset, symbols: [...axis.symbols], netNotionalQuote: axis.netNotionalQuote };
}

/** One account's joint boundary as JSON (see the README, `simulate`). */
export function jointBoundaryJson(summary: AccountJointBoundary): JsonObject {
  const { boundary, hit } = summary;
  return {
    poolId: boundary.poolId,
    asset: boundary.asset,
    factors: [factorJson(boundary.first), factorJson(boundary.second)],
    axes: { first: [...boundary.first.moves], second: [...boundary.second.moves] },
    liquidated: boundary.liquidated.map((row, i) => ({ firstMove: boundary.first.moves[i]!, cells: row.map((cell) => (cell ? '1' : '0')).join('') })),
    boundary: boundary.boundary.map((p) => ({ firstMove: p.x, secondMoveBelow: p.below, secondMoveAbove: p.above, healthAtZero: p.healthAtZero })),
    alone: {
      first: { moveBelow: boundary.alone.first.below, moveAbove: boundary.alone.first.above },
      second: { moveBelow: boundary.alone.second.below, moveAbove: boundary.alone.second.above },
    },
    uniformMove: { down: boundary.uniformMove.down, up: boundary.uniformMove.up },
    diagonalMove: { down: boundary.diagonalMove.down, up: boundary.diagonalMove.up },
    boundaryHitProbability:
      hit === null
        ? null
        : {
            probability: hit.probability,
            standardError: hit.standardError,
            paths: hit.paths,
            steps: summary.steps,
            horizonHours: summary.horizonHours,
            monitoring: hit.monitoring,
            lowerBound: true,
          },
  };
}
