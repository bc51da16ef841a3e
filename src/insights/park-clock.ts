/**
 * The park's wall clock for instants read from records. Timestamps are
 * written in UTC; arrivals per minute, hours of the day and "the simulated
 * day" are read on the park's clock, so each instant needs the zone's UTC
 * offset. Asking Intl for it costs microseconds, so offsets are remembered
 * per quarter hour of UTC (every zone's offsets and changes fall on quarter
 * hours), which a day's records reuse a few hundred thousand times.
 */
import { OPENING_HOUR, OPENING_MINUTES } from '../simulator/index.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const SLOT_MS = 15 * MINUTE_MS;
const MINUTES_PER_DAY = 1440;
const OPENING_MINUTE_OF_DAY = OPENING_HOUR * 60;

export interface LocalDate {
  /** YYYY-MM-DD */
  text: string;
  month: number;
  day: number;
}

export class ParkClock {
  private readonly formatter: Intl.DateTimeFormat;
  private lastSlot = Number.NaN;
  private lastOffset = 0;
  private readonly offsets = new Map<number, number>();
  private readonly dates = new Map<number, LocalDate>();

  constructor(readonly timeZone: string) {
    // Throws a RangeError for an unknown zone, before any record is read.
    this.formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
  }

  /** Epoch milliseconds as if the park's wall clock were UTC. */
  localMs(epochMs: number): number {
    const slot = Math.floor(epochMs / SLOT_MS);
    if (slot !== this.lastSlot) {
      let offset = this.offsets.get(slot);
      if (offset === undefined) {
        offset = this.offsetAt(slot * SLOT_MS);
        this.offsets.set(slot, offset);
      }
      this.lastSlot = slot;
      this.lastOffset = offset;
    }
    return epochMs + this.lastOffset;
  }

  /**
   * Minutes since opening (07:00) on the park's clock, whatever the date:
   * 0-719 while open, otherwise outside that range.
   */
  minuteSinceOpening(epochMs: number): number {
    const minuteOfDay =
      ((Math.floor(this.localMs(epochMs) / MINUTE_MS) % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
    return minuteOfDay - OPENING_MINUTE_OF_DAY;
  }

  /** The park's calendar date at `epochMs`. */
  localDate(epochMs: number): LocalDate {
    const dayNumber = Math.floor(this.localMs(epochMs) / DAY_MS);
    let date = this.dates.get(dayNumber);
    if (!date) {
      const midnight = new Date(dayNumber * DAY_MS);
      date = {
        text: midnight.toISOString().slice(0, 10),
        month: midnight.getUTCMonth() + 1,
        day: midnight.getUTCDate(),
      };
      this.dates.set(dayNumber, date);
    }
    return date;
  }

  private offsetAt(epochMs: number): number {
    const wall: Record<string, number> = {};
    for (const part of this.formatter.formatToParts(epochMs)) wall[part.type] = Number(part.value);
    const wallAsUtc = Date.UTC(wall.year!, wall.month! - 1, wall.day!, wall.hour!, wall.minute!);
    return wallAsUtc - Math.floor(epochMs / MINUTE_MS) * MINUTE_MS;
  }
}

/** "07:00" for minute 0 since opening; minutes past midnight wrap. */
export function clockLabel(minuteSinceOpening: number): string {
  const minuteOfDay =
    (((OPENING_MINUTE_OF_DAY + minuteSinceOpening) % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return `${pad2(Math.floor(minuteOfDay / 60))}:${pad2(minuteOfDay % 60)}`;
}

export const OPEN_MINUTES = OPENING_MINUTES;
export const OPEN_HOURS = OPENING_MINUTES / 60;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
