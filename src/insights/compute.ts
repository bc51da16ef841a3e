/**
 * The analysis as one pass over the records: each JSON line is read for
 * the dozen fields the figures need (record-fields.ts), counted once by its
 * event id, and added to running totals small enough that a full day never
 * needs more than a few megabytes, whatever order the objects are read in.
 * `result()` turns the totals into Insights.
 *
 *   line ──template (or JSON.parse)──> fields ──first time its id is seen?──> Entry │ Ride │ Exit tallies
 *                                        │ not an event: unreadable   │ no: a duplicate
 *
 * minutesInPark follows the module's calculated field,
 * dateDiff({visitor.arrivalTime}, {timestamp}, "MI"), as the sandbox's
 * QuickSight evaluates it: whole minutes elapsed, the remainder dropped
 * (arrival 10:00:50, exit 10:05:10 is 4 minutes, not the 5 minute
 * boundaries crossed).
 * TODO: confirm on AWS whether dateDiff counts minute boundaries instead;
 * if it does, change minutesBetween below and the sandbox together.
 */
import { ageGroupOf, AGE_GROUPS } from './age-groups.js';
import { DistinctIds } from './distinct-ids.js';
import { emptyFields, fieldsOfValue, RecordTemplate, type RecordFields } from './record-fields.js';
import { clockLabel, OPEN_HOURS, OPEN_MINUTES, ParkClock } from './park-clock.js';
import { staffingFrom } from './staffing.js';
import type { AgeGroupRating, Insights, RideFigures } from './types.js';
import { DEFAULT_TIME_ZONE } from '../simulator/index.js';

export interface InsightsOptions {
  /** The park's IANA time zone, for every local time. @default America/Chicago */
  timeZone?: string;
  /** Read every line with JSON.parse, not the simulator's template first: for tests that compare the two. @default false */
  jsonParseOnly?: boolean;
}

export const TICKET_PRICE = 89;
export const HOME_CELL_DEGREES = 0.5;
export const MINUTES_IN_PARK_RULE =
  'dateDiff(visitor.arrivalTime, timestamp, "MI"): whole minutes elapsed, the remainder dropped';

const MINUTE_MS = 60_000;
const HOME_ROWS = 180 / HOME_CELL_DEGREES;
const HOME_COLUMNS = 360 / HOME_CELL_DEGREES;
const GROUPS = AGE_GROUPS.length;

interface RideTally {
  riders: number;
  rated: number;
  ratingSum: number;
  /** Per age group: count, then sum, interleaved. */
  byGroup: Float64Array;
}

export class InsightsAccumulator {
  private readonly clock: ParkClock;
  private readonly ids = new DistinctIds();
  private readonly template: RecordTemplate | undefined;
  private readonly fields = emptyFields();

  private lines = 0;
  private records = 0;
  private duplicates = 0;
  private unreadable = 0;
  private withoutEventId = 0;
  private outsideOpeningHours = 0;
  private visitors = 0;
  private rides = 0;
  private exits = 0;

  private readonly stay = new Map<number, { exits: number; minutes: number }>();
  private readonly arrivals = new Uint32Array(OPEN_MINUTES);
  private readonly arrivalsByAge = new Map<number, Uint32Array>();
  private readonly exitsPerMinute = new Uint32Array(OPEN_MINUTES + 1);
  private readonly homeCells = new Uint32Array(HOME_ROWS * HOME_COLUMNS);
  private homes = 0;
  private readonly rideTallies = new Map<string, RideTally>();
  private readonly groupRatings = new Float64Array(GROUPS * 2);
  private readonly groupAges = AGE_GROUPS.map(() => new Set<number>());
  private readonly hourRatings = new Float64Array(OPEN_HOURS * 2);
  private readonly ratingCounts = new Float64Array(6);
  private readonly days = new Map<string, number>();
  private readonly birthdaysByDay = new Map<string, number>();
  private birthdays = 0;

  constructor(options: InsightsOptions = {}) {
    this.clock = new ParkClock(options.timeZone ?? DEFAULT_TIME_ZONE);
    this.template = options.jsonParseOnly ? undefined : new RecordTemplate();
  }

  /** One line of an object, without its newline. Blank lines are skipped, as a JSON-lines reader does. */
  addLine(line: Buffer): void {
    if (isBlank(line)) return;
    this.lines++;
    if (this.template?.match(line, this.fields)) {
      this.addFields(this.fields);
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(line.toString('utf8'));
    } catch {
      this.unreadable++;
      return;
    }
    this.addValue(value);
  }

  /** A record already parsed from one line. */
  addRecord(value: unknown): void {
    this.lines++;
    this.addValue(value);
  }

  private addValue(value: unknown): void {
    if (fieldsOfValue(value, this.fields)) this.addFields(this.fields);
    else this.unreadable++;
  }

  private addFields(f: RecordFields): void {
    const kind = f.event;
    const ms = f.timestampMs;
    if ((kind !== 'Entry' && kind !== 'Ride' && kind !== 'Exit') || Number.isNaN(ms)) {
      this.unreadable++;
      return;
    }
    if (f.eventId !== undefined) {
      if (!this.ids.firstTime(f.eventId)) {
        this.duplicates++;
        return;
      }
    } else {
      this.withoutEventId++;
    }

    this.records++;
    const age = f.age ?? Number.NaN;
    if (kind === 'Entry') this.addEntry(ms, age, f);
    else if (kind === 'Ride') this.addRide(ms, age, f);
    else this.addExit(ms, age, f);
  }

  private addEntry(ms: number, age: number, f: RecordFields): void {
    this.visitors++;
    const minute = this.clock.minuteSinceOpening(ms);
    if (minute >= 0 && minute < OPEN_MINUTES) {
      this.arrivals[minute]!++;
      if (!Number.isNaN(age)) this.arrivalsOfAge(age)[minute]!++;
    } else {
      this.outsideOpeningHours++;
    }

    const date = this.clock.localDate(ms);
    this.days.set(date.text, (this.days.get(date.text) ?? 0) + 1);
    if (f.birthdayMonth === date.month && f.birthdayDay === date.day) {
      this.birthdays++;
      this.birthdaysByDay.set(date.text, (this.birthdaysByDay.get(date.text) ?? 0) + 1);
    }

    const { latitude, longitude } = f;
    if (latitude !== undefined && longitude !== undefined && Number.isFinite(latitude + longitude)) {
      const row = clamp(Math.floor((latitude + 90) / HOME_CELL_DEGREES), HOME_ROWS - 1);
      const column = clamp(Math.floor((longitude + 180) / HOME_CELL_DEGREES), HOME_COLUMNS - 1);
      this.homeCells[row * HOME_COLUMNS + column]!++;
      this.homes++;
    }
  }

  private addRide(ms: number, age: number, f: RecordFields): void {
    this.rides++;
    const rideId = f.rideId ?? '(none)';
    let tally = this.rideTallies.get(rideId);
    if (!tally) {
      tally = { riders: 0, rated: 0, ratingSum: 0, byGroup: new Float64Array(GROUPS * 2) };
      this.rideTallies.set(rideId, tally);
    }
    tally.riders++;
    const minute = this.clock.minuteSinceOpening(ms);
    const open = minute >= 0 && minute < OPEN_MINUTES;
    if (!open) this.outsideOpeningHours++;

    const rating = f.rating;
    if (rating === undefined || !Number.isFinite(rating)) return;
    tally.rated++;
    tally.ratingSum += rating;
    if (Number.isInteger(rating) && rating >= 1 && rating <= 5) this.ratingCounts[rating]!++;

    const group = ageGroupOf(age);
    if (group >= 0) {
      tally.byGroup[group * 2]!++;
      tally.byGroup[group * 2 + 1]! += rating;
      this.groupRatings[group * 2]!++;
      this.groupRatings[group * 2 + 1]! += rating;
      this.groupAges[group]!.add(age);
    }
    if (open) {
      const hour = Math.floor(minute / 60);
      this.hourRatings[hour * 2]!++;
      this.hourRatings[hour * 2 + 1]! += rating;
    }
  }

  private addExit(ms: number, age: number, f: RecordFields): void {
    this.exits++;
    const minute = this.clock.minuteSinceOpening(ms);
    // The exits at closing are stamped 19:00:00, one minute past the last open minute.
    if (minute >= 0 && minute <= OPEN_MINUTES) this.exitsPerMinute[minute]!++;

    const arrival = f.arrivalMs;
    if (Number.isNaN(age) || Number.isNaN(arrival)) return;
    let stay = this.stay.get(age);
    if (!stay) {
      stay = { exits: 0, minutes: 0 };
      this.stay.set(age, stay);
    }
    stay.exits++;
    stay.minutes += minutesBetween(arrival, ms);
  }

  private arrivalsOfAge(age: number): Uint32Array {
    let perMinute = this.arrivalsByAge.get(age);
    if (!perMinute) {
      perMinute = new Uint32Array(OPEN_MINUTES);
      this.arrivalsByAge.set(age, perMinute);
    }
    return perMinute;
  }

  result(): Insights {
    const rides = this.rideFigures();
    const arrivals = Array.from(this.arrivals);
    return {
      source: {
        lines: this.lines,
        records: this.records,
        duplicates: this.duplicates,
        unreadable: this.unreadable,
        withoutEventId: this.withoutEventId,
        outsideOpeningHours: this.outsideOpeningHours,
        runTags: this.ids.runTags(),
        days: [...this.days.keys()].sort(),
        timeZone: this.clock.timeZone,
        minutesInParkRule: MINUTES_IN_PARK_RULE,
      },
      totals: { records: this.records, visitors: this.visitors, rides: this.rides, exits: this.exits },
      stayByAge: [...this.stay.entries()]
        .sort(([a], [b]) => a - b)
        .map(([age, { exits, minutes }]) => ({ age, exits, averageMinutes: minutes / exits })),
      homes: { visitors: this.homes, cellDegrees: HOME_CELL_DEGREES, cells: this.homeCellList() },
      arrivals: {
        firstMinute: clockLabel(0),
        perMinute: arrivals,
        perMinuteByAge: Object.fromEntries(
          [...this.arrivalsByAge.entries()]
            .sort(([a], [b]) => a - b)
            .map(([age, perMinute]) => [String(age), Array.from(perMinute)]),
        ),
      },
      rides,
      birthdays: {
        visitors: this.birthdays,
        ticketPrice: TICKET_PRICE,
        cost: this.birthdays * TICKET_PRICE,
        byDay: [...this.birthdaysByDay.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([date, visitors]) => ({ date, visitors })),
      },
      staffing: staffingFrom(arrivals, Array.from(this.exitsPerMinute)),
      ridePerformance: {
        leastPopular: [...rides]
          .sort((a, b) => a.riders - b.riders || a.rideId.localeCompare(b.rideId))
          .slice(0, 3),
        ratingByAgeGroup: this.ageGroupFigures(),
        ratingByRideAndAgeGroup: [...this.rideTallies.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([rideId, tally]) => ({
            rideId,
            byGroup: Object.fromEntries(
              AGE_GROUPS.map((g, i) => [g.label, mean(tally.byGroup[i * 2 + 1]!, tally.byGroup[i * 2]!)]),
            ),
          })),
        ratingByHour: Array.from({ length: OPEN_HOURS }, (_, hour) => ({
          hour: clockLabel(hour * 60),
          ratings: this.hourRatings[hour * 2]!,
          averageRating: mean(this.hourRatings[hour * 2 + 1]!, this.hourRatings[hour * 2]!),
        })),
        ratingCounts: [1, 2, 3, 4, 5].map((r) => this.ratingCounts[r]!) as [
          number,
          number,
          number,
          number,
          number,
        ],
        trend: this.ratingTrend(),
      },
    };
  }

  private rideFigures(): RideFigures[] {
    return [...this.rideTallies.entries()]
      .map(([rideId, t]) => ({ rideId, riders: t.riders, averageRating: mean(t.ratingSum, t.rated) }))
      .sort((a, b) => b.riders - a.riders || a.rideId.localeCompare(b.rideId));
  }

  private ageGroupFigures(): AgeGroupRating[] {
    return AGE_GROUPS.map((group, i) => ({
      group: group.label,
      ages: [...this.groupAges[i]!].sort((a, b) => a - b),
      ratings: this.groupRatings[i * 2]!,
      averageRating: mean(this.groupRatings[i * 2 + 1]!, this.groupRatings[i * 2]!),
    }));
  }

  private ratingTrend(): { firstHour: number | null; lastHour: number | null; change: number | null } {
    const rated: number[] = [];
    for (let hour = 0; hour < OPEN_HOURS; hour++) if (this.hourRatings[hour * 2]! > 0) rated.push(hour);
    if (rated.length === 0) return { firstHour: null, lastHour: null, change: null };
    const average = (hour: number) => this.hourRatings[hour * 2 + 1]! / this.hourRatings[hour * 2]!;
    const first = average(rated[0]!);
    const last = average(rated[rated.length - 1]!);
    return { firstHour: first, lastHour: last, change: last - first };
  }

  private homeCellList(): Array<[number, number, number]> {
    const cells: Array<[number, number, number]> = [];
    for (let i = 0; i < this.homeCells.length; i++) {
      const count = this.homeCells[i]!;
      if (count === 0) continue;
      const row = Math.floor(i / HOME_COLUMNS);
      cells.push([row * HOME_CELL_DEGREES - 90, (i % HOME_COLUMNS) * HOME_CELL_DEGREES - 180, count]);
    }
    return cells;
  }
}

/** dateDiff(from, to, "MI") as described at the top of this file. */
export function minutesBetween(fromMs: number, toMs: number): number {
  return Math.trunc((toMs - fromMs) / MINUTE_MS);
}

function mean(total: number, count: number): number | null {
  return count > 0 ? total / count : null;
}

function clamp(index: number, highest: number): number {
  return index < 0 ? 0 : index > highest ? highest : index;
}

function isBlank(line: Buffer): boolean {
  for (let i = 0; i < line.length; i++) {
    const byte = line[i]!;
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d && byte !== 0x0a) return false;
  }
  return true;
}
