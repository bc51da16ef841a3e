/** Which day to simulate: options with their defaults filled in, checked, and named by a run tag. */
import { assertCalendarDate, assertTimeZone, DEFAULT_TIME_ZONE, todayIn } from './clock.js';
import { NAMES_FINGERPRINT } from './names.js';
import { fingerprint } from './random.js';
import type { DayOptions, DayPlan } from './types.js';

export const DEFAULT_SEED = 1;
/** Largest scale accepted: memory grows with it (about 7 MiB of tables per unit of scale). */
export const MAX_SCALE = 10;
/**
 * Bump when a change to the model changes the records a plan gives, so that
 * event ids (and a resume that checks them) notice.
 */
export const MODEL_VERSION = 1;

/**
 * Fills in defaults and checks every field. The date default reads the
 * clock (`now`), so a caller that must reproduce the day later, such as a
 * resumable send, should save the returned plan rather than the options.
 */
export function resolveDayPlan(options: DayOptions = {}, now: Date = new Date()): DayPlan {
  const scale = options.scale ?? 1;
  if (!Number.isFinite(scale) || scale <= 0 || scale > MAX_SCALE) {
    throw new RangeError(`The scale must be above 0 and at most ${MAX_SCALE}, got ${scale}`);
  }
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`The seed must be a non-negative integer, got ${seed}`);
  }
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  assertTimeZone(timeZone);
  const date = options.date ?? todayIn(timeZone, now);
  assertCalendarDate(date);
  return { scale, seed, date, timeZone };
}

/**
 * Eight hex digits naming a plan (and the model and name lists behind it);
 * the prefix of every event id, so records of different runs never share ids.
 */
export function runTag(plan: DayPlan): string {
  return fingerprint(
    [MODEL_VERSION, plan.seed, plan.scale, plan.date, plan.timeZone, NAMES_FINGERPRINT].join('|'),
  );
}
