/**
 * The accumulator against an independent computation (expected-figures.ts)
 * over one fixed-seed day at 5% of the crowd, fed as the JSON lines that
 * land in S3, with copies, blank and broken lines mixed in.
 */
import { InsightsAccumulator, minutesBetween } from '../../src/insights/compute.js';
import { simulateDay, toJsonLine, type ParkEvent } from '../../src/simulator/index.js';
import { expectedFigures, FIXED_DAY } from './expected-figures.js';

const events: ParkEvent[] = [...simulateDay(FIXED_DAY)];
const lines = events.map((e) => Buffer.from(toJsonLine(e).slice(0, -1)));
const expected = expectedFigures(events, FIXED_DAY.date);

/** Every 97th record twice, the first 50 again at the end, and lines that are not records. */
function withCopiesAndNoise(): { feed: Buffer[]; copies: number } {
  const feed: Buffer[] = [];
  let copies = 0;
  lines.forEach((line, i) => {
    feed.push(line);
    if (i % 97 === 0) {
      feed.push(line);
      copies++;
    }
  });
  feed.push(...lines.slice(0, 50));
  copies += 50;
  feed.push(
    Buffer.from(''),
    Buffer.from('  \r'),
    Buffer.from('{"event":"Ride","timestamp":'),
    Buffer.from('[1,2]'),
  );
  return { feed, copies };
}

const { feed, copies } = withCopiesAndNoise();
const accumulator = new InsightsAccumulator();
for (const line of feed) accumulator.addLine(line);
const insights = accumulator.result();

describe('what was read', () => {
  it('counts each record once by event id, and says how many lines were copies or unreadable', () => {
    expect(insights.source.records).toBe(events.length);
    expect(insights.source.duplicates).toBe(copies);
    expect(insights.source.unreadable).toBe(2);
    expect(insights.source.lines).toBe(events.length + copies + 2);
    expect(insights.source.withoutEventId).toBe(0);
    expect(insights.source.outsideOpeningHours).toBe(0);
    expect(insights.source.runTags).toEqual([events[0]!.eventId.split('-')[0]]);
    expect(insights.source.days).toEqual([FIXED_DAY.date]);
  });

  it('gives the same figures when every line is read with JSON.parse', () => {
    const viaJson = new InsightsAccumulator({ jsonParseOnly: true });
    for (const line of feed) viaJson.addLine(line);
    expect(viaJson.result()).toEqual(insights);
  });

  it('gives the same figures whatever order the lines come in', () => {
    const shuffled = new InsightsAccumulator();
    for (let i = feed.length - 1; i >= 0; i--) shuffled.addLine(feed[i]!);
    expect(shuffled.result()).toEqual(insights);
  });
});

describe('the five visuals', () => {
  it('1: average minutes in the park by age, from Exit events', () => {
    expect(insights.stayByAge.map((s) => s.age)).toEqual(
      [...expected.stayByAge.keys()].sort((a, b) => a - b),
    );
    for (const row of insights.stayByAge) {
      expect(row.exits).toBe(expected.stayByAge.get(row.age)!.exits);
      expect(row.averageMinutes).toBeCloseTo(expected.stayByAge.get(row.age)!.average, 9);
    }
  });

  it('2: every home in its half-degree cell', () => {
    expect(insights.homes.visitors).toBe(expected.visitors);
    const cells = new Map(insights.homes.cells.map(([lat, lon, n]) => [`${lat},${lon}`, n]));
    expect(cells).toEqual(expected.homeCells);
  });

  it('3: arrivals per minute, in all and by age', () => {
    expect(insights.arrivals.firstMinute).toBe('07:00');
    expect(insights.arrivals.perMinute).toEqual(expected.arrivalsPerMinute);
    expect(Object.keys(insights.arrivals.perMinuteByAge).map(Number)).toEqual(
      [...expected.arrivalsByAge.keys()].sort((a, b) => a - b),
    );
    for (const [age, perMinute] of expected.arrivalsByAge)
      expect(insights.arrivals.perMinuteByAge[String(age)]).toEqual(perMinute);
  });

  it('4: riders and average rating per ride, most ridden first', () => {
    expect(insights.rides).toHaveLength(expected.rides_.size);
    for (const ride of insights.rides) {
      expect(ride.riders).toBe(expected.rides_.get(ride.rideId)!.riders);
      expect(ride.averageRating).toBeCloseTo(expected.rides_.get(ride.rideId)!.average, 9);
    }
    const riders = insights.rides.map((r) => r.riders);
    expect(riders).toEqual([...riders].sort((a, b) => b - a));
  });

  it('5: total rides, visitors and exits', () => {
    expect(insights.totals).toEqual({
      records: events.length,
      visitors: expected.visitors,
      rides: expected.rides,
      exits: expected.exits,
    });
  });
});

describe('the challenges', () => {
  it('birthdays on the simulated day, at $89 a ticket', () => {
    expect(expected.birthdays).toBeGreaterThan(0);
    expect(insights.birthdays.visitors).toBe(expected.birthdays);
    expect(insights.birthdays.cost).toBe(expected.birthdays * 89);
    expect(insights.birthdays.byDay).toEqual([{ date: FIXED_DAY.date, visitors: expected.birthdays }]);
  });

  it('turnstiles and staff per minute, per hour, the lunch hour and the park filling up', () => {
    const s = insights.staffing;
    expect(s.turnstilesPerMinute).toEqual(expected.turnstilesPerMinute);
    expect(s.staffPerMinute).toEqual(expected.staffPerMinute);
    expect(s.byHour.map((h) => h.staff)).toEqual(expected.staffByHour);
    expect(s.lunch.hour).toBe(expected.lunchHour);
    expect(s.capacity.peakInside).toBe(expected.peakInside);
    // At 5% the park holds 1,500: it fills in the morning, and arrivals fall after.
    expect(s.capacity.fullAt).not.toBeNull();
    expect(s.capacity.arrivalsPerMinuteAfterFull!).toBeLessThan(s.capacity.arrivalsPerMinuteBeforeFull);
    expect(s.capacity.explanation).toMatch(/full by \d\d:\d\d/);
  });

  it('the least popular rides, ratings by age group, by ride and group, and by hour', () => {
    const p = insights.ridePerformance;
    expect(p.leastPopular.map((r) => r.rideId)).toEqual(expected.leastPopular);
    for (const group of p.ratingByAgeGroup) {
      if (expected.ratingByGroup.has(group.group))
        expect(group.averageRating).toBeCloseTo(expected.ratingByGroup.get(group.group)!, 9);
      else expect(group.ratings).toBe(0);
    }
    for (const ride of p.ratingByRideAndAgeGroup) {
      for (const [group, rating] of Object.entries(ride.byGroup)) {
        const want = expected.ratingByRideAndGroup.get(ride.rideId)!.get(group);
        if (want === undefined) expect(rating).toBeNull();
        else expect(rating).toBeCloseTo(want, 9);
      }
    }
    p.ratingByHour.forEach((hour, i) => expect(hour.averageRating).toBeCloseTo(expected.ratingByHour[i]!, 9));
    expect(p.ratingCounts).toEqual(expected.ratingCounts);
    expect(p.trend.change).toBeCloseTo(expected.ratingByHour[11]! - expected.ratingByHour[0]!, 9);
  });
});

describe('local time', () => {
  it('reads arrivals on the park clock of the zone the day was simulated in', () => {
    const day = { scale: 0.01, seed: 9, date: '2024-03-10', timeZone: 'Asia/Kolkata' };
    const kolkata = [...simulateDay(day)];
    const right = new InsightsAccumulator({ timeZone: 'Asia/Kolkata' });
    const wrong = new InsightsAccumulator({ timeZone: 'America/Chicago' });
    for (const e of kolkata) {
      right.addLine(Buffer.from(toJsonLine(e)));
      wrong.addLine(Buffer.from(toJsonLine(e)));
    }
    expect(right.result().arrivals.perMinute).toEqual(expectedFigures(kolkata, day.date).arrivalsPerMinute);
    expect(right.result().source.days).toEqual([day.date]);
    expect(wrong.result().source.outsideOpeningHours).toBeGreaterThan(0);
  });

  it('keeps opening at 07:00 on the day daylight saving starts', () => {
    const day = { scale: 0.01, seed: 3, date: '2024-03-10' };
    const dst = [...simulateDay(day)];
    const accumulator = new InsightsAccumulator();
    for (const e of dst) accumulator.addLine(Buffer.from(toJsonLine(e)));
    expect(accumulator.result().arrivals.perMinute).toEqual(expectedFigures(dst, day.date).arrivalsPerMinute);
  });
});

describe('records not made by the simulator', () => {
  it('counts records without an event id as they come, and leaves out what it cannot read', () => {
    const accumulator = new InsightsAccumulator();
    const entry = {
      event: 'Entry',
      timestamp: '2024-05-01T12:30:10.000Z',
      visitor: { age: 30, home: { latitude: 40.1, longitude: -100.7 } },
    };
    accumulator.addRecord(entry);
    accumulator.addRecord(entry);
    accumulator.addRecord({
      event: 'Ride',
      timestamp: '2024-05-01T13:00:00Z',
      rideId: 'ride-x',
      rating: null,
    });
    accumulator.addRecord({ event: 'Jump', timestamp: '2024-05-01T13:00:00Z' });
    accumulator.addRecord({ event: 'Exit', timestamp: 'soon' });
    const result = accumulator.result();
    expect(result.totals).toEqual({ records: 3, visitors: 2, rides: 1, exits: 0 });
    expect(result.source).toMatchObject({ withoutEventId: 3, unreadable: 2, duplicates: 0 });
    expect(result.arrivals.perMinute[30]).toBe(2);
    expect(result.homes.cells).toEqual([[40, -101, 2]]);
    expect(result.rides).toEqual([{ rideId: 'ride-x', riders: 1, averageRating: null }]);
  });

  it('takes minutesInPark as whole minutes elapsed', () => {
    const at = (text: string) => Date.parse(`2024-05-01T${text}Z`);
    expect(minutesBetween(at('10:00:50'), at('10:05:10'))).toBe(4);
    expect(minutesBetween(at('10:00:10'), at('10:05:10'))).toBe(5);
    expect(minutesBetween(at('10:00:00'), at('10:00:59'))).toBe(0);
  });
});
