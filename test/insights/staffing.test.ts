/** The staffing challenge's rules, on arrivals made up to make each rule decide. */
import { staffingFrom, staffFor, turnstilesFor } from '../../src/insights/staffing.js';
import { DistinctIds } from '../../src/insights/distinct-ids.js';
import { ParkClock, clockLabel } from '../../src/insights/park-clock.js';

/** 720 minutes of arrivals, `perHour[h]` in every minute of hour h. */
function day(perHour: number[]): number[] {
  return perHour.flatMap((n) => new Array<number>(60).fill(n));
}
const noExits = new Array<number>(721).fill(0);

describe('turnstiles and staff', () => {
  it.each([
    [0, 0, 0],
    [1, 1, 1],
    [10, 1, 1],
    [11, 2, 1],
    [21, 3, 2],
    [125, 13, 7],
    [1001, 101, 51],
  ])('%i arrivals in a minute need %i turnstiles and %i staff', (arrivals, turnstiles, staff) => {
    expect(turnstilesFor(arrivals)).toBe(turnstiles);
    expect(staffFor(turnstilesFor(arrivals))).toBe(staff);
  });

  it('sizes each hour for its busiest minute and finds the busiest minute of the day', () => {
    const arrivals = day([50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50]);
    arrivals[61] = 130;
    const s = staffingFrom(arrivals, noExits);
    expect(s.byHour[1]).toMatchObject({
      hour: '08:00',
      peakArrivalsPerMinute: 130,
      turnstiles: 13,
      staff: 7,
    });
    expect(s.byHour[1]!.arrivals).toBe(59 * 50 + 130);
    expect(s.byHour[0]).toMatchObject({ turnstiles: 5, staff: 3 });
    expect(s.peak).toEqual({ minute: '08:01', arrivals: 130, turnstiles: 13, staff: 7 });
    expect(s.enoughTurnstiles).toBe(true);
    expect(staffingFrom(day(new Array(12).fill(1200)), noExits).enoughTurnstiles).toBe(false);
  });
});

describe('the lunch hour', () => {
  it.each([
    [
      'the fewest staff at the peak wins over fewer arrivals',
      [9, 9, 9, 9, 40, 30, 30, 9, 9, 9, 9, 9],
      { 244: 90 },
      '12:00',
    ],
    ['fewer arrivals break a tie in staff', [9, 9, 9, 9, 20, 19, 20, 9, 9, 9, 9, 9], {}, '12:00'],
    ['the earlier hour breaks a full tie', [9, 9, 9, 9, 20, 20, 20, 9, 9, 9, 9, 9], {}, '11:00'],
    ['only 11:00 to 14:00 are candidates', [0, 0, 0, 0, 20, 20, 10, 0, 0, 0, 0, 0], {}, '13:00'],
  ])('%s', (_name, perHour, spikes, hour) => {
    const arrivals = day(perHour as number[]);
    for (const [minute, n] of Object.entries(spikes)) arrivals[Number(minute)] = n;
    const lunch = staffingFrom(arrivals, noExits).lunch;
    expect(lunch.hour).toBe(hour);
    expect(lunch.candidates.map((c) => c.hour)).toEqual(['11:00', '12:00', '13:00']);
  });
});

describe('why arrivals fall', () => {
  it('names the capacity when the park filled and arrivals dropped after', () => {
    const arrivals = day([100, 100, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20]);
    const exits = [...new Array<number>(120).fill(0), ...new Array<number>(600).fill(20), 12_000];
    const c = staffingFrom(arrivals, exits).capacity;
    expect(c.peakInside).toBe(12_000);
    // Full means within 2% of the most ever inside: 11,800 at the end of 08:57.
    expect(c.fullAt).toBe('08:57');
    expect(c.arrivalsPerMinuteBeforeFull).toBe(100);
    expect(c.arrivalsPerMinuteAfterFull).toBeCloseTo((2 * 100 + 600 * 20) / 602, 9);
    expect(c.explanation).toMatch(/holds about 12,000 visitors.*full by 08:57.*fall to about 20 /);
  });

  it('says so when arrivals never fell', () => {
    const c = staffingFrom(day(new Array(12).fill(10)), noExits).capacity;
    expect(c.explanation).toMatch(/did not fall off/);
    expect(staffingFrom(new Array(720).fill(0), noExits).capacity.fullAt).toBeNull();
  });
});

describe('event ids', () => {
  it('sees each id once, across run tags, positions far apart and ids of other shapes', () => {
    const ids = new DistinctIds();
    const seen = [
      'ab12-0',
      'ab12-1',
      'cd34-0',
      'ab12-1',
      'ab12-900000',
      'cd34-0',
      'ab12-900000',
      'x',
      'x',
      'a-b-7',
      'a-b-7',
      'tag-99999999999',
    ];
    expect(seen.map((id) => ids.firstTime(id))).toEqual([
      true,
      true,
      true,
      false,
      true,
      false,
      false,
      true,
      false,
      true,
      false,
      true,
    ]);
    expect(ids.runTags()).toEqual(['a-b', 'ab12', 'cd34']);
  });
});

describe('the park clock', () => {
  it.each([
    ['America/Chicago', '2024-05-01T12:00:00Z', 0, '2024-05-01'],
    ['America/Chicago', '2024-01-15T13:00:00Z', 0, '2024-01-15'],
    ['America/Chicago', '2024-05-02T00:00:00Z', 720, '2024-05-01'],
    ['Asia/Kolkata', '2024-05-01T01:30:00Z', 0, '2024-05-01'],
    ['UTC', '2024-05-01T06:59:00Z', -1, '2024-05-01'],
  ])('in %s, %s is minute %i since opening on %s', (zone, instant, minute, date) => {
    const clock = new ParkClock(zone);
    expect(clock.minuteSinceOpening(Date.parse(instant))).toBe(minute);
    expect(clock.localDate(Date.parse(instant)).text).toBe(date);
  });

  it('labels minutes since opening as times of day', () => {
    expect([0, 59, 60, 719, 720].map(clockLabel)).toEqual(['07:00', '07:59', '08:00', '18:59', '19:00']);
  });

  it('refuses an unknown time zone', () => {
    expect(() => new ParkClock('Mars/Olympus')).toThrow(RangeError);
  });
});
