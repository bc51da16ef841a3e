/** Per-minute bookkeeping for the day loop, in typed arrays so a full day allocates nothing per tap. */

export const ENTRY = 0;
export const RIDE = 1;
export const EXIT = 2;
export type TapKind = typeof ENTRY | typeof RIDE | typeof EXIT;

/**
 * Visitors waiting for a given minute: one singly linked list per minute,
 * threaded through a per-visitor array, kept in insertion order. A visitor
 * is in at most one list of a queue at a time.
 */
export class MinuteQueue {
  private readonly head: Int32Array;
  private readonly tail: Int32Array;
  private readonly next: Int32Array;

  constructor(minutes: number, visitors: number) {
    this.head = new Int32Array(minutes).fill(-1);
    this.tail = new Int32Array(minutes).fill(-1);
    this.next = new Int32Array(visitors);
  }

  add(minute: number, visitor: number): void {
    this.next[visitor] = -1;
    const last = this.tail[minute]!;
    if (last < 0) this.head[minute] = visitor;
    else this.next[last] = visitor;
    this.tail[minute] = visitor;
  }

  /** The first visitor filed under `minute`, or -1. */
  first(minute: number): number {
    return this.head[minute]!;
  }

  /** Read before re-filing `visitor`, which overwrites its link. */
  following(visitor: number): number {
    return this.next[visitor]!;
  }
}

/** The taps of one minute, column by column, and their order by second (ties keep the order added). */
export class MinuteTaps {
  count = 0;
  readonly kind: Uint8Array;
  readonly visitor: Int32Array;
  readonly ride: Uint8Array;
  readonly rating: Uint8Array;
  readonly totalRides: Uint16Array;
  readonly second: Uint8Array;
  private readonly keys: Float64Array;

  constructor(private readonly size: number) {
    this.kind = new Uint8Array(size);
    this.visitor = new Int32Array(size);
    this.ride = new Uint8Array(size);
    this.rating = new Uint8Array(size);
    this.totalRides = new Uint16Array(size);
    this.second = new Uint8Array(size);
    this.keys = new Float64Array(size);
  }

  clear(): void {
    this.count = 0;
  }

  add(kind: TapKind, visitor: number, ride: number, rating: number, totalRides: number, second: number): void {
    const tap = this.count++;
    this.kind[tap] = kind;
    this.visitor[tap] = visitor;
    this.ride[tap] = ride;
    this.rating[tap] = rating;
    this.totalRides[tap] = totalRides;
    this.second[tap] = second;
    this.keys[tap] = second * this.size + tap;
  }

  /** Sort keys in time order; turn each into a tap index with indexOf. */
  inTimeOrder(): Float64Array {
    return this.keys.subarray(0, this.count).sort();
  }

  indexOf(key: number): number {
    return key % this.size;
  }
}
