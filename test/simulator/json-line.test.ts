import { simulateDay, toJsonLine, writeJsonLine, type ParkEvent } from '../../src/simulator/index.js';
import { decimal, sixDecimals } from '../../src/simulator/decimal.js';
import { SeededRandom } from '../../src/simulator/random.js';

const day = [...simulateDay({ scale: 0.01, seed: 5, date: '2024-07-04', timeZone: 'America/Chicago' })];

/** The record as the module describes it, through the slow, obviously right path. */
function viaStringify(event: ParkEvent): string {
  const { eventId, event: type, rideId, rating, timestamp, visitorId, visitor } = event;
  return (
    JSON.stringify({
      eventId,
      event: type,
      rideId,
      rating,
      timestamp,
      visitorId,
      visitor: {
        id: visitor.id,
        firstName: visitor.firstName,
        lastName: visitor.lastName,
        age: visitor.age,
        birthday: { month: visitor.birthday.month, day: visitor.birthday.day },
        home: { latitude: visitor.home.latitude, longitude: visitor.home.longitude },
        arrivalTime: visitor.arrivalTime,
        totalRides: visitor.totalRides,
      },
    }) + '\n'
  );
}

describe('toJsonLine', () => {
  it('writes exactly what JSON.stringify writes, for every event of a day', () => {
    const different = day.filter((event) => toJsonLine(event) !== viaStringify(event));
    expect(day.length).toBeGreaterThan(3000);
    expect(different).toEqual([]);
  });

  it('writes one ASCII line with the keys the QuickSight steps filter on', () => {
    const line = toJsonLine(day.find((e) => e.event === 'Ride')!);
    expect(line.endsWith('}\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    expect(/^[\x20-\x7e]*\n$/.test(line)).toBe(true);
    const parsed = JSON.parse(line);
    const keys = ['eventId', 'event', 'rideId', 'rating', 'timestamp', 'visitorId', 'visitor'];
    expect(Object.keys(parsed)).toEqual(keys);
    expect(parsed.event).toBe('Ride');
  });

  it('escapes whatever a hand-made event carries', () => {
    const original = day[0]!;
    const handMade: ParkEvent = {
      ...original,
      eventId: 'a"b\\c',
      visitor: {
        ...original.visitor,
        firstName: 'Zoë "Z"',
        lastName: 'line\nbreak\u0001',
        home: { latitude: NaN, longitude: 1 / 3 },
      },
    };
    expect(toJsonLine(handMade)).toBe(viaStringify(handMade));
  });
});

describe('writeJsonLine', () => {
  it('fills a batch buffer with the same bytes, one line after another', () => {
    const events = day.slice(0, 500);
    const batch = new Uint8Array(256 * 1024);
    let offset = 0;
    for (const event of events) offset = writeJsonLine(event, batch, offset);
    expect(Buffer.from(batch.subarray(0, offset)).toString('utf8')).toBe(events.map(viaStringify).join(''));
  });

  it('writes UTF-8 for hand-made events', () => {
    const handMade: ParkEvent = { ...day[0]!, visitor: { ...day[0]!.visitor, firstName: 'Zoë' } };
    const target = Buffer.alloc(1024);
    const end = writeJsonLine(handMade, target, 10);
    expect(target.subarray(10, end).toString('utf8')).toBe(viaStringify(handMade));
  });

  it('refuses, writing nothing, when the line does not fit', () => {
    const line = toJsonLine(day[0]!);
    const target = new Uint8Array(line.length + 5);
    expect(() => writeJsonLine(day[0]!, target, 6)).toThrow(RangeError);
    expect(target.every((byte) => byte === 0)).toBe(true);
    expect(writeJsonLine(day[0]!, target, 5)).toBe(target.length);
  });
});

describe('number text from tables', () => {
  const random = new SeededRandom(9);

  it('matches String() for whole numbers', () => {
    const samples = [0, 9, 10, 999, 1000, 1001, 65_000, 999_999, 1_000_000, 457_570, 123_456_789, 2 ** 31];
    for (let i = 0; i < 2000; i++) samples.push(random.below(2_000_000_000));
    expect(samples.filter((n) => decimal(n) !== String(n))).toEqual([]);
  });

  it('matches String() for numbers with up to six decimals', () => {
    const samples = [0, 1, -1, 0.5, -0.5, 0.000001, -0.000001, 41.5, -89.740871, 30.1, 180, -179.999999];
    for (let i = 0; i < 5000; i++) samples.push(random.between(-180_000_000, 180_000_000) / 1e6);
    expect(samples.filter((x) => sixDecimals(x) !== String(x))).toEqual([]);
  });
});
