/**
 * The park's model as data: the original module's tables, restated from
 * /work/shared/MODULE.md section 2. Everything the day loop draws comes from
 * here, so a change of model is a change of this file only.
 */

/** Minutes from opening (07:00 local) to closing (19:00 local). */
export const OPENING_MINUTES = 720;
export const OPENING_HOUR = 7;
export const PARK_CAPACITY = 30_000;
export const ARRIVAL_ATTEMPTS_PER_MINUTE = 250;
/**
 * Each attempt admits a visitor with this probability in every hour. The
 * original meant to follow an hourly table (30, 25, 20, 5, 1, 2, 3, 2, 1, 1,
 * 0, 0 %) but never passed it the hour, so every attempt got 50 %; the
 * measured day (and the "~70,000 visitors" of the module's pages) rests on
 * that, so it is kept.
 */
export const ARRIVAL_PROBABILITY = 0.5;
/** A visitor may ride again once more than this many minutes have passed since arriving or riding. */
export const MINUTES_BETWEEN_RIDES = 40;
export const RIDE_PROBABILITY_PER_MINUTE = 0.1;
export const RIDE_COUNT = 16;

/** Ages and how often each is drawn. The original adds no noise to the age. */
export const AGES: readonly number[] = [15, 20, 25, 30, 45, 50, 65, 70, 80];
export const AGE_WEIGHTS: readonly number[] = [100, 90, 50, 70, 20, 10, 15, 5, 2];

/** Mean stay in minutes by age bracket; `below` is exclusive. Each stay varies by +/- STAY_SPREAD. */
export const STAY_BY_AGE: readonly { below: number; minutes: number }[] = [
  { below: 15, minutes: 600 },
  { below: 20, minutes: 500 },
  { below: 25, minutes: 400 },
  { below: 30, minutes: 350 },
  { below: 45, minutes: 300 },
  { below: 50, minutes: 250 },
  { below: 65, minutes: 180 },
  { below: 70, minutes: 150 },
  { below: Infinity, minutes: 120 },
];
export const STAY_SPREAD = 20;

/** Where visitors live: a centre and a radius in metres (the original's values). */
export const HOME_CENTRES: readonly { latitude: number; longitude: number; radiusMetres: number }[] = [
  { latitude: 41.494115, longitude: -89.740871, radiusMetres: 1_000_000 },
  { latitude: 36.986245, longitude: -85.261893, radiusMetres: 633_000 },
  { latitude: 30.151029, longitude: -98.1632, radiusMetres: 239_387 },
  { latitude: 38.594172, longitude: -104.686025, radiusMetres: 526_064 },
  { latitude: 46.365834, longitude: -120.471124, radiusMetres: 247_228 },
  { latitude: 33.720876, longitude: -84.344066, radiusMetres: 350_536 },
];
/** The original's conversion from metres to degrees of latitude. */
export const METRES_PER_DEGREE = 111_300;

export const DAYS_IN_MONTH: readonly number[] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Which ride a visitor picks, by age bracket (`below` exclusive); weights for rides 1..16. */
export const RIDE_WEIGHTS_BY_AGE: readonly { below: number; weights: readonly number[] }[] = [
  { below: 10, weights: [2, 5, 2, 10, 2, 10, 5, 12, 1, 15, 5, 5, 15, 3, 3, 5] },
  { below: 18, weights: [5, 8, 8, 2, 8, 2, 6, 1, 8, 2, 9, 7, 2, 10, 10, 12] },
  { below: 25, weights: [15, 5, 15, 0, 15, 0, 7, 0, 15, 0, 5, 7, 0, 5, 6, 5] },
  { below: 30, weights: [16, 7, 16, 0, 17, 0, 6, 0, 10, 0, 10, 5, 0, 5, 3, 5] },
  { below: 45, weights: [5, 5, 5, 10, 5, 10, 5, 10, 5, 8, 5, 5, 10, 5, 2, 5] },
  { below: 60, weights: [1, 15, 1, 5, 0, 6, 5, 5, 0, 14, 2, 4, 2, 10, 10, 20] },
  { below: Infinity, weights: [0, 10, 0, 1, 0, 1, 5, 0, 0, 8, 20, 5, 20, 5, 15, 10] },
];

/**
 * Mean rating by age bracket (`atMost` inclusive). The rows have 17 entries
 * and the original indexed them with the 1-based ride number, so ride n uses
 * entry n and the first entry is never read. That off-by-one is kept on
 * purpose: the measured day (ride-003 rated about 2.4, ride-009 about 4.0)
 * is the effective behaviour the workshop's analysis was written against.
 */
export const RATING_MEANS_BY_AGE: readonly { atMost: number; means: readonly number[] }[] = [
  { atMost: 10, means: [2, 5, 1, 5, 1, 5, 5, 5, 1, 5, 4, 3, 5, 3, 4, 4, 3] },
  { atMost: 18, means: [5, 3, 5, 1, 5, 3, 5, 4, 3, 5, 5, 3, 5, 5, 5, 5, 4] },
  { atMost: 25, means: [5, 4, 5, 2, 5, 3, 5, 3, 4, 5, 4, 4, 4, 5, 5, 5, 4] },
  { atMost: 30, means: [4, 4, 5, 4, 5, 3, 3, 3, 5, 5, 4, 4, 4, 4, 4, 4, 4] },
  { atMost: 45, means: [3, 5, 5, 5, 4, 3, 3, 3, 4, 4, 4, 4, 3, 4, 4, 4, 5] },
  { atMost: 60, means: [1, 5, 3, 5, 3, 2, 5, 5, 3, 4, 5, 5, 5, 5, 5, 5, 4] },
  { atMost: Infinity, means: [1, 4, 1, 3, 3, 2, 5, 5, 1, 4, 4, 5, 5, 3, 3, 3, 3] },
];
/** Each rating is a uniform 1-5 with probability (20 + 2 x hour of the day, 1..12) %; otherwise mean +/- 1. */
export const RANDOM_RATING_BASE_PERCENT = 20;
export const RANDOM_RATING_PERCENT_PER_HOUR = 2;

/** `ride-001` ... `ride-016`, indexed by ride number (index 0 unused). */
export const RIDE_IDS: readonly string[] = Array.from({ length: RIDE_COUNT + 1 }, (_, n) =>
  n === 0 ? '' : `ride-${String(n).padStart(3, '0')}`,
);


/** Ride number by ride id. */
export const RIDE_NUMBERS: ReadonlyMap<string, number> = new Map(
  RIDE_IDS.map((id, n) => [id, n] as const).slice(1),
);
