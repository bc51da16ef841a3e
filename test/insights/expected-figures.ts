/**
 * The module's figures computed a second way, straight from the simulator's
 * events and by the challenge's own words, to hold the accumulator against.
 * Nothing here imports src/insights: local times come from the events'
 * `minute` (minutes since 07:00 at the park, from the model) and the plan's
 * date, not from timestamps read through a time zone.
 */
import type { ParkEvent } from '../../src/simulator/index.js';

export const FIXED_DAY = { scale: 0.05, seed: 4242, date: '2024-05-01' } as const;

/** The rating table's brackets, upper bound inclusive. */
const BRACKETS: Array<[string, number]> = [
  ['0-10', 10],
  ['11-18', 18],
  ['19-25', 25],
  ['26-30', 30],
  ['31-45', 45],
  ['46-60', 60],
  ['61+', Infinity],
];

export interface ExpectedFigures {
  visitors: number;
  rides: number;
  exits: number;
  stayByAge: Map<number, { exits: number; average: number }>;
  arrivalsPerMinute: number[];
  arrivalsByAge: Map<number, number[]>;
  homeCells: Map<string, number>;
  rides_: Map<string, { riders: number; average: number }>;
  leastPopular: string[];
  birthdays: number;
  ratingByGroup: Map<string, number>;
  ratingByRideAndGroup: Map<string, Map<string, number>>;
  ratingByHour: number[];
  ratingCounts: number[];
  turnstilesPerMinute: number[];
  staffPerMinute: number[];
  staffByHour: number[];
  lunchHour: string;
  peakInside: number;
}

export function expectedFigures(events: readonly ParkEvent[], date: string): ExpectedFigures {
  const [, month, day] = date.split('-').map(Number);
  const entries = events.filter((e) => e.event === 'Entry');
  const rides = events.filter((e) => e.event === 'Ride');
  const exits = events.filter((e) => e.event === 'Exit');

  const stays = new Map<number, number[]>();
  for (const e of exits) {
    // Whole minutes from arrival to exit, from the seconds in the text.
    const elapsedSeconds =
      (new Date(e.timestamp).getTime() - new Date(e.visitor.arrivalTime).getTime()) / 1000;
    const list = stays.get(e.visitor.age) ?? [];
    list.push(Math.floor(elapsedSeconds / 60));
    stays.set(e.visitor.age, list);
  }
  const stayByAge = new Map(
    [...stays].map(([age, list]) => [
      age,
      { exits: list.length, average: list.reduce((a, b) => a + b, 0) / list.length },
    ]),
  );

  const arrivalsPerMinute = new Array<number>(720).fill(0);
  const arrivalsByAge = new Map<number, number[]>();
  const homeCells = new Map<string, number>();
  for (const e of entries) {
    arrivalsPerMinute[e.minute]! += 1;
    const byAge = arrivalsByAge.get(e.visitor.age) ?? new Array<number>(720).fill(0);
    byAge[e.minute]! += 1;
    arrivalsByAge.set(e.visitor.age, byAge);
    const key = `${Math.floor(e.visitor.home.latitude * 2) / 2},${Math.floor(e.visitor.home.longitude * 2) / 2}`;
    homeCells.set(key, (homeCells.get(key) ?? 0) + 1);
  }

  const byRide = new Map<string, number[]>();
  const byGroup = new Map<string, number[]>();
  const byRideGroup = new Map<string, Map<string, number[]>>();
  const byHour: number[][] = Array.from({ length: 12 }, () => []);
  const ratingCounts = [0, 0, 0, 0, 0];
  for (const e of rides) {
    const group = BRACKETS.find(([, atMost]) => e.visitor.age <= atMost)![0];
    push(byRide, e.rideId!, e.rating!);
    push(byGroup, group, e.rating!);
    const rideGroups = byRideGroup.get(e.rideId!) ?? new Map<string, number[]>();
    push(rideGroups, group, e.rating!);
    byRideGroup.set(e.rideId!, rideGroups);
    byHour[Math.floor(e.minute / 60)]!.push(e.rating!);
    ratingCounts[e.rating! - 1]! += 1;
  }
  const rides_ = new Map(
    [...byRide].map(([id, ratings]) => [id, { riders: ratings.length, average: mean(ratings) }]),
  );
  const leastPopular = [...rides_]
    .sort(([a, x], [b, y]) => x.riders - y.riders || (a < b ? -1 : 1))
    .slice(0, 3)
    .map(([id]) => id);

  const turnstilesPerMinute = arrivalsPerMinute.map((n) => Math.ceil(n / 10));
  const staffPerMinute = turnstilesPerMinute.map((n) => Math.ceil(n / 2));
  const staffByHour = Array.from({ length: 12 }, (_, h) =>
    Math.max(...staffPerMinute.slice(h * 60, h * 60 + 60)),
  );
  // 11:00, 12:00 and 13:00 are hours 4, 5 and 6 after opening.
  const lunch = [4, 5, 6].sort((a, b) => {
    const arrivals = (h: number) => arrivalsPerMinute.slice(h * 60, h * 60 + 60).reduce((x, y) => x + y, 0);
    return staffByHour[a]! - staffByHour[b]! || arrivals(a) - arrivals(b) || a - b;
  })[0]!;

  let inside = 0;
  let peakInside = 0;
  for (let minute = 0; minute < 720; minute++) {
    inside += arrivalsPerMinute[minute]! - exits.filter((e) => e.minute === minute).length;
    peakInside = Math.max(peakInside, inside);
  }

  return {
    visitors: entries.length,
    rides: rides.length,
    exits: exits.length,
    stayByAge,
    arrivalsPerMinute,
    arrivalsByAge,
    homeCells,
    rides_,
    leastPopular,
    birthdays: entries.filter((e) => e.visitor.birthday.month === month && e.visitor.birthday.day === day)
      .length,
    ratingByGroup: new Map([...byGroup].map(([g, r]) => [g, mean(r)])),
    ratingByRideAndGroup: new Map(
      [...byRideGroup].map(([id, groups]) => [id, new Map([...groups].map(([g, r]) => [g, mean(r)]))]),
    ),
    ratingByHour: byHour.map(mean),
    ratingCounts,
    turnstilesPerMinute,
    staffPerMinute,
    staffByHour,
    lunchHour: `${7 + lunch}:00`,
    peakInside,
  };
}

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key) ?? [];
  list.push(value);
  map.set(key, list);
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}
