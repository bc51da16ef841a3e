import {
  DEFAULT_SEED,
  DEFAULT_TIME_ZONE,
  localTimeToEpochMs,
  resolveDayPlan,
  todayIn,
} from '../../src/simulator/index.js';
import { DayClock } from '../../src/simulator/clock.js';
import { SeededRandom, weightedLookup, fingerprint } from '../../src/simulator/random.js';

describe('resolveDayPlan', () => {
  it('fills the defaults, taking the date in the park’s zone rather than the machine’s', () => {
    // 03:00 UTC on 1 May is still 30 April in Chicago.
    const plan = resolveDayPlan({}, new Date('2024-05-01T03:00:00Z'));
    expect(plan).toEqual({ scale: 1, seed: DEFAULT_SEED, date: '2024-04-30', timeZone: DEFAULT_TIME_ZONE });
    expect(resolveDayPlan({ timeZone: 'Asia/Tokyo' }, new Date('2024-05-01T20:00:00Z')).date).toBe('2024-05-02');
  });

  it.each([
    [{ scale: 0 }, /scale/],
    [{ scale: -1 }, /scale/],
    [{ scale: Number.NaN }, /scale/],
    [{ scale: 11 }, /scale/],
    [{ seed: 1.5 }, /seed/],
    [{ seed: -1 }, /seed/],
    [{ date: '2024-02-30' }, /date/],
    [{ date: '1 May 2024' }, /date/],
    [{ timeZone: 'Mars/Olympus_Mons' }, /time zone/],
  ])('refuses %j', (options, message) => {
    expect(() => resolveDayPlan(options)).toThrow(message);
  });
});

describe('the park’s clock', () => {
  it.each([
    ['2024-05-01', 'America/Chicago', '2024-05-01T12:00:00.000Z'],
    ['2024-01-15', 'America/Chicago', '2024-01-15T13:00:00.000Z'],
    // The days daylight-saving time starts and ends: the change is at 02:00, before opening.
    ['2024-03-10', 'America/Chicago', '2024-03-10T12:00:00.000Z'],
    ['2024-11-03', 'America/Chicago', '2024-11-03T13:00:00.000Z'],
    ['2024-05-01', 'Asia/Kolkata', '2024-05-01T01:30:00.000Z'],
    ['2024-05-01', 'UTC', '2024-05-01T07:00:00.000Z'],
    ['2024-05-01', 'Pacific/Auckland', '2024-04-30T19:00:00.000Z'],
  ])('opens %s in %s at 07:00 local, %s', (date, zone, utc) => {
    expect(new Date(localTimeToEpochMs(date, 7, zone)).toISOString()).toBe(utc);
  });

  it('writes taps as UTC ISO-8601 with milliseconds, like Date.toJSON', () => {
    const clock = new DayClock('2024-05-01', 'America/Chicago');
    expect(clock.timestamp(0, 0)).toBe('2024-05-01T12:00:00.000Z');
    expect(clock.timestamp(61, 7)).toBe('2024-05-01T13:01:07.000Z');
    expect(clock.timestamp(719, 59)).toBe('2024-05-01T23:59:59.000Z');
    expect(clock.timestamp(720, 0)).toBe('2024-05-02T00:00:00.000Z');
    expect(clock.timestamp(123, 45)).toBe(new Date(clock.openingMs + 123 * 60_000 + 45_000).toJSON());
  });

  it('knows today in a zone', () => {
    expect(todayIn('UTC', new Date('2024-12-31T23:59:59Z'))).toBe('2024-12-31');
    expect(todayIn('Asia/Tokyo', new Date('2024-12-31T23:59:59Z'))).toBe('2025-01-01');
  });
});

describe('SeededRandom', () => {
  it('repeats for a seed and differs between seeds, even neighbouring ones', () => {
    const draws = (seed: number): number[] => {
      const random = new SeededRandom(seed);
      return Array.from({ length: 5 }, () => random.nextUint32());
    };
    expect(draws(1)).toEqual(draws(1));
    expect(draws(1)).not.toEqual(draws(2));
    expect(draws(2 ** 40)).not.toEqual(draws(0));
  });

  it('draws uniformly in range', () => {
    const random = new SeededRandom(3);
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) counts[random.below(10)]!++;
    // Expected 10,000 each; 5 standard deviations is about 475.
    expect(counts.every((count) => Math.abs(count - 10_000) < 475)).toBe(true);
    for (let i = 0; i < 1000; i++) {
      const x = random.between(3, 5);
      expect(x === 3 || x === 4 || x === 5).toBe(true);
    }
  });

  it('refuses seeds that are not whole non-negative numbers', () => {
    expect(() => new SeededRandom(-1)).toThrow(RangeError);
    expect(() => new SeededRandom(0.5)).toThrow(RangeError);
  });
});

describe('weightedLookup and fingerprint', () => {
  it('gives each index as many slots as its weight', () => {
    expect(Array.from(weightedLookup([2, 0, 3]))).toEqual([0, 0, 2, 2, 2]);
  });

  it('fingerprints text stably as eight hex digits', () => {
    expect(fingerprint('park')).toBe(fingerprint('park'));
    expect(fingerprint('park')).not.toBe(fingerprint('Park'));
    expect(fingerprint('')).toMatch(/^[0-9a-f]{8}$/);
  });
});
