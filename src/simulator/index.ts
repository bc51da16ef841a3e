/**
 * The park simulator's model: a pure, seeded stream of one day's wristband
 * taps. No I/O, no SDK, no environment; the sender that feeds Firehose lives
 * beside it (sender*.ts) and only consumes this.
 *
 *   const plan = resolveDayPlan({ scale: 0.1, seed: 7 });   // save it to resume
 *   for (const event of simulateDay({ ...plan, skip: alreadySent })) send(toJsonLine(event));
 */
export { simulateDay, countDayRecords } from './day.js';
export type { SimulateOptions } from './day.js';
export { toJsonLine, writeJsonLine } from './json-line.js';
export { encodeDay, type EncodedRecord } from './encode-day.js';
export { DayTally, summarizeDay } from './tally.js';
export type { DaySummary, RideSummary } from './tally.js';
export { resolveDayPlan, runTag, DEFAULT_SEED, MAX_SCALE, MODEL_VERSION } from './plan.js';
export { DEFAULT_TIME_ZONE, todayIn, localTimeToEpochMs } from './clock.js';
export { OPENING_HOUR, OPENING_MINUTES, PARK_CAPACITY, RIDE_COUNT, RIDE_IDS } from './model.js';
export type {
  Birthday,
  DayOptions,
  DayPlan,
  EventType,
  HomeLocation,
  ParkEvent,
  VisitorRecord,
} from './types.js';
