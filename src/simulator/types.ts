/** The records the park sends, and the options that choose which day is simulated. */

export type EventType = 'Entry' | 'Ride' | 'Exit';

export interface Birthday {
  /** 1-12 */
  month: number;
  /** 1-31, valid for the month; never 29 February. */
  day: number;
}

export interface HomeLocation {
  latitude: number;
  longitude: number;
}

/** The visitor as their wristband reports them at the moment of a tap. */
export interface VisitorRecord {
  id: number;
  firstName: string;
  lastName: string;
  age: number;
  birthday: Readonly<Birthday>;
  home: Readonly<HomeLocation>;
  /** The timestamp of their Entry tap. */
  arrivalTime: string;
  /**
   * Rides so far, counting the ride being tapped (as the original did: it
   * counted the ride before sending it). 0 on Entry; on Exit, the day's total.
   */
  totalRides: number;
}

/** One wristband tap. Serialized by toJsonLine with the fields below except `sequence` and `minute`. */
export interface ParkEvent {
  /** Position in the day's time-ordered stream, from 0; what "skip the first N records" counts. */
  sequence: number;
  /** Minutes since opening: 0-719 while open, 720 for the exits at closing. */
  minute: number;
  /** Unique within the day and the same on every run of the same plan: `<run tag>-<sequence>`. */
  eventId: string;
  event: EventType;
  /** `ride-001` ... `ride-016` on Ride events, otherwise null. */
  rideId: string | null;
  /** 1-5 on Ride events, otherwise null. */
  rating: number | null;
  /** ISO-8601 in UTC with milliseconds, e.g. `2024-05-01T12:00:37.000Z`. */
  timestamp: string;
  visitorId: number;
  visitor: VisitorRecord;
}

export interface DayOptions {
  /**
   * Share of the full crowd: scales both the arrival attempts per minute and
   * the park's 30,000 capacity, so the day keeps its shape.
   * @default 1 (about 65,000 visitors and 430,000 records)
   */
  scale?: number;
  /** @default DEFAULT_SEED */
  seed?: number;
  /**
   * The simulated calendar day, YYYY-MM-DD, in the park's time zone.
   * @default today there, by the machine's clock
   */
  date?: string;
  /** IANA time zone the park keeps; opening is 07:00 there. @default DEFAULT_TIME_ZONE (America/Chicago) */
  timeZone?: string;
}

/**
 * A fully resolved day: what a resumable run must save, because the same
 * plan always gives the same records (with the same faker name lists).
 */
export interface DayPlan {
  scale: number;
  seed: number;
  date: string;
  timeZone: string;
}
