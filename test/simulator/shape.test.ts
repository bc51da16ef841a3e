/**
 * The day's shape against the model's tables (MODULE.md section 2), on one
 * fixed seed at 5% of the crowd. Tolerances are several standard deviations
 * wide, so they hold for this seed with room to spare while still catching a
 * wrong table, a wrong bracket or an off-by-one.
 */
import { PARK_CAPACITY, simulateDay, summarizeDay, type ParkEvent } from '../../src/simulator/index.js';
import {
  AGE_WEIGHTS,
  AGES,
  DAYS_IN_MONTH,
  HOME_CENTRES,
  METRES_PER_DEGREE,
  RATING_MEANS_BY_AGE,
  RIDE_WEIGHTS_BY_AGE,
  STAY_BY_AGE,
  STAY_SPREAD,
} from '../../src/simulator/model.js';

const SCALE = 0.05;
const CAPACITY = PARK_CAPACITY * SCALE;
const day: ParkEvent[] = [...simulateDay({ scale: SCALE, seed: 2024, date: '2024-05-01' })];
const entries = day.filter((e) => e.event === 'Entry');
const rides = day.filter((e) => e.event === 'Ride');
const exitsById = new Map(day.filter((e) => e.event === 'Exit').map((e) => [e.visitorId, e]));
const summary = summarizeDay(day);

/** How far a count may stray from n x p: `sigmas` binomial standard deviations, plus one. */
function within(count: number, n: number, p: number, sigmas = 5): boolean {
  return Math.abs(count - n * p) <= sigmas * Math.sqrt(n * p * (1 - p)) + 1;
}

const rideNumber = (event: ParkEvent): number => Number(event.rideId!.slice(5));
const rideWeights = (age: number): readonly number[] => RIDE_WEIGHTS_BY_AGE.find((b) => age < b.below)!.weights;

describe('who comes', () => {
  it('has ages drawn by the table’s weights, and only those ages', () => {
    const total = AGE_WEIGHTS.reduce((a, b) => a + b, 0);
    expect(entries.filter((e) => !AGES.includes(e.visitor.age))).toEqual([]);
    AGES.forEach((age, i) => {
      const count = entries.filter((e) => e.visitor.age === age).length;
      expect({ age, ok: within(count, entries.length, AGE_WEIGHTS[i]! / total) }).toEqual({ age, ok: true });
    });
  });

  it('has valid birthdays, months evenly spread', () => {
    const invalid = entries.filter(
      ({ visitor: { birthday: b } }) =>
        !(b.month >= 1 && b.month <= 12 && b.day >= 1 && b.day <= DAYS_IN_MONTH[b.month - 1]!),
    );
    expect(invalid).toEqual([]);
    for (let month = 1; month <= 12; month++) {
      const count = entries.filter((e) => e.visitor.birthday.month === month).length;
      expect({ month, ok: within(count, entries.length, 1 / 12) }).toEqual({ month, ok: true });
    }
  });

  it('lives within the radius of one of the six centres (east-west spread in radians)', () => {
    const distanceRatio = (lat: number, lon: number, centre: (typeof HOME_CENTRES)[number]): number => {
      const north = (lat - centre.latitude) * METRES_PER_DEGREE;
      const east = (lon - centre.longitude) * Math.cos((centre.latitude * Math.PI) / 180) * METRES_PER_DEGREE;
      return Math.hypot(north, east) / centre.radiusMetres;
    };
    const ratios = entries.map(({ visitor: { home } }) =>
      Math.min(...HOME_CENTRES.map((centre) => distanceRatio(home.latitude, home.longitude, centre))),
    );
    expect(ratios.filter((ratio) => ratio > 1.000001)).toEqual([]);
    // Biased toward the centre: the mean of (uniform squared x square root of uniform) is 2/9.
    expect(ratios.reduce((a, b) => a + b, 0) / ratios.length).toBeLessThan(0.3);
  });

  it('stays by age bracket, +/- 20 minutes, leaving at closing at the latest', () => {
    const wrong = entries.filter((entry) => {
      const mean = STAY_BY_AGE.find((b) => entry.visitor.age < b.below)!.minutes;
      const exit = exitsById.get(entry.visitorId)!;
      const stay = exit.minute - entry.minute;
      return exit.minute === 720
        ? entry.minute + mean + STAY_SPREAD < 720
        : stay < mean - STAY_SPREAD || stay > mean + STAY_SPREAD;
    });
    expect(wrong).toEqual([]);
  });
});

describe('arrivals', () => {
  // Visitors inside at the start of each minute (exits come after arrivals, as in the original).
  const insideAtStart: number[] = [];
  let inside = 0;
  let minute = -1;
  for (const event of day) {
    while (minute < event.minute) insideAtStart[++minute] = inside;
    if (event.event === 'Entry') inside++;
    if (event.event === 'Exit') inside--;
  }
  const arrivals = summary.arrivalsPerMinute;
  const fullAt = arrivals.findIndex((count, m) => insideAtStart[m]! + count === CAPACITY);

  it('come at about 125 a minute for the whole crowd until the park is full', () => {
    const early = arrivals.slice(0, 200).reduce((a, b) => a + b, 0) / 200;
    expect(Math.abs(early - 125 * SCALE)).toBeLessThan(0.6);
  });

  it('fill the park around minute 240-260, then only refill places freed by leavers', () => {
    expect(fullAt).toBeGreaterThanOrEqual(225);
    expect(fullAt).toBeLessThanOrEqual(275);
    expect(arrivals.filter((count, m) => insideAtStart[m]! + count > CAPACITY)).toEqual([]);
    expect(summary.peakInside).toBe(CAPACITY);
    expect(arrivals.slice(fullAt + 1).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it('add up to about 65,000 visitors for the whole crowd', () => {
    expect(Math.abs(summary.visitors / SCALE - 65_000)).toBeLessThan(2_500);
    expect(summary.exits).toBe(summary.visitors);
  });
});

describe('rides', () => {
  it('number about 5 per visitor', () => {
    expect(summary.rides / summary.visitors).toBeGreaterThan(4.7);
    expect(summary.rides / summary.visitors).toBeLessThan(5.3);
  });

  it('are chosen by the age bracket’s weights, never a ride weighted 0', () => {
    const zeroWeighted = rides.filter((e) => rideWeights(e.visitor.age)[rideNumber(e) - 1] === 0);
    expect(zeroWeighted).toEqual([]);
    for (const age of AGES) {
      const ridden = rides.filter((e) => e.visitor.age === age);
      const weights = rideWeights(age);
      const total = weights.reduce((a, b) => a + b, 0);
      weights.forEach((weight, i) => {
        const count = ridden.filter((e) => rideNumber(e) === i + 1).length;
        const ok = within(count, ridden.length, weight / total);
        expect({ age, ride: i + 1, ok }).toEqual({ age, ride: i + 1, ok: true });
      });
    }
  });

  it('are rated 1-5 on about 9 / 14 / 20 / 31 / 26 % of rides', () => {
    const shares = summary.ratings.map((count) => (100 * count) / summary.rides);
    [9, 14, 20, 31, 26].forEach((expected, i) => expect(Math.abs(shares[i]! - expected)).toBeLessThan(1.5));
  });

  it('are rated around the table’s mean for the 1-based ride number, more randomly as the day goes on', () => {
    // Expected rating of each ride event under the model, summed per ride.
    const expected = new Map<string, { sum: number; n: number; observed: number }>();
    for (const event of rides) {
      const mean = RATING_MEANS_BY_AGE.find((b) => event.visitor.age <= b.atMost)!.means[rideNumber(event)]!;
      const randomShare = (20 + 2 * (Math.floor(event.minute / 60) + 1)) / 100;
      const aroundMean = (Math.max(1, mean - 1) + Math.min(5, mean + 1)) / 2;
      const entry = expected.get(event.rideId!) ?? { sum: 0, n: 0, observed: 0 };
      entry.sum += randomShare * 3 + (1 - randomShare) * aroundMean;
      entry.n += 1;
      entry.observed += event.rating!;
      expected.set(event.rideId!, entry);
    }
    for (const [rideId, { sum, n, observed }] of expected) {
      const gap = Math.abs(observed / n - sum / n);
      expect({ rideId, ok: gap < 5 * (1.4 / Math.sqrt(n)) }).toEqual({ rideId, ok: true });
    }
  });

  it('keep the measured day’s extremes: ride-003 rated lowest, about 2.4; ride-009 about 4.0', () => {
    const byRating = Object.entries(summary.byRide).sort((a, b) => a[1].averageRating - b[1].averageRating);
    expect(byRating[0]![0]).toBe('ride-003');
    expect(Math.abs(byRating[0]![1].averageRating - 2.4)).toBeLessThan(0.15);
    expect(Math.abs(summary.byRide['ride-009']!.averageRating - 4.0)).toBeLessThan(0.15);
  });
});
