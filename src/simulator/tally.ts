/**
 * Running totals over a day's events: what a send shows as progress and what
 * tests and the benchmark compare with the measured shape of a day.
 */
import { OPENING_MINUTES, RIDE_COUNT, RIDE_IDS, RIDE_NUMBERS } from './model.js';
import type { ParkEvent } from './types.js';

export interface RideSummary {
  rides: number;
  /** Mean of the ratings given, 0 when nobody rode. */
  averageRating: number;
}

export interface DaySummary {
  records: number;
  /** Distinct visitors: one Entry each. */
  visitors: number;
  entries: number;
  rides: number;
  exits: number;
  /** How many rides were rated 1, 2, 3, 4 and 5 (index 0 is rating 1). */
  ratings: [number, number, number, number, number];
  /** By ride id, `ride-001` ... `ride-016`. */
  byRide: Record<string, RideSummary>;
  /** Entries in each minute since opening (720 entries, 07:00 first). */
  arrivalsPerMinute: number[];
  /** Most visitors inside at once (counted at the end of each minute). */
  peakInside: number;
  firstTimestamp: string | null;
  lastTimestamp: string | null;
}

export class DayTally {
  private records = 0;
  private entries = 0;
  private rides = 0;
  private exits = 0;
  private inside = 0;
  private peakInside = 0;
  private lastMinute = 0;
  private firstTimestamp: string | null = null;
  private lastTimestamp: string | null = null;
  private readonly ratings = new Float64Array(6);
  private readonly ridesByNumber = new Float64Array(RIDE_COUNT + 1);
  private readonly ratingSumByNumber = new Float64Array(RIDE_COUNT + 1);
  private readonly arrivals = new Float64Array(OPENING_MINUTES);

  add(event: ParkEvent): void {
    if (event.minute !== this.lastMinute) {
      this.peakInside = Math.max(this.peakInside, this.inside);
      this.lastMinute = event.minute;
    }
    this.records++;
    this.firstTimestamp ??= event.timestamp;
    this.lastTimestamp = event.timestamp;

    if (event.event === 'Entry') {
      this.entries++;
      this.inside++;
      if (event.minute < OPENING_MINUTES) this.arrivals[event.minute]!++;
    } else if (event.event === 'Exit') {
      this.exits++;
      this.inside--;
    } else {
      this.rides++;
      const rideNumber = RIDE_NUMBERS.get(event.rideId ?? '') ?? 0;
      const rating = event.rating ?? 0;
      if (rating >= 1 && rating <= 5) this.ratings[rating]!++;
      if (rideNumber >= 1 && rideNumber <= RIDE_COUNT) {
        this.ridesByNumber[rideNumber]!++;
        this.ratingSumByNumber[rideNumber]! += rating;
      }
    }
  }

  summary(): DaySummary {
    const byRide: Record<string, RideSummary> = {};
    for (let n = 1; n <= RIDE_COUNT; n++) {
      const rides = this.ridesByNumber[n]!;
      byRide[RIDE_IDS[n]!] = { rides, averageRating: rides > 0 ? this.ratingSumByNumber[n]! / rides : 0 };
    }
    return {
      records: this.records,
      visitors: this.entries,
      entries: this.entries,
      rides: this.rides,
      exits: this.exits,
      ratings: [this.ratings[1]!, this.ratings[2]!, this.ratings[3]!, this.ratings[4]!, this.ratings[5]!],
      byRide,
      arrivalsPerMinute: Array.from(this.arrivals),
      peakInside: Math.max(this.peakInside, this.inside),
      firstTimestamp: this.firstTimestamp,
      lastTimestamp: this.lastTimestamp,
    };
  }
}

export function summarizeDay(events: Iterable<ParkEvent>): DaySummary {
  const tally = new DayTally();
  for (const event of events) tally.add(event);
  return tally.summary();
}
