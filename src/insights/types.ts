/**
 * Every figure of the module's five QuickSight visuals and three advanced
 * challenges, as one plain JSON value: what `insights --json` prints for an
 * instructor's answer key, and what the renderers draw from.
 *
 * Times of day are the park's local clock as "HH:MM"; per-minute arrays
 * start at opening (07:00) and have one entry per minute the park is open.
 */

export interface Insights {
  source: SourceFigures;
  totals: Totals;
  /** Visual 1: Exit events, average minutesInPark by age. */
  stayByAge: StayByAge[];
  /** Visual 2: Entry events, home locations. */
  homes: HomeFigures;
  /** Visual 3: Entry events, arrivals per minute by age. */
  arrivals: ArrivalFigures;
  /** Visual 4: Ride events, riders and average rating per ride, most ridden first. */
  rides: RideFigures[];
  /** Challenge 1. */
  birthdays: BirthdayFigures;
  /** Challenge 2. */
  staffing: StaffingFigures;
  /** Challenge 3. */
  ridePerformance: RidePerformance;
}

export interface SourceFigures {
  /** Non-empty lines read: what a QuickSight ingestion counts as rows (ingested plus dropped). */
  lines: number;
  /** Distinct records counted in the figures: each event id once. */
  records: number;
  /** Extra copies of a record already counted (Firehose delivers at least once). */
  duplicates: number;
  /** Lines that are not a JSON object with a known `event` and a readable `timestamp`. */
  unreadable: number;
  /** Records without an event id, counted as they come (they cannot be told apart from copies). */
  withoutEventId: number;
  /** Entry and Ride records whose local time falls outside opening hours: in the totals, not in per-minute figures. */
  outsideOpeningHours: number;
  /** Run tags of the event ids found (one per simulated day and plan). */
  runTags: string[];
  /** Local dates that had arrivals. More than one means the figures combine several days. */
  days: string[];
  /** The park's IANA time zone every local time is read in. */
  timeZone: string;
  /** How minutesInPark is computed, in words. */
  minutesInParkRule: string;
}

export interface Totals {
  /** Distinct records. */
  records: number;
  /** Entry records: one per visitor. */
  visitors: number;
  /** Ride records: visual 5, the KPI "How many total rides today". */
  rides: number;
  exits: number;
}

export interface StayByAge {
  age: number;
  /** Exit records of visitors of this age. */
  exits: number;
  averageMinutes: number;
}

export interface HomeFigures {
  /** Entries with a readable home location. */
  visitors: number;
  /** Size of a cell in degrees of latitude and longitude. */
  cellDegrees: number;
  /** Non-empty cells as [south latitude, west longitude, visitors], by latitude then longitude. */
  cells: Array<[number, number, number]>;
}

export interface ArrivalFigures {
  /** "07:00": the time of the first entry of each array. */
  firstMinute: string;
  /** Arrivals in each minute of the opening hours, all ages. */
  perMinute: number[];
  /** The same by age, keyed by the age as text ("15", "20", ...). */
  perMinuteByAge: Record<string, number[]>;
}

export interface RideFigures {
  rideId: string;
  /** Ride records of this ride: the tree map's size. */
  riders: number;
  /** Mean of the ratings given, null when nobody rated it: the tree map's colour. */
  averageRating: number | null;
}

export interface BirthdayFigures {
  /** Visitors whose birthday (month and day) is the local date of their arrival. */
  visitors: number;
  ticketPrice: number;
  /** visitors x ticketPrice, in dollars. */
  cost: number;
  /** By local date, when the data holds several days. */
  byDay: Array<{ date: string; visitors: number }>;
}

export interface StaffingFigures {
  turnstiles: number;
  wristbandsPerTurnstilePerMinute: number;
  turnstilesPerStaffMember: number;
  /** Turnstiles needed in each minute: ceil(arrivals / wristbands per turnstile per minute). */
  turnstilesPerMinute: number[];
  /** Staff needed in each minute: ceil(turnstiles / turnstiles per staff member). */
  staffPerMinute: number[];
  byHour: HourStaffing[];
  /** The busiest minute of the day. */
  peak: { minute: string; arrivals: number; turnstiles: number; staff: number };
  /** Whether the park's turnstiles cover the busiest minute. */
  enoughTurnstiles: boolean;
  lunch: LunchAdvice;
  capacity: CapacityFigures;
}

export interface HourStaffing {
  /** "07:00" */
  hour: string;
  arrivals: number;
  averageArrivalsPerMinute: number;
  peakArrivalsPerMinute: number;
  /** Needed at the hour's busiest minute: staffing must cover the peak, not the average. */
  turnstiles: number;
  staff: number;
}

export interface LunchAdvice {
  /** "13:00": the start of the best one-hour lunch. */
  hour: string;
  /** The rule that chose it, in words. */
  rule: string;
  candidates: Array<{ hour: string; arrivals: number; staff: number }>;
}

export interface CapacityFigures {
  /** Most visitors inside at the end of any minute. */
  peakInside: number;
  /** First minute at which the park was (within 2 %) as full as it ever got, or null. */
  fullAt: string | null;
  arrivalsPerMinuteBeforeFull: number;
  arrivalsPerMinuteAfterFull: number | null;
  /** Why arrivals fall after the first hours, from the figures above. */
  explanation: string;
}

export interface RidePerformance {
  /** The three rides with the fewest riders, fewest first. */
  leastPopular: RideFigures[];
  /** Ratings by the module's age brackets (upper bound inclusive). */
  ratingByAgeGroup: AgeGroupRating[];
  /** Average rating of each ride in each age group (null where nobody rated). */
  ratingByRideAndAgeGroup: Array<{ rideId: string; byGroup: Record<string, number | null> }>;
  /** Ratings in each hour of the day. */
  ratingByHour: Array<{ hour: string; ratings: number; averageRating: number | null }>;
  /** How many rides were rated 1, 2, 3, 4 and 5. */
  ratingCounts: [number, number, number, number, number];
  /** Average rating in the first and the last hour with rides, and the change between them. */
  trend: { firstHour: number | null; lastHour: number | null; change: number | null };
}

export interface AgeGroupRating {
  /** "19-25" */
  group: string;
  /** Ages found in the data that fall in the group. */
  ages: number[];
  ratings: number;
  averageRating: number | null;
}
