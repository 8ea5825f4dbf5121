// The cause × victim matrix of a contagion section: given as is, or derived from the victims'
// causes (the probability a victim is dragged into liquidation, split by each cause's share).

import type { ContagionSection, ContagionSectionMatrix } from './report-model.js';

/**
 * The section's matrix, or one built from `victims`: rows are every position named as a cause
 * (first-seen order), columns the victims, cell = victim probability × cause share.
 */
export function contagionMatrix(section: ContagionSection): ContagionSectionMatrix {
  if (section.matrix !== undefined) return section.matrix;
  const victimIds = section.victims.map((v) => v.positionId);
  const causeIds: string[] = [];
  const row = new Map<string, number>();
  for (const victim of section.victims) {
    for (const cause of victim.causes) {
      if (!row.has(cause.positionId)) {
        row.set(cause.positionId, causeIds.length);
        causeIds.push(cause.positionId);
      }
    }
  }
  const probability = causeIds.map(() => victimIds.map(() => 0));
  section.victims.forEach((victim, v) => {
    for (const cause of victim.causes) {
      const cells = probability[row.get(cause.positionId)!]!;
      cells[v] = cells[v]! + victim.probability * cause.share;
    }
  });
  return { causeIds, victimIds, probability };
}
