/**
 * Paces calls to a delivery stream's quota, and learns the quota when it is
 * not known. Firehose limits records, requests and bytes per second per
 * stream; a call over any of them is refused whole ("Slow down"). Hammering
 * on refusal wastes the quota, so on a refusal the limiter drops to just
 * under the rate that was accepted over the last two seconds, then creeps
 * back up by 2% a second to find the ceiling again.
 *
 * Pacing is a generic cell-rate scheme per dimension: each call reserves its
 * cost on a virtual timeline, and waits until that reservation is within a
 * short burst allowance of now.
 */
import { sleep } from '../util/sleep.js';

export interface RateLimits {
  recordsPerSecond?: number;
  requestsPerSecond?: number;
  bytesPerSecond?: number;
}

const BURST_MS = 250;
const WINDOW_MS = 2000;
const BACK_OFF_TO = 0.97;
const PROBE_UP_PER_SECOND = 1.02;

type Dimension = keyof RateLimits;
const DIMENSIONS: Dimension[] = ['recordsPerSecond', 'requestsPerSecond', 'bytesPerSecond'];

export class RateLimiter {
  private current: RateLimits;
  private readonly theoretical = { recordsPerSecond: 0, requestsPerSecond: 0, bytesPerSecond: 0 };
  private readonly accepts: Array<{ at: number; records: number; bytes: number }> = [];
  private lastCut = 0;
  private lastProbe = Date.now();

  constructor(initial: RateLimits = {}) {
    this.current = { ...initial };
  }

  get limits(): RateLimits {
    return { ...this.current };
  }

  /** Wait until a call of this size fits the current limits. */
  async take(records: number, bytes: number, signal?: AbortSignal): Promise<void> {
    this.probeUp();
    const now = Date.now();
    const cost: Record<Dimension, number> = { recordsPerSecond: records, requestsPerSecond: 1, bytesPerSecond: bytes };
    let wait = 0;
    for (const dimension of DIMENSIONS) {
      const rate = this.current[dimension];
      if (!rate) continue;
      const start = Math.max(this.theoretical[dimension], now - BURST_MS);
      this.theoretical[dimension] = start + (cost[dimension] * 1000) / rate;
      wait = Math.max(wait, this.theoretical[dimension] - now - BURST_MS);
    }
    if (wait > 0) await this.pause(wait, signal);
  }

  /** Firehose accepted this many records and bytes just now. */
  accepted(records: number, bytes: number): void {
    const now = Date.now();
    this.accepts.push({ at: now, records, bytes });
    while (this.accepts.length > 0 && this.accepts[0].at < now - WINDOW_MS) this.accepts.shift();
  }

  /** A call or some records were refused for throughput. */
  throttled(): void {
    const now = Date.now();
    // Several calls in flight are refused together; that is one signal, not four.
    if (now - this.lastCut < 1000) return;
    this.lastCut = now;
    this.lastProbe = now;
    const span = Math.max(500, Math.min(WINDOW_MS, now - (this.accepts[0]?.at ?? now)));
    const seconds = span / 1000;
    const observed: RateLimits = {
      recordsPerSecond: this.accepts.reduce((n, a) => n + a.records, 0) / seconds,
      requestsPerSecond: this.accepts.length / seconds,
      bytesPerSecond: this.accepts.reduce((n, a) => n + a.bytes, 0) / seconds,
    };
    for (const dimension of DIMENSIONS) {
      const seen = observed[dimension]!;
      if (seen <= 0) {
        // Nothing got through lately: halve what we had, if we had anything.
        if (this.current[dimension]) this.current[dimension] = this.current[dimension]! / 2;
        continue;
      }
      this.current[dimension] = Math.min(this.current[dimension] ?? Infinity, seen) * BACK_OFF_TO;
    }
  }

  private probeUp(): void {
    const now = Date.now();
    const seconds = (now - this.lastProbe) / 1000;
    if (seconds < 1) return;
    this.lastProbe = now;
    const factor = PROBE_UP_PER_SECOND ** seconds;
    for (const dimension of DIMENSIONS) if (this.current[dimension]) this.current[dimension]! *= factor;
  }

  pause(ms: number, signal?: AbortSignal): Promise<void> {
    return sleep(ms, signal);
  }
}
