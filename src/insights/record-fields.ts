/**
 * The dozen fields the analysis reads from a record, and two ways to get
 * them from a JSON line.
 *
 * JSON.parse builds every object and string of a record (names included) to
 * read eleven values; on a full day that was most of the pass's time. The
 * simulator writes every record with the same keys in the same order and no
 * spaces (json-line.ts), so RecordTemplate checks a line against that shape
 * in one walk over its bytes and reads the values from their places. A line
 * of any other shape (other key order, spaces, escapes, non-ASCII text) is
 * left to JSON.parse, so the two ways always agree on what a line says; the
 * tests hold them to it.
 */

export interface RecordFields {
  eventId: string | undefined;
  event: string | undefined;
  rideId: string | undefined;
  rating: number | undefined;
  /** Epoch milliseconds of `timestamp`, NaN when it is missing or not a date Date.parse reads. */
  timestampMs: number;
  age: number | undefined;
  /** Epoch milliseconds of `visitor.arrivalTime`, NaN likewise. */
  arrivalMs: number;
  birthdayMonth: number | undefined;
  birthdayDay: number | undefined;
  latitude: number | undefined;
  longitude: number | undefined;
}

export function emptyFields(): RecordFields {
  return {
    eventId: undefined,
    event: undefined,
    rideId: undefined,
    rating: undefined,
    timestampMs: Number.NaN,
    age: undefined,
    arrivalMs: Number.NaN,
    birthdayMonth: undefined,
    birthdayDay: undefined,
    latitude: undefined,
    longitude: undefined,
  };
}

/**
 * The fields of a parsed record into `into`, each kept only when it has the
 * type the analysis reads. Returns false when `value` is not an object.
 */
export function fieldsOfValue(value: unknown, into: RecordFields): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  const visitor = objectOrEmpty(record.visitor);
  const birthday = objectOrEmpty(visitor.birthday);
  const home = objectOrEmpty(visitor.home);
  into.eventId = stringOrUndefined(record.eventId);
  into.event = stringOrUndefined(record.event);
  into.rideId = stringOrUndefined(record.rideId);
  into.rating = numberOrUndefined(record.rating);
  into.timestampMs = typeof record.timestamp === 'string' ? Date.parse(record.timestamp) : Number.NaN;
  into.age = numberOrUndefined(visitor.age);
  into.arrivalMs = typeof visitor.arrivalTime === 'string' ? Date.parse(visitor.arrivalTime) : Number.NaN;
  into.birthdayMonth = numberOrUndefined(birthday.month);
  into.birthdayDay = numberOrUndefined(birthday.day);
  into.latitude = numberOrUndefined(home.latitude);
  into.longitude = numberOrUndefined(home.longitude);
  return true;
}

function objectOrEmpty(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

// ---------------------------------------------------------------------------
// The template: literal pieces of the simulator's line, and typed holes
// between them. A hole's value goes to a field, or is only checked.

const Hole = {
  /** A string of printable ASCII without escapes. */
  Text: 0,
  /** A string as Text, or null. */
  TextOrNull: 1,
  /** A JSON number. */
  Number: 2,
  /** A JSON number, or null. */
  NumberOrNull: 3,
} as const;
type Hole = (typeof Hole)[keyof typeof Hole];

type StringField = 'eventId' | 'event' | 'rideId';
/** Text holes: kept as strings, or read as dates into milliseconds. */
type TextField = StringField | 'arrivalMs' | 'timestampMs';
type NumberField = 'rating' | 'age' | 'birthdayMonth' | 'birthdayDay' | 'latitude' | 'longitude';

interface Step {
  literal: Buffer;
  hole: Hole | undefined;
  field: TextField | NumberField | undefined;
}

const step = (literal: string, hole?: Hole, field?: TextField | NumberField): Step => ({
  literal: Buffer.from(literal, 'latin1'),
  hole,
  field,
});

/** toJsonLine's record, piece by piece. */
const TEMPLATE: readonly Step[] = [
  step('{"eventId":', Hole.Text, 'eventId'),
  step(',"event":', Hole.Text, 'event'),
  step(',"rideId":', Hole.TextOrNull, 'rideId'),
  step(',"rating":', Hole.NumberOrNull, 'rating'),
  step(',"timestamp":', Hole.Text, 'timestampMs'),
  step(',"visitorId":', Hole.Number),
  step(',"visitor":{"id":', Hole.Number),
  step(',"firstName":', Hole.Text),
  step(',"lastName":', Hole.Text),
  step(',"age":', Hole.Number, 'age'),
  step(',"birthday":{"month":', Hole.Number, 'birthdayMonth'),
  step(',"day":', Hole.Number, 'birthdayDay'),
  step('},"home":{"latitude":', Hole.Number, 'latitude'),
  step(',"longitude":', Hole.Number, 'longitude'),
  step('},"arrivalTime":', Hole.Text, 'arrivalMs'),
  step(',"totalRides":', Hole.Number),
  step('}}'),
];

const FAIL = -1;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const COLON = 0x3a;
const ZERO = 0x30;
const NINE = 0x39;
const NULL = Buffer.from('null', 'latin1');
/** Powers of ten that are exact doubles: m / 10^k is then correctly rounded, as JSON.parse rounds. */
const EXACT_POWERS = Array.from({ length: 23 }, (_, k) => 10 ** k);

export class RecordTemplate {
  private line: Buffer = Buffer.alloc(0);
  /** Where the last Text hole's characters start and end, or -1 for null. */
  private textStart = 0;
  private textEnd = 0;
  private numberValue = 0;
  /** Event kinds and ride ids, made into strings once each. */
  private readonly interned = new Map<number, string[]>();

  /** True when the line has the simulator's shape and its fields are in `into`; false when JSON.parse must read it. */
  match(line: Buffer, into: RecordFields): boolean {
    this.line = line;
    let i = 0;
    for (const { literal, hole, field } of TEMPLATE) {
      if (!this.literalAt(literal, i)) return false;
      i += literal.length;
      if (hole === undefined) continue;
      i =
        hole === Hole.Text || hole === Hole.TextOrNull
          ? this.text(i, hole === Hole.TextOrNull)
          : this.number(i, hole === Hole.NumberOrNull);
      if (i === FAIL) return false;
      if (field !== undefined) this.store(field, into);
    }
    return i === line.length;
  }

  /** Direct stores, field by field: a store through a computed key is several times slower here. */
  private store(field: TextField | NumberField, into: RecordFields): void {
    const none = this.textStart < 0;
    switch (field) {
      case 'eventId':
        into.eventId = none ? undefined : this.line.toString('latin1', this.textStart, this.textEnd);
        break;
      case 'event':
        into.event = none ? undefined : this.internedText();
        break;
      case 'rideId':
        into.rideId = none ? undefined : this.internedText();
        break;
      case 'timestampMs':
        into.timestampMs = none ? Number.NaN : this.dateMs();
        break;
      case 'arrivalMs':
        into.arrivalMs = none ? Number.NaN : this.dateMs();
        break;
      case 'rating':
        into.rating = none ? undefined : this.numberValue;
        break;
      case 'age':
        into.age = none ? undefined : this.numberValue;
        break;
      case 'birthdayMonth':
        into.birthdayMonth = none ? undefined : this.numberValue;
        break;
      case 'birthdayDay':
        into.birthdayDay = none ? undefined : this.numberValue;
        break;
      case 'latitude':
        into.latitude = none ? undefined : this.numberValue;
        break;
      case 'longitude':
        into.longitude = none ? undefined : this.numberValue;
        break;
    }
  }

  private literalAt(literal: Buffer, i: number): boolean {
    const line = this.line;
    if (i + literal.length > line.length) return false;
    for (let k = 0; k < literal.length; k++) if (line[i + k] !== literal[k]) return false;
    return true;
  }

  /** A string of printable ASCII without escapes (or null, when allowed). */
  private text(i: number, nullable: boolean): number {
    const line = this.line;
    if (nullable && line[i] === 0x6e) {
      this.textStart = -1;
      return this.literalAt(NULL, i) ? i + NULL.length : FAIL;
    }
    if (line[i] !== QUOTE) return FAIL;
    const start = i + 1;
    for (i = start; i < line.length; i++) {
      const c = line[i]!;
      if (c === QUOTE) {
        this.textStart = start;
        this.textEnd = i;
        return i + 1;
      }
      if (c === BACKSLASH || c < 0x20 || c >= 0x7f) return FAIL;
    }
    return FAIL;
  }

  /** -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, or null when allowed; its value in numberValue. */
  private number(i: number, nullable: boolean): number {
    const line = this.line;
    if (nullable && line[i] === 0x6e) {
      this.textStart = -1;
      return this.literalAt(NULL, i) ? i + NULL.length : FAIL;
    }
    this.textStart = i;
    const start = i;
    const negative = line[i] === MINUS;
    if (negative) i++;
    let mantissa = 0;
    let digits = 0;
    if (line[i] === ZERO) {
      i++;
      digits = 1;
    } else {
      for (; isDigit(line[i]); i++, digits++) mantissa = mantissa * 10 + line[i]! - ZERO;
      if (digits === 0) return FAIL;
    }
    let fraction = 0;
    if (line[i] === DOT) {
      for (i++; isDigit(line[i]); i++, fraction++) mantissa = mantissa * 10 + line[i]! - ZERO;
      if (fraction === 0) return FAIL;
    }
    let exponent = false;
    if (line[i] === 0x65 || line[i] === 0x45) {
      exponent = true;
      i++;
      if (line[i] === PLUS || line[i] === MINUS) i++;
      if (!isDigit(line[i])) return FAIL;
      while (isDigit(line[i])) i++;
    }
    const exact = !exponent && digits + fraction <= 15;
    const magnitude = exact
      ? mantissa / EXACT_POWERS[fraction]!
      : Number(line.toString('latin1', negative ? start + 1 : start, i));
    this.numberValue = negative ? -magnitude : magnitude;
    return i;
  }

  /**
   * The last Text hole as Date.parse reads it. The simulator's form,
   * 2024-05-01T12:00:37.000Z, is read digit by digit (a day past the month's
   * end rolls over into the next, as Date.parse does); anything else, or a
   * field out of the ranges where the two agree, goes to Date.parse.
   */
  private dateMs(): number {
    const line = this.line;
    const s = this.textStart;
    if (
      this.textEnd - s === 24 &&
      line[s + 4] === MINUS &&
      line[s + 7] === MINUS &&
      line[s + 10] === 0x54 &&
      line[s + 13] === COLON &&
      line[s + 16] === COLON &&
      line[s + 19] === DOT &&
      line[s + 23] === 0x5a
    ) {
      const second = this.digits(s + 17, 2);
      const ms = this.digits(s + 20, 3);
      if (second >= 0 && second <= 59 && ms >= 0) {
        const minuteMs = this.minuteMs(s);
        if (!Number.isNaN(minuteMs)) return minuteMs + second * 1000 + ms;
      }
    }
    return Date.parse(line.toString('latin1', s, this.textEnd));
  }

  /** Epoch milliseconds of the minute "YYYY-MM-DDTHH:MM" at `s`, or NaN when a field is out of range. */
  private minuteMs(s: number): number {
    const year = this.digits(s, 4);
    const month = this.digits(s + 5, 2);
    const day = this.digits(s + 8, 2);
    const hour = this.digits(s + 11, 2);
    const minute = this.digits(s + 14, 2);
    const inRange =
      year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour >= 0 && hour <= 23;
    if (!inRange || minute < 0 || minute > 59) return Number.NaN;
    return daysSinceEpoch(year, month, day) * DAY_MS + hour * HOUR_MS + minute * MINUTE_MS;
  }

  /** The number written by `count` digits at `at`, or -1 when one is not a digit. */
  private digits(at: number, count: number): number {
    let value = 0;
    for (let k = at; k < at + count; k++) {
      const digit = this.line[k]! - ZERO;
      if (digit < 0 || digit > 9) return -1;
      value = value * 10 + digit;
    }
    return value;
  }

  /** The last Text hole as a string, made once per distinct value: a day has three kinds and sixteen rides. */
  private internedText(): string {
    const line = this.line;
    const key = (this.textEnd - this.textStart) * 256 + (line[this.textEnd - 1] ?? 0);
    let candidates = this.interned.get(key);
    if (candidates) {
      for (const text of candidates) if (this.sameText(text)) return text;
    } else {
      candidates = [];
      this.interned.set(key, candidates);
    }
    const text = line.toString('latin1', this.textStart, this.textEnd);
    // A cap keeps a bucket of ever-new ids from growing this without bound.
    if (candidates.length < 8) candidates.push(text);
    return text;
  }

  private sameText(text: string): boolean {
    const line = this.line;
    for (let k = 0; k < text.length; k++) if (line[this.textStart + k] !== text.charCodeAt(k)) return false;
    return true;
  }
}

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * Days from 1970-01-01 to a date of the proleptic Gregorian calendar, by
 * counting in eras of 400 years from a year that starts in March (so the
 * leap day ends the year). Linear in `day`, so day 30 of February is 1 March.
 */
function daysSinceEpoch(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= ZERO && c <= NINE;
}
