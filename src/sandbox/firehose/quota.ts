/**
 * Direct PUT throughput quota of one delivery stream: three token buckets
 * (records, requests, bytes per second), each refilled continuously and
 * holding at most one second's worth, so a one-second burst is allowed.
 *
 * A call is admitted only if all three buckets can pay for it, and then pays
 * all three; otherwise nothing is taken and the caller answers 503 for the
 * whole call. A call bigger than a bucket can ever hold (a 4 MiB batch
 * against 1 MiB/s) is admitted when that bucket is full and drives it into
 * debt, which later calls wait out: it slows the sender rather than failing
 * the same call forever.
 */
import type { QuotaSetting } from './settings.js';

export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    /** Tokens added per second; also the bucket's capacity. */
    private readonly ratePerSecond: number,
    now: number,
  ) {
    this.tokens = ratePerSecond;
    this.updatedAt = now;
  }

  /** Whether `amount` could be taken at `now` (refilling first). */
  canTake(amount: number, now: number): boolean {
    this.refill(now);
    return this.tokens >= amount || this.tokens >= this.ratePerSecond;
  }

  take(amount: number): void {
    this.tokens -= amount;
  }

  private refill(now: number): void {
    const elapsedSeconds = Math.max(0, now - this.updatedAt) / 1000;
    this.tokens = Math.min(this.ratePerSecond, this.tokens + elapsedSeconds * this.ratePerSecond);
    this.updatedAt = now;
  }
}

export class StreamQuota {
  private readonly records: TokenBucket;
  private readonly requests: TokenBucket;
  private readonly bytes: TokenBucket;

  constructor(setting: QuotaSetting, now: number) {
    this.records = new TokenBucket(setting.recordsPerSecond, now);
    this.requests = new TokenBucket(setting.requestsPerSecond, now);
    this.bytes = new TokenBucket(setting.bytesPerSecond, now);
  }

  /**
   * Admits one Put call of `recordCount` records and `byteCount` raw bytes at
   * `now` (milliseconds on a monotonic clock), or refuses it without charge.
   */
  admit(recordCount: number, byteCount: number, now: number): boolean {
    const affordable =
      this.requests.canTake(1, now) &&
      this.records.canTake(recordCount, now) &&
      this.bytes.canTake(byteCount, now);
    if (!affordable) return false;
    this.requests.take(1);
    this.records.take(recordCount);
    this.bytes.take(byteCount);
    return true;
  }
}
