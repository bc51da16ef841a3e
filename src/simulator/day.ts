/**
 * One day at the park, minute by minute, as a stream of taps in time order.
 *
 *   for each minute 0..719 (07:00-18:59 local), then 720 (closing):
 *     arrivals   attempts while the park has room, each admits with p = 0.5
 *     rides      visitors whose ride is due this minute ride, rate it,
 *                and get their next ride scheduled
 *     exits      visitors whose stay ends this minute leave; at 720,
 *                everyone still inside leaves
 *     emit       the minute's taps, sorted by the second each happened at
 *
 * The original asked every visitor, every minute, whether they ride now
 * (p = 0.1 once 40 minutes have passed). Waiting for that first yes is a
 * geometric number of minutes, so this loop draws it once and files the
 * visitor under the minute it falls on: the same distribution, with work in
 * proportion to events instead of visitors x minutes.
 */
import { AGE_PROFILES, Crowd } from './crowd.js';
import { DayClock } from './clock.js';
import { decimal } from './decimal.js';
import { SimulatedEvent } from './event.js';
import {
  AGES,
  ARRIVAL_ATTEMPTS_PER_MINUTE,
  ARRIVAL_PROBABILITY,
  MINUTES_BETWEEN_RIDES,
  OPENING_MINUTES,
  PARK_CAPACITY,
  RANDOM_RATING_BASE_PERCENT,
  RANDOM_RATING_PERCENT_PER_HOUR,
  RIDE_IDS,
  RIDE_PROBABILITY_PER_MINUTE,
} from './model.js';
import { FIRST_NAMES, LAST_NAMES } from './names.js';
import { resolveDayPlan, runTag } from './plan.js';
import { SeededRandom } from './random.js';
import type { DayOptions, EventType, ParkEvent } from './types.js';

export interface SimulateOptions extends DayOptions {
  /**
   * Skip the first `skip` records: they are simulated (the model must
   * consume the same draws) but never built, so resuming is cheap.
   * @default 0
   */
  skip?: number;
}

const ENTRY = 0;
const RIDE = 1;
const EXIT = 2;
const EVENT_NAMES: readonly EventType[] = ['Entry', 'Ride', 'Exit'];
const CLOSING = OPENING_MINUTES;
const LAST_OPEN_MINUTE = OPENING_MINUTES - 1;
/** Turns a uniform draw into the number of "not yet" minutes before a visitor says yes to a ride. */
const LOG_OF_NOT_RIDING = Math.log(1 - RIDE_PROBABILITY_PER_MINUTE);

/**
 * Streams the day's events in time order. Returns the number of records in
 * the whole day (including skipped ones), so `countDayRecords` can size a
 * progress bar without building any.
 */
export function* simulateDay(options: SimulateOptions = {}): Generator<ParkEvent, number, undefined> {
  const plan = resolveDayPlan(options);
  const skip = options.skip ?? 0;
  if (!(skip >= 0)) throw new RangeError(`skip must be a non-negative number, got ${skip}`);

  const idPrefix = `${runTag(plan)}-`;
  const random = new SeededRandom(plan.seed);
  const clock = new DayClock(plan.date, plan.timeZone);
  const capacity = Math.max(1, Math.round(PARK_CAPACITY * plan.scale));
  // A fractional number of attempts per minute (small scales) becomes one more attempt at that rate.
  const attemptsPerMinute = ARRIVAL_ATTEMPTS_PER_MINUTE * plan.scale;
  const wholeAttempts = Math.floor(attemptsPerMinute);
  const extraAttemptChance = attemptsPerMinute - wholeAttempts;
  const maxAttempts = Math.ceil(attemptsPerMinute);

  const crowd = new Crowd(maxAttempts * OPENING_MINUTES);
  const rides = new MinuteQueue(OPENING_MINUTES + 1, crowd.capacity);
  const exits = new MinuteQueue(OPENING_MINUTES + 1, crowd.capacity);
  const taps = new MinuteTaps(maxAttempts + 2 * capacity + 1);
  const arrivalSeconds = new Uint8Array(maxAttempts);
  let inside = 0;
  let sequence = 0;

  /** Files the visitor under the minute of their next ride, if it comes before they leave. */
  const scheduleNextRide = (visitor: number, sinceMinute: number): void => {
    const waiting = Math.floor(Math.log(1 - random.next()) / LOG_OF_NOT_RIDING);
    const due = sinceMinute + MINUTES_BETWEEN_RIDES + 1 + waiting;
    // A visitor may still ride in their leaving minute: the original checked rides before exits.
    if (due <= Math.min(crowd.leavingMinute[visitor]!, LAST_OPEN_MINUTE)) rides.add(due, visitor);
  };

  for (let minute = 0; minute <= CLOSING; minute++) {
    taps.clear();

    if (minute < CLOSING) {
      let attempts = wholeAttempts;
      if (extraAttemptChance > 0 && random.next() < extraAttemptChance) attempts++;
      let admitted = 0;
      for (let i = 0; i < attempts && inside + admitted < capacity; i++) {
        if (random.next() < ARRIVAL_PROBABILITY) admitted++;
      }
      // Seconds in ascending order, so visitor ids follow the order people came through the gate.
      const entrySeconds = arrivalSeconds.subarray(0, admitted);
      for (let i = 0; i < admitted; i++) entrySeconds[i] = random.below(60);
      entrySeconds.sort();
      for (let i = 0; i < admitted; i++) {
        const second = entrySeconds[i]!;
        const visitor = crowd.admit(random, minute, second);
        inside++;
        exits.add(crowd.leavingMinute[visitor]!, visitor);
        scheduleNextRide(visitor, minute);
        taps.add(ENTRY, visitor, 0, 0, 0, second);
      }

      const randomRatingChance =
        (RANDOM_RATING_BASE_PERCENT + RANDOM_RATING_PERCENT_PER_HOUR * (Math.floor(minute / 60) + 1)) / 100;
      for (let visitor = rides.first(minute), following; visitor >= 0; visitor = following) {
        following = rides.following(visitor);
        const profile = AGE_PROFILES[crowd.ageIndex[visitor]!]!;
        const ride = profile.rideLookup[random.below(profile.rideLookup.length)]! + 1;
        let rating: number;
        if (random.next() < randomRatingChance) {
          rating = random.between(1, 5);
        } else {
          const mean = profile.ratingMeans[ride]!;
          rating = random.between(Math.max(1, mean - 1), Math.min(5, mean + 1));
        }
        const second = random.below(60);
        const totalRides = crowd.totalRides[visitor]! + 1;
        crowd.totalRides[visitor] = totalRides;
        crowd.lastRideMinute[visitor] = minute;
        crowd.lastRideSecond[visitor] = second;
        scheduleNextRide(visitor, minute);
        taps.add(RIDE, visitor, ride, rating, totalRides, second);
      }
    }

    for (let visitor = exits.first(minute), following; visitor >= 0; visitor = following) {
      following = exits.following(visitor);
      let second = 0; // everyone still inside at closing leaves at 19:00:00
      if (minute < CLOSING) {
        // An exit in the minute of the visitor's last ride comes after that ride.
        const earliest = crowd.lastRideMinute[visitor] === minute ? crowd.lastRideSecond[visitor]! : 0;
        second = random.between(earliest, 59);
      }
      inside--;
      taps.add(EXIT, visitor, 0, 0, crowd.totalRides[visitor]!, second);
    }

    const order = taps.inTimeOrder();
    for (let k = 0; k < order.length; k++) {
      const tap = taps.indexOf(order[k]!);
      if (sequence >= skip) {
        const visitor = taps.visitor[tap]!;
        const kind = taps.kind[tap]!;
        yield new SimulatedEvent(
          sequence,
          minute,
          idPrefix + decimal(sequence),
          EVENT_NAMES[kind]!,
          kind === RIDE ? RIDE_IDS[taps.ride[tap]!]! : null,
          kind === RIDE ? taps.rating[tap]! : null,
          clock.timestamp(minute, taps.second[tap]!),
          {
            id: visitor + 1,
            firstName: FIRST_NAMES[crowd.firstName[visitor]!]!,
            lastName: LAST_NAMES[crowd.lastName[visitor]!]!,
            age: AGES[crowd.ageIndex[visitor]!]!,
            birthday: { month: crowd.birthMonth[visitor]!, day: crowd.birthDay[visitor]! },
            home: {
              latitude: crowd.latitudeMicros[visitor]! / 1e6,
              longitude: crowd.longitudeMicros[visitor]! / 1e6,
            },
            arrivalTime: clock.timestamp(crowd.arrivalMinute[visitor]!, crowd.arrivalSecond[visitor]!),
            totalRides: taps.totalRides[tap]!,
          },
        );
      }
      sequence++;
    }

  }
  return sequence;
}

/** How many records the day of `options` has, by running the model without building any. */
export function countDayRecords(options: DayOptions = {}): number {
  const day = simulateDay({ ...options, skip: Number.POSITIVE_INFINITY });
  for (;;) {
    const step = day.next();
    if (step.done) return step.value;
  }
}

/**
 * Visitors waiting for a given minute: one singly linked list per minute,
 * threaded through a per-visitor array, kept in insertion order. A visitor
 * is in at most one list of a queue at a time.
 */
class MinuteQueue {
  private readonly head: Int32Array;
  private readonly tail: Int32Array;
  private readonly next: Int32Array;

  constructor(minutes: number, visitors: number) {
    this.head = new Int32Array(minutes).fill(-1);
    this.tail = new Int32Array(minutes).fill(-1);
    this.next = new Int32Array(visitors);
  }

  add(minute: number, visitor: number): void {
    this.next[visitor] = -1;
    const last = this.tail[minute]!;
    if (last < 0) this.head[minute] = visitor;
    else this.next[last] = visitor;
    this.tail[minute] = visitor;
  }

  /** The first visitor filed under `minute`, or -1. */
  first(minute: number): number {
    return this.head[minute]!;
  }

  /** Read before re-filing `visitor`, which overwrites its link. */
  following(visitor: number): number {
    return this.next[visitor]!;
  }
}

/** The taps of one minute, column by column, and their order by second (ties keep the order added). */
class MinuteTaps {
  count = 0;
  readonly kind: Uint8Array;
  readonly visitor: Int32Array;
  readonly ride: Uint8Array;
  readonly rating: Uint8Array;
  readonly totalRides: Uint16Array;
  readonly second: Uint8Array;
  private readonly keys: Float64Array;

  constructor(private readonly size: number) {
    this.kind = new Uint8Array(size);
    this.visitor = new Int32Array(size);
    this.ride = new Uint8Array(size);
    this.rating = new Uint8Array(size);
    this.totalRides = new Uint16Array(size);
    this.second = new Uint8Array(size);
    this.keys = new Float64Array(size);
  }

  clear(): void {
    this.count = 0;
  }

  add(kind: number, visitor: number, ride: number, rating: number, totalRides: number, second: number): void {
    const tap = this.count++;
    this.kind[tap] = kind;
    this.visitor[tap] = visitor;
    this.ride[tap] = ride;
    this.rating[tap] = rating;
    this.totalRides[tap] = totalRides;
    this.second[tap] = second;
    this.keys[tap] = second * this.size + tap;
  }

  /** Sort keys in time order; turn each into a tap index with indexOf. */
  inTimeOrder(): Float64Array {
    return this.keys.subarray(0, this.count).sort();
  }

  indexOf(key: number): number {
    return key % this.size;
  }
}
