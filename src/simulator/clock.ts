/**
 * The simulated day's clock: which instant "07:00 at the park" is, and the
 * text of every tap's timestamp.
 *
 * Timestamps are written in UTC with a `Z` and milliseconds
 * (`2024-05-01T12:00:37.000Z`), the form JavaScript's Date.toJSON gives. That
 * is what the original's records carried, QuickSight reads it as a date
 * without a custom format, and Firehose names its default S3 folders in UTC
 * too, so a record's hour matches the folder it lands in. The park's local
 * time zone decides only which instant the day starts at.
 */
import { OPENING_HOUR, OPENING_MINUTES } from './model.js';

/**
 * The park's home: the largest visitor centre (north-central Illinois) keeps
 * Central time, so a learner's charts show opening at 07:00 when read in it.
 */
export const DEFAULT_TIME_ZONE = 'America/Chicago';

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The calendar date (YYYY-MM-DD) in `timeZone` at the instant `now`. */
export function todayIn(timeZone: string, now: Date): string {
  const parts = wallClockParts(formatterFor(timeZone), now.getTime());
  return `${parts.year}-${pad2(parts.month)}-${pad2(parts.day)}`;
}

/** Throws a RangeError naming the problem unless `date` is a real YYYY-MM-DD calendar date. */
export function assertCalendarDate(date: string): void {
  const match = DATE_PATTERN.exec(date);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  const probe = new Date(Date.UTC(year, month - 1, day));
  const valid =
    match !== null &&
    year >= 1970 &&
    probe.getUTCFullYear() === year &&
    probe.getUTCMonth() === month - 1 &&
    probe.getUTCDate() === day;
  if (!valid) {
    throw new RangeError(`The date must be a calendar day written YYYY-MM-DD (1970 or later), got "${date}"`);
  }
}

/** Throws a RangeError unless the runtime knows `timeZone` as an IANA zone. */
export function assertTimeZone(timeZone: string): void {
  try {
    formatterFor(timeZone);
  } catch {
    throw new RangeError(`Unknown time zone "${timeZone}"; use an IANA name such as ${DEFAULT_TIME_ZONE}`);
  }
}

/**
 * Epoch milliseconds of `hour`:00 local time on `date` in `timeZone`. The
 * zone's offset is read at a first guess and read again at the result, which
 * settles any offset change between the two (opening hours are never inside a
 * daylight-saving gap).
 */
export function localTimeToEpochMs(date: string, hour: number, timeZone: string): number {
  assertCalendarDate(date);
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const formatter = formatterFor(timeZone);
  const asIfUtc = Date.UTC(year, month - 1, day, hour);
  const firstOffset = offsetMs(formatter, asIfUtc);
  const secondOffset = offsetMs(formatter, asIfUtc - firstOffset);
  return asIfUtc - secondOffset;
}

/**
 * Turns (minute of the day, second within it) into timestamp text. The
 * minute prefixes are built once, so each tap costs one concatenation.
 */
export class DayClock {
  /** Epoch milliseconds of opening. */
  readonly openingMs: number;
  private readonly minutePrefixes: string[];
  private readonly aligned: boolean;

  constructor(date: string, timeZone: string) {
    this.openingMs = localTimeToEpochMs(date, OPENING_HOUR, timeZone);
    // Modern zone offsets are whole minutes; historical ones (local mean time) may not be.
    this.aligned = this.openingMs % 60_000 === 0;
    this.minutePrefixes = [];
    for (let minute = 0; minute <= OPENING_MINUTES; minute++) {
      this.minutePrefixes.push(new Date(this.openingMs + minute * 60_000).toISOString().slice(0, 17));
    }
  }

  /** The ISO-8601 UTC text of `second` (0-59) into `minute` (0 = opening, 720 = closing). */
  timestamp(minute: number, second: number): string {
    if (!this.aligned) return new Date(this.openingMs + minute * 60_000 + second * 1000).toISOString();
    return this.minutePrefixes[minute] + SECOND_SUFFIXES[second]!;
  }
}

const SECOND_SUFFIXES: readonly string[] = Array.from({ length: 60 }, (_, s) => `${pad2(s)}.000Z`);

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function wallClockParts(formatter: Intl.DateTimeFormat, epochMs: number): WallClock {
  const wall: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatter.formatToParts(epochMs)) {
    if (part.type in wall) wall[part.type as keyof WallClock] = Number(part.value);
  }
  return wall;
}

/** How far the zone's wall clock is ahead of UTC at `epochMs`. */
function offsetMs(formatter: Intl.DateTimeFormat, epochMs: number): number {
  const wall = wallClockParts(formatter, epochMs);
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return wallAsUtc - (epochMs - (((epochMs % 1000) + 1000) % 1000));
}
