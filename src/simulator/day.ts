/**
 * One day at the park as a stream of taps in time order: the park's model
 * (park.ts) runs a minute, and that minute's taps come out sorted by the
 * second each happened at, as frozen events.
 */
import { DayClock } from './clock.js';
import { decimal } from './decimal.js';
import { SimulatedEvent } from './event.js';
import { RIDE } from './minute-lists.js';
import { AGES, RIDE_IDS } from './model.js';
import { FIRST_NAMES, LAST_NAMES } from './names.js';
import { CLOSING_MINUTE, Park } from './park.js';
import { resolveDayPlan, runTag } from './plan.js';
import type { DayOptions, EventType, ParkEvent } from './types.js';

export interface SimulateOptions extends DayOptions {
  /**
   * Skip the first `skip` records: they are simulated (the model must
   * consume the same draws) but never built, so resuming is cheap.
   * @default 0
   */
  skip?: number;
}

const EVENT_NAMES: readonly EventType[] = ['Entry', 'Ride', 'Exit'];

/**
 * Streams the day's events in time order. Returns the number of records in
 * the whole day (including skipped ones), so `countDayRecords` can size a
 * progress bar without building any.
 */
export function* simulateDay(options: SimulateOptions = {}): Generator<ParkEvent, number, undefined> {
  const plan = resolveDayPlan(options);
  const skip = options.skip ?? 0;
  if (!(skip >= 0)) throw new RangeError(`skip must be a non-negative number, got ${skip}`);

  const idPrefix = `${runTag(plan)}-`;
  const clock = new DayClock(plan.date, plan.timeZone);
  const park = new Park(plan.seed, plan.scale);
  const crowd = park.crowd;
  let sequence = 0;

  for (let minute = 0; minute <= CLOSING_MINUTE; minute++) {
    const taps = park.simulateMinute(minute);
    const order = taps.inTimeOrder();
    for (let k = 0; k < order.length; k++, sequence++) {
      if (sequence < skip) continue;
      const tap = taps.indexOf(order[k]!);
      const visitor = taps.visitor[tap]!;
      const isRide = taps.kind[tap] === RIDE;
      yield new SimulatedEvent(
        sequence,
        minute,
        idPrefix + decimal(sequence),
        EVENT_NAMES[taps.kind[tap]!]!,
        isRide ? RIDE_IDS[taps.ride[tap]!]! : null,
        isRide ? taps.rating[tap]! : null,
        clock.timestamp(minute, taps.second[tap]!),
        {
          id: visitor + 1,
          firstName: FIRST_NAMES[crowd.firstName[visitor]!]!,
          lastName: LAST_NAMES[crowd.lastName[visitor]!]!,
          age: AGES[crowd.ageIndex[visitor]!]!,
          birthday: { month: crowd.birthMonth[visitor]!, day: crowd.birthDay[visitor]! },
          home: {
            latitude: crowd.latitudeMicros[visitor]! / 1e6,
            longitude: crowd.longitudeMicros[visitor]! / 1e6,
          },
          arrivalTime: clock.timestamp(crowd.arrivalMinute[visitor]!, crowd.arrivalSecond[visitor]!),
          totalRides: taps.totalRides[tap]!,
        },
      );
    }
  }
  return sequence;
}

/** How many records the day of `options` has, by running the model without building any. */
export function countDayRecords(options: DayOptions = {}): number {
  const day = simulateDay({ ...options, skip: Number.POSITIVE_INFINITY });
  for (;;) {
    const step = day.next();
    if (step.done) return step.value;
  }
}
