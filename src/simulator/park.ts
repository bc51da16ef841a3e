/**
 * The park's model, one minute at a time:
 *
 *   minute 0..719 (07:00-18:59 local), then 720 (closing)
 *     arrivals   attempts while the park has room, each admits with p = 0.5
 *     rides      visitors whose ride is due this minute ride and rate it,
 *                and their next ride is scheduled
 *     exits      visitors whose stay ends this minute leave; at 720,
 *                everyone still inside leaves
 *
 * The original asked every visitor, every minute, whether they ride now
 * (p = 0.1 once 40 minutes have passed). Waiting for that first yes is a
 * geometric number of minutes, so this draws it once and files the visitor
 * under the minute it falls on: the same distribution, with work in
 * proportion to events instead of visitors x minutes.
 */
import { AGE_PROFILES, Crowd } from './crowd.js';
import { EXIT, ENTRY, MinuteQueue, MinuteTaps, RIDE } from './minute-lists.js';
import {
  ARRIVAL_ATTEMPTS_PER_MINUTE,
  ARRIVAL_PROBABILITY,
  MINUTES_BETWEEN_RIDES,
  OPENING_MINUTES,
  PARK_CAPACITY,
  RANDOM_RATING_BASE_PERCENT,
  RANDOM_RATING_PERCENT_PER_HOUR,
  RIDE_PROBABILITY_PER_MINUTE,
} from './model.js';
import { SeededRandom } from './random.js';

export const CLOSING_MINUTE = OPENING_MINUTES;
const LAST_OPEN_MINUTE = OPENING_MINUTES - 1;
/** Turns a uniform draw into the number of "not yet" minutes before a visitor says yes to a ride. */
const LOG_OF_NOT_RIDING = Math.log(1 - RIDE_PROBABILITY_PER_MINUTE);

export class Park {
  readonly crowd: Crowd;
  private readonly random: SeededRandom;
  private readonly capacity: number;
  private readonly wholeAttempts: number;
  /** A fractional number of attempts per minute (small scales) becomes one more attempt at that rate. */
  private readonly extraAttemptChance: number;
  private readonly rides: MinuteQueue;
  private readonly exits: MinuteQueue;
  private readonly taps: MinuteTaps;
  private readonly entrySeconds: Uint8Array;
  private inside = 0;

  constructor(seed: number, scale: number) {
    this.random = new SeededRandom(seed);
    this.capacity = Math.max(1, Math.round(PARK_CAPACITY * scale));
    const attemptsPerMinute = ARRIVAL_ATTEMPTS_PER_MINUTE * scale;
    this.wholeAttempts = Math.floor(attemptsPerMinute);
    this.extraAttemptChance = attemptsPerMinute - this.wholeAttempts;
    const maxAttempts = Math.ceil(attemptsPerMinute);

    this.crowd = new Crowd(maxAttempts * OPENING_MINUTES);
    this.rides = new MinuteQueue(CLOSING_MINUTE + 1, this.crowd.capacity);
    this.exits = new MinuteQueue(CLOSING_MINUTE + 1, this.crowd.capacity);
    this.taps = new MinuteTaps(maxAttempts + 2 * this.capacity + 1);
    this.entrySeconds = new Uint8Array(maxAttempts);
  }

  /** Runs one minute (0..720) and returns its taps, valid until the next call. */
  simulateMinute(minute: number): MinuteTaps {
    this.taps.clear();
    if (minute < CLOSING_MINUTE) {
      this.admitArrivals(minute);
      this.takeRides(minute);
    }
    this.letOut(minute);
    return this.taps;
  }

  private admitArrivals(minute: number): void {
    const { random, crowd } = this;
    let attempts = this.wholeAttempts;
    if (this.extraAttemptChance > 0 && random.next() < this.extraAttemptChance) attempts++;
    let admitted = 0;
    for (let i = 0; i < attempts && this.inside + admitted < this.capacity; i++) {
      if (random.next() < ARRIVAL_PROBABILITY) admitted++;
    }

    // Seconds in ascending order, so visitor ids follow the order people came through the gate.
    const seconds = this.entrySeconds.subarray(0, admitted);
    for (let i = 0; i < admitted; i++) seconds[i] = random.below(60);
    seconds.sort();
    for (let i = 0; i < admitted; i++) {
      const visitor = crowd.admit(random, minute, seconds[i]!);
      this.inside++;
      this.exits.add(crowd.leavingMinute[visitor]!, visitor);
      this.scheduleNextRide(visitor, minute);
      this.taps.add(ENTRY, visitor, 0, 0, 0, seconds[i]!);
    }
  }

  private takeRides(minute: number): void {
    const { random, crowd } = this;
    const hour = Math.floor(minute / 60) + 1;
    const randomRatingChance = (RANDOM_RATING_BASE_PERCENT + RANDOM_RATING_PERCENT_PER_HOUR * hour) / 100;
    for (let visitor = this.rides.first(minute), following; visitor >= 0; visitor = following) {
      following = this.rides.following(visitor);
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
      this.scheduleNextRide(visitor, minute);
      this.taps.add(RIDE, visitor, ride, rating, totalRides, second);
    }
  }

  private letOut(minute: number): void {
    const { random, crowd } = this;
    for (let visitor = this.exits.first(minute), following; visitor >= 0; visitor = following) {
      following = this.exits.following(visitor);
      let second = 0; // everyone still inside at closing leaves at 19:00:00
      if (minute < CLOSING_MINUTE) {
        // An exit in the minute of the visitor's last ride comes after that ride.
        const earliest = crowd.lastRideMinute[visitor] === minute ? crowd.lastRideSecond[visitor]! : 0;
        second = random.between(earliest, 59);
      }
      this.inside--;
      this.taps.add(EXIT, visitor, 0, 0, crowd.totalRides[visitor]!, second);
    }
  }

  /** Files the visitor under the minute of their next ride, if it comes before they leave. */
  private scheduleNextRide(visitor: number, sinceMinute: number): void {
    const waiting = Math.floor(Math.log(1 - this.random.next()) / LOG_OF_NOT_RIDING);
    const due = sinceMinute + MINUTES_BETWEEN_RIDES + 1 + waiting;
    // A visitor may still ride in their leaving minute: the original checked rides before exits.
    if (due <= Math.min(this.crowd.leavingMinute[visitor]!, LAST_OPEN_MINUTE)) this.rides.add(due, visitor);
  }
}
