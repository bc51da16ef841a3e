import {
  countDayRecords,
  localTimeToEpochMs,
  runTag,
  simulateDay,
  summarizeDay,
  toJsonLine,
  type DayPlan,
  type ParkEvent,
} from '../../src/simulator/index.js';

// A small day (capacity 600) keeps the suite fast; the full day is bench/generate.ts's job.
const PLAN: DayPlan = { scale: 0.02, seed: 42, date: '2024-05-01', timeZone: 'America/Chicago' };
const day: ParkEvent[] = [...simulateDay(PLAN)];

function firstLines(plan: DayPlan, count: number): string[] {
  const lines: string[] = [];
  for (const event of simulateDay(plan)) {
    lines.push(toJsonLine(event));
    if (lines.length === count) break;
  }
  return lines;
}

function byVisitor(events: ParkEvent[]): Map<number, ParkEvent[]> {
  const visits = new Map<number, ParkEvent[]>();
  for (const event of events) {
    const visit = visits.get(event.visitorId) ?? [];
    visit.push(event);
    visits.set(event.visitorId, visit);
  }
  return visits;
}

describe('the same plan gives the same day', () => {
  it('repeats the first 2,000 records byte for byte', () => {
    expect(firstLines(PLAN, 2000)).toEqual(day.slice(0, 2000).map(toJsonLine));
  });

  it('gives a different day for a different seed', () => {
    // Compared without event ids, which differ by plan anyway.
    const withoutId = (line: string): string => line.replace(/"eventId":"[^"]*"/, '');
    const other = firstLines({ ...PLAN, seed: 43 }, 200).map(withoutId);
    const same = other.filter((line, i) => line === withoutId(toJsonLine(day[i]!))).length;
    expect(same).toBeLessThan(5);
  });

  it('keeps the crowd but moves the clock and the ids for another date', () => {
    const [first] = simulateDay({ ...PLAN, date: '2024-12-01' });
    expect(first!.visitor.firstName).toBe(day[0]!.visitor.firstName);
    expect(first!.timestamp.slice(0, 10)).toBe('2024-12-01');
    expect(first!.eventId).not.toBe(day[0]!.eventId);
  });

  it('skips records on request without changing the rest, and counts the whole day', () => {
    const resumed = [...simulateDay({ ...PLAN, skip: 1234 })];
    expect(resumed.map(toJsonLine)).toEqual(day.slice(1234).map(toJsonLine));
    expect(countDayRecords(PLAN)).toBe(day.length);
  });
});

describe('event ids', () => {
  it('are the run tag and the position in the stream, unique within the day', () => {
    const tag = runTag(PLAN);
    const misnumbered = day.filter((event, i) => event.sequence !== i || event.eventId !== `${tag}-${i}`);
    expect(misnumbered).toEqual([]);
    expect(tag).toMatch(/^[0-9a-f]{8}$/);
    expect(new Set(day.map((event) => event.eventId)).size).toBe(day.length);
  });

  it('differ between plans', () => {
    expect(runTag({ ...PLAN, seed: 7 })).not.toBe(runTag(PLAN));
    expect(runTag({ ...PLAN, scale: 0.5 })).not.toBe(runTag(PLAN));
    expect(runTag({ ...PLAN, date: '2024-05-02' })).not.toBe(runTag(PLAN));
    expect(runTag({ ...PLAN })).toBe(runTag(PLAN));
  });
});

describe('time', () => {
  const opening = localTimeToEpochMs(PLAN.date, 7, PLAN.timeZone);
  const closing = opening + 12 * 3600_000;

  it('opens at 07:00 in the park’s zone (12:00 UTC during Chicago summer time)', () => {
    expect(new Date(opening).toISOString()).toBe('2024-05-01T12:00:00.000Z');
  });

  it('runs in order, from opening to closing, each event in the minute it says', () => {
    const outOfPlace = day.filter((event, i) => {
      const at = Date.parse(event.timestamp);
      const inOrder = i === 0 || event.timestamp >= day[i - 1]!.timestamp;
      return !inOrder || at < opening || at > closing || Math.floor((at - opening) / 60_000) !== event.minute;
    });
    expect(outOfPlace).toEqual([]);
  });

  it('spreads taps over the seconds of their minute, and ends with everyone leaving at closing', () => {
    const seconds = new Set(day.filter((e) => e.minute < 720).map((e) => e.timestamp.slice(17, 19)));
    expect(seconds.size).toBe(60);
    const atClosing = day.filter((e) => e.minute === 720);
    expect(atClosing.length).toBeGreaterThan(0);
    expect(atClosing.filter((e) => e.event !== 'Exit' || Date.parse(e.timestamp) !== closing)).toEqual([]);
  });
});

describe('every visitor', () => {
  const visits = byVisitor(day);

  it('has ids 1..n in the order they came through the gate', () => {
    const entries = day.filter((e) => e.event === 'Entry').map((e) => e.visitorId);
    expect(entries).toEqual(entries.map((_, i) => i + 1));
  });

  it('enters once, rides in between, and leaves once, after entering', () => {
    const wrong = [...visits].filter(([id, visit]) => {
      const entry = visit[0]!;
      const exit = visit.at(-1)!;
      return (
        entry.event !== 'Entry' ||
        exit.event !== 'Exit' ||
        visit.filter((e) => e.event !== 'Ride').length !== 2 ||
        !(exit.timestamp > entry.timestamp) ||
        visit.some(
          (e) =>
            e.visitor.id !== id ||
            e.visitor.arrivalTime !== entry.timestamp ||
            e.visitor.firstName !== entry.visitor.firstName,
        )
      );
    });
    expect(visits.size).toBeGreaterThan(1000);
    expect(wrong).toEqual([]);
  });

  it('counts rides as the original did: this ride included, the day’s total on Exit', () => {
    const miscounted = [...visits.values()].filter((visit) => {
      const rides = visit.filter((e) => e.event === 'Ride');
      return (
        visit[0]!.visitor.totalRides !== 0 ||
        rides.some((ride, i) => ride.visitor.totalRides !== i + 1) ||
        visit.at(-1)!.visitor.totalRides !== rides.length
      );
    });
    expect(miscounted).toEqual([]);
  });

  it('waits more than 40 minutes between rides', () => {
    const tooSoon = [...visits.values()].filter((visit) => {
      const minutes = visit.filter((e) => e.event !== 'Exit').map((e) => e.minute);
      return minutes.some((minute, i) => i > 0 && minute - minutes[i - 1]! <= 40);
    });
    expect(tooSoon).toEqual([]);
  });
});

describe('records', () => {
  it('carry ride and rating only on rides', () => {
    const wrong = day.filter((event) =>
      event.event === 'Ride'
        ? !/^ride-0(0[1-9]|1[0-6])$/.test(event.rideId ?? '') || ![1, 2, 3, 4, 5].includes(event.rating ?? 0)
        : event.rideId !== null || event.rating !== null,
    );
    expect(wrong).toEqual([]);
  });

  it('cannot be changed by a consumer', () => {
    const event = day[0]!;
    expect(Object.isFrozen(event)).toBe(true);
    expect(Object.isFrozen(event.visitor)).toBe(true);
    expect(Object.isFrozen(event.visitor.home)).toBe(true);
    expect(Object.isFrozen(event.visitor.birthday)).toBe(true);
  });
});

describe('scale', () => {
  it('works for a crowd smaller than one arrival attempt a minute', () => {
    const tiny = [...simulateDay({ ...PLAN, scale: 0.001 })];
    const entries = tiny.filter((e) => e.event === 'Entry').length;
    // 0.125 expected arrivals a minute until 30 are inside, then only refills.
    expect(entries).toBeGreaterThanOrEqual(30);
    expect(entries).toBeLessThan(120);
    expect(tiny.filter((e) => e.event === 'Exit').length).toBe(entries);
  });
});

describe('summarizeDay', () => {
  it('tallies what the events say', () => {
    const summary = summarizeDay(day);
    const count = (type: string): number => day.filter((e) => e.event === type).length;
    expect(summary).toMatchObject({
      records: day.length,
      visitors: count('Entry'),
      entries: count('Entry'),
      rides: count('Ride'),
      exits: count('Exit'),
      firstTimestamp: day[0]!.timestamp,
      lastTimestamp: day.at(-1)!.timestamp,
    });
    const byRide = Object.values(summary.byRide);
    expect(byRide).toHaveLength(16);
    expect(byRide.reduce((sum, ride) => sum + ride.rides, 0)).toBe(count('Ride'));
    expect(summary.ratings.reduce((a, b) => a + b, 0)).toBe(count('Ride'));
    expect(summary.ratings[2]).toBe(day.filter((e) => e.rating === 3).length);
    const ride7 = day.filter((e) => e.rideId === 'ride-007');
    const ride7Average = ride7.reduce((sum, e) => sum + e.rating!, 0) / ride7.length;
    expect(summary.byRide['ride-007']!.averageRating).toBeCloseTo(ride7Average, 10);
    expect(summary.arrivalsPerMinute).toHaveLength(720);
    expect(summary.arrivalsPerMinute.reduce((a, b) => a + b, 0)).toBe(count('Entry'));
    expect(summary.peakInside).toBe(PLAN.scale * 30_000);
  });
});
