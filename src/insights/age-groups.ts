/**
 * The module's age brackets for ratings (upper bound inclusive: up to 10,
 * 11-18, 19-25, 26-30, 31-45, 46-60, older), taken from the model's rating
 * table so that "do ratings vary by age group?" is asked in the groups the
 * park's visitors were actually rated in.
 */
import { RATING_MEANS_BY_AGE } from '../simulator/model.js';

export interface AgeGroup {
  label: string;
  atMost: number;
}

export const AGE_GROUPS: readonly AgeGroup[] = RATING_MEANS_BY_AGE.map(({ atMost }, index) => {
  const from = index === 0 ? 0 : RATING_MEANS_BY_AGE[index - 1]!.atMost + 1;
  return { atMost, label: atMost === Infinity ? `${from}+` : `${from}-${atMost}` };
});

/** Index into AGE_GROUPS, or -1 for an age that is not a number. */
export function ageGroupOf(age: number): number {
  if (!Number.isFinite(age)) return -1;
  for (let i = 0; i < AGE_GROUPS.length; i++) if (age <= AGE_GROUPS[i]!.atMost) return i;
  return AGE_GROUPS.length - 1;
}
