/**
 * Challenge 2, "Staffing the turnstiles", from arrivals and exits per minute:
 * how many turnstiles and staff each minute needs, when to take a one-hour
 * lunch, and why arrivals fall after the first hours.
 */
import { clockLabel, OPEN_HOURS, OPEN_MINUTES } from './park-clock.js';
import type { CapacityFigures, HourStaffing, LunchAdvice, StaffingFigures } from './types.js';

/** The challenge's figures. */
export const TURNSTILES = 100;
export const WRISTBANDS_PER_TURNSTILE_PER_MINUTE = 10;
export const TURNSTILES_PER_STAFF_MEMBER = 2;
/** Lunch may start on any of these hours (local). */
export const LUNCH_HOURS: readonly number[] = [11, 12, 13];
/** "Full" is within this share of the most visitors ever inside: arrivals refill the park minute by minute. */
const FULL_SHARE = 0.98;
/** Arrivals after the park filled must fall below this share of those before to count as a drop. */
const DROP_SHARE = 0.75;

/** Staff who are at lunch are not at the turnstiles, so the hour that needs the fewest at its peak is best. */
export const LUNCH_RULE =
  'of the hours starting 11:00, 12:00 and 13:00, the one whose busiest minute needs the fewest staff; ' +
  'on a tie, the one with fewer arrivals, then the earlier';

export function turnstilesFor(arrivals: number): number {
  return Math.ceil(arrivals / WRISTBANDS_PER_TURNSTILE_PER_MINUTE);
}

export function staffFor(turnstiles: number): number {
  return Math.ceil(turnstiles / TURNSTILES_PER_STAFF_MEMBER);
}

/**
 * @param arrivals entries in each minute since opening (OPEN_MINUTES long)
 * @param exits exits in each minute since opening, the last entry for the exits at closing (OPEN_MINUTES + 1 long)
 */
export function staffingFrom(arrivals: readonly number[], exits: readonly number[]): StaffingFigures {
  const turnstilesPerMinute = arrivals.map(turnstilesFor);
  const staffPerMinute = turnstilesPerMinute.map(staffFor);

  const byHour: HourStaffing[] = [];
  for (let hour = 0; hour < OPEN_HOURS; hour++) {
    const minutes = arrivals.slice(hour * 60, hour * 60 + 60);
    const total = sum(minutes);
    const peak = Math.max(0, ...minutes);
    byHour.push({
      hour: clockLabel(hour * 60),
      arrivals: total,
      averageArrivalsPerMinute: total / 60,
      peakArrivalsPerMinute: peak,
      turnstiles: turnstilesFor(peak),
      staff: staffFor(turnstilesFor(peak)),
    });
  }

  let peakMinute = 0;
  for (let m = 1; m < arrivals.length; m++) if (arrivals[m]! > arrivals[peakMinute]!) peakMinute = m;
  const peakArrivals = arrivals[peakMinute] ?? 0;
  const peak = {
    minute: clockLabel(peakMinute),
    arrivals: peakArrivals,
    turnstiles: turnstilesFor(peakArrivals),
    staff: staffFor(turnstilesFor(peakArrivals)),
  };

  return {
    turnstiles: TURNSTILES,
    wristbandsPerTurnstilePerMinute: WRISTBANDS_PER_TURNSTILE_PER_MINUTE,
    turnstilesPerStaffMember: TURNSTILES_PER_STAFF_MEMBER,
    turnstilesPerMinute,
    staffPerMinute,
    byHour,
    peak,
    enoughTurnstiles: peak.turnstiles <= TURNSTILES,
    lunch: lunchFrom(byHour),
    capacity: capacityFrom(arrivals, exits),
  };
}

function lunchFrom(byHour: HourStaffing[]): LunchAdvice {
  const openingHour = Number(clockLabel(0).slice(0, 2));
  const candidates = LUNCH_HOURS.map((hour) => byHour[hour - openingHour])
    .filter((h): h is HourStaffing => h !== undefined)
    .map((h) => ({ hour: h.hour, arrivals: h.arrivals, staff: h.staff }));
  const best = [...candidates].sort(
    (a, b) => a.staff - b.staff || a.arrivals - b.arrivals || a.hour.localeCompare(b.hour),
  )[0];
  return { hour: best?.hour ?? clockLabel(0), rule: LUNCH_RULE, candidates };
}

function capacityFrom(arrivals: readonly number[], exits: readonly number[]): CapacityFigures {
  const inside: number[] = [];
  let now = 0;
  for (let m = 0; m < OPEN_MINUTES; m++) {
    now += (arrivals[m] ?? 0) - (exits[m] ?? 0);
    inside.push(now);
  }
  const peakInside = Math.max(0, ...inside);
  const full = peakInside > 0 ? inside.findIndex((n) => n >= FULL_SHARE * peakInside) : -1;
  // The minute it filled counts as before: its arrivals are what filled it.
  const before = full >= 0 ? sum(arrivals.slice(0, full + 1)) / (full + 1) : 0;
  const afterMinutes = full >= 0 ? OPEN_MINUTES - full - 1 : 0;
  const after = afterMinutes > 0 ? sum(arrivals.slice(full + 1)) / afterMinutes : null;
  const fullAt = full >= 0 ? clockLabel(full) : null;
  return {
    peakInside,
    fullAt,
    arrivalsPerMinuteBeforeFull: before,
    arrivalsPerMinuteAfterFull: after,
    explanation: explain(peakInside, fullAt, before, after),
  };
}

function explain(peakInside: number, fullAt: string | null, before: number, after: number | null): string {
  if (peakInside === 0 || fullAt === null) return 'No visitors arrived, so there is nothing to explain.';
  if (after === null || after >= DROP_SHARE * before) {
    return `Arrivals did not fall off: about ${before.toFixed(0)} a minute all day, and at most ${count(peakInside)} visitors were inside at once.`;
  }
  return (
    `The park holds about ${count(peakInside)} visitors at once, and it was full by ${fullAt}. Until then about ` +
    `${before.toFixed(0)} visitors came in each minute; after that a visitor can enter only when another leaves, ` +
    `so arrivals fall to about ${after.toFixed(0)} a minute. The drop is the park's capacity, not a loss of interest.`
  );
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
