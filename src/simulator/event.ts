/**
 * The events simulateDay yields: frozen all the way down, and branded
 * so the serializer can tell them from look-alikes built elsewhere. Because
 * their fields were written by the model and cannot change, toJsonLine may
 * skip escaping checks and cache each visitor's unchanging part.
 */
import type { EventType, ParkEvent, VisitorRecord } from './types.js';

export class SimulatedEvent implements ParkEvent {
  // A private field is a brand no other object can carry.
  readonly #simulated = true;
  readonly sequence: number;
  readonly minute: number;
  readonly eventId: string;
  readonly event: EventType;
  readonly rideId: string | null;
  readonly rating: number | null;
  readonly timestamp: string;
  readonly visitorId: number;
  readonly visitor: Readonly<VisitorRecord>;

  constructor(
    sequence: number,
    minute: number,
    eventId: string,
    event: EventType,
    rideId: string | null,
    rating: number | null,
    timestamp: string,
    visitor: VisitorRecord,
  ) {
    this.sequence = sequence;
    this.minute = minute;
    this.eventId = eventId;
    this.event = event;
    this.rideId = rideId;
    this.rating = rating;
    this.timestamp = timestamp;
    this.visitorId = visitor.id;
    Object.freeze(visitor.birthday);
    Object.freeze(visitor.home);
    this.visitor = Object.freeze(visitor);
    Object.freeze(this);
  }

  /** True only for events built by this class, which cannot be forged or changed. */
  static isSimulated(event: ParkEvent): event is SimulatedEvent {
    return #simulated in event;
  }
}
