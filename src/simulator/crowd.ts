/**
 * Everyone who came through the gate today, stored column by column in typed
 * arrays indexed by visitor number (id - 1): a full day has room for 180,000
 * at 28 bytes each. No object per visitor lives on the JavaScript heap (the
 * original kept one with a growing ride history, which is where its 170 MiB
 * went); an event's visitor record is built when the event is.
 */
import {
  AGE_WEIGHTS,
  AGES,
  DAYS_IN_MONTH,
  HOME_CENTRES,
  METRES_PER_DEGREE,
  OPENING_MINUTES,
  RATING_MEANS_BY_AGE,
  RIDE_WEIGHTS_BY_AGE,
  STAY_BY_AGE,
  STAY_SPREAD,
} from './model.js';
import { FIRST_NAMES, LAST_NAMES } from './names.js';
import { SeededRandom, weightedLookup } from './random.js';

/** Everything the day loop needs about one of the AGES, looked up once instead of per draw. */
export interface AgeProfile {
  age: number;
  meanStay: number;
  /** weightedLookup table giving a ride index 0..15. */
  rideLookup: Uint8Array;
  /** Mean rating by 1-based ride number (entry 0 unused, as in the original). */
  ratingMeans: readonly number[];
}

export const AGE_PROFILES: readonly AgeProfile[] = AGES.map((age) => ({
  age,
  meanStay: STAY_BY_AGE.find((bracket) => age < bracket.below)!.minutes,
  rideLookup: weightedLookup(RIDE_WEIGHTS_BY_AGE.find((bracket) => age < bracket.below)!.weights),
  ratingMeans: RATING_MEANS_BY_AGE.find((bracket) => age <= bracket.atMost)!.means,
}));

const AGE_LOOKUP = weightedLookup(AGE_WEIGHTS);
const DEGREES_PER_RADIAN = 180 / Math.PI;

export class Crowd {
  /** How many visitors have arrived so far; visitor numbers are 0..size-1. */
  size = 0;
  readonly ageIndex: Uint8Array;
  readonly firstName: Uint16Array;
  readonly lastName: Uint16Array;
  readonly birthMonth: Uint8Array;
  readonly birthDay: Uint8Array;
  /** Home in millionths of a degree (about 0.1 m), the precision records carry. */
  readonly latitudeMicros: Int32Array;
  readonly longitudeMicros: Int32Array;
  readonly arrivalMinute: Int16Array;
  readonly arrivalSecond: Uint8Array;
  readonly leavingMinute: Int16Array;
  readonly totalRides: Uint16Array;
  /** Minute and second of the latest ride, so an exit in the same minute can follow it. */
  readonly lastRideMinute: Int16Array;
  readonly lastRideSecond: Uint8Array;

  constructor(readonly capacity: number) {
    this.ageIndex = new Uint8Array(capacity);
    this.firstName = new Uint16Array(capacity);
    this.lastName = new Uint16Array(capacity);
    this.birthMonth = new Uint8Array(capacity);
    this.birthDay = new Uint8Array(capacity);
    this.latitudeMicros = new Int32Array(capacity);
    this.longitudeMicros = new Int32Array(capacity);
    this.arrivalMinute = new Int16Array(capacity);
    this.arrivalSecond = new Uint8Array(capacity);
    this.leavingMinute = new Int16Array(capacity);
    this.totalRides = new Uint16Array(capacity);
    this.lastRideMinute = new Int16Array(capacity).fill(-1);
    this.lastRideSecond = new Uint8Array(capacity);
  }

  /** Draws a new visitor's traits, arriving at `second` into `minute`, and returns their number. */
  admit(random: SeededRandom, minute: number, second: number): number {
    const visitor = this.size++;
    const ageIndex = AGE_LOOKUP[random.below(AGE_LOOKUP.length)]!;
    const meanStay = AGE_PROFILES[ageIndex]!.meanStay;
    const stay = random.between(meanStay - STAY_SPREAD, meanStay + STAY_SPREAD);

    this.ageIndex[visitor] = ageIndex;
    this.arrivalMinute[visitor] = minute;
    this.arrivalSecond[visitor] = second;
    this.leavingMinute[visitor] = Math.min(minute + stay, OPENING_MINUTES);
    this.firstName[visitor] = random.below(FIRST_NAMES.length);
    this.lastName[visitor] = random.below(LAST_NAMES.length);
    const month = random.between(1, 12);
    this.birthMonth[visitor] = month;
    this.birthDay[visitor] = random.between(1, DAYS_IN_MONTH[month - 1]!);
    this.drawHome(random, visitor);
    return visitor;
  }

  /**
   * A point around one of the home centres, biased toward the centre by
   * scaling the radius with the square of a uniform draw. The east-west
   * stretch divides by the cosine of the centre's latitude in radians (the
   * original passed degrees to Math.cos, which scattered longitudes wildly).
   */
  private drawHome(random: SeededRandom, visitor: number): void {
    const centre = HOME_CENTRES[random.below(HOME_CENTRES.length)]!;
    const radiusMetres = Math.ceil(centre.radiusMetres * random.next() ** 2);
    const radiusDegrees = radiusMetres / METRES_PER_DEGREE;
    const distance = radiusDegrees * Math.sqrt(random.next());
    const angle = 2 * Math.PI * random.next();
    const north = distance * Math.sin(angle);
    const east = (distance * Math.cos(angle)) / Math.cos(centre.latitude / DEGREES_PER_RADIAN);
    this.latitudeMicros[visitor] = Math.round((centre.latitude + north) * 1e6);
    this.longitudeMicros[visitor] = Math.round((centre.longitude + east) * 1e6);
  }
}
