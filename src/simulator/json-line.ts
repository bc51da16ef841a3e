/**
 * One event as one line of JSON, newline-terminated, for Firehose (which adds
 * no delimiter between records, so the newline is what keeps S3 objects
 * readable as JSON lines). Key order: eventId, event, rideId, rating,
 * timestamp, visitorId, visitor { id, firstName, lastName, age, birthday,
 * home, arrivalTime, totalRides }.
 *
 * This runs once per record (about 460,000 a day). Events from simulateDay
 * are frozen, their strings need no escaping and their coordinates have six
 * decimals, so they take a fast path joined from prebuilt pieces, with
 * numbers written from lookup tables (see decimal.ts). Anything else goes
 * through JSON.stringify. Both give the same text; the tests hold them to it.
 */
import { SimulatedEvent } from './event.js';
import { decimal, sixDecimals } from './decimal.js';
import { RIDE_COUNT, RIDE_IDS, RIDE_NUMBERS } from './model.js';
import type { ParkEvent } from './types.js';

export function toJsonLine(event: ParkEvent): string {
  if (!SimulatedEvent.isSimulated(event)) return JSON.stringify(inRecordOrder(event)) + '\n';

  const visitor = event.visitor;
  const middle =
    event.rideId === null
      ? event.event === 'Entry'
        ? ENTRY_MIDDLE
        : EXIT_MIDDLE
      : RIDE_MIDDLES[RIDE_NUMBERS.get(event.rideId)! * 6 + event.rating!]!;
  return (
    '{"eventId":"' +
    event.eventId +
    middle +
    event.timestamp +
    '","visitorId":' +
    decimal(visitor.id) +
    ',"visitor":{"id":' +
    decimal(visitor.id) +
    ',"firstName":"' +
    visitor.firstName +
    '","lastName":"' +
    visitor.lastName +
    '","age":' +
    decimal(visitor.age) +
    ',"birthday":{"month":' +
    decimal(visitor.birthday.month) +
    ',"day":' +
    decimal(visitor.birthday.day) +
    '},"home":{"latitude":' +
    sixDecimals(visitor.home.latitude) +
    ',"longitude":' +
    sixDecimals(visitor.home.longitude) +
    '},"arrivalTime":"' +
    visitor.arrivalTime +
    '","totalRides":' +
    decimal(visitor.totalRides) +
    '}}\n'
  );
}

/**
 * Writes the bytes of toJsonLine(event) into `target` at `offset` and returns
 * the offset after them, for a sender filling one batch buffer instead of
 * allocating a Buffer per record. Throws a RangeError, writing nothing, when
 * the line does not fit.
 */
export function writeJsonLine(event: ParkEvent, target: Uint8Array, offset: number): number {
  const line = toJsonLine(event);
  // Lines from simulateDay are ASCII: latin1 copies one byte per character, without an encoder.
  const encoding = SimulatedEvent.isSimulated(event) ? 'latin1' : 'utf8';
  const bytes = Buffer.byteLength(line, encoding);
  if (!(offset >= 0) || offset + bytes > target.length) {
    throw new RangeError(`A JSON line of ${bytes} bytes does not fit at offset ${offset} of ${target.length}`);
  }
  bufferOver(target).write(line, offset, encoding);
  return offset + bytes;
}

/** A Buffer over the same memory, remembered for the last target so a batch loop allocates none. */
function bufferOver(target: Uint8Array): Buffer {
  if (Buffer.isBuffer(target)) return target;
  if (lastTarget !== target) {
    lastTarget = target;
    lastView = Buffer.from(target.buffer, target.byteOffset, target.byteLength);
  }
  return lastView!;
}
let lastTarget: Uint8Array | undefined;
let lastView: Buffer | undefined;

const ENTRY_MIDDLE = '","event":"Entry","rideId":null,"rating":null,"timestamp":"';
const EXIT_MIDDLE = '","event":"Exit","rideId":null,"rating":null,"timestamp":"';
/** Indexed by ride number x 6 + rating (1-5). */
const RIDE_MIDDLES: readonly string[] = Array.from({ length: (RIDE_COUNT + 1) * 6 }, (_, k) => {
  const [ride, rating] = [Math.floor(k / 6), k % 6];
  return `","event":"Ride","rideId":"${RIDE_IDS[ride]}","rating":${rating},"timestamp":"`;
});

function inRecordOrder(event: ParkEvent): object {
  const v = event.visitor;
  return {
    eventId: event.eventId,
    event: event.event,
    rideId: event.rideId,
    rating: event.rating,
    timestamp: event.timestamp,
    visitorId: event.visitorId,
    visitor: {
      id: v.id,
      firstName: v.firstName,
      lastName: v.lastName,
      age: v.age,
      birthday: { month: v.birthday.month, day: v.birthday.day },
      home: { latitude: v.home.latitude, longitude: v.home.longitude },
      arrivalTime: v.arrivalTime,
      totalRides: v.totalRides,
    },
  };
}
