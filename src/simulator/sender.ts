/**
 * Feeds a day's records to a delivery stream and loses none of them.
 *
 *   records ──> batches of ≤500 records and ≤4 MiB ──> up to N calls in flight
 *      ▲                                                    │
 *      └──── records the reply marks failed, calls that ◄───┘
 *            failed whole (throttled, connection cut)
 *
 * The original sender dropped the last partial batch, logged failed records
 * instead of resending them, and swallowed errors. Here every record is
 * either acknowledged by Firehose or named in the error that stops the run.
 *
 * Resume: records carry their position in the day. The sender reports the
 * "watermark", the position below which every record is acknowledged; a new
 * run regenerates the day and starts there. Records above the watermark that
 * had been acknowledged are sent again, which Firehose's at-least-once
 * delivery allows and reconciliation reports as duplicates.
 *
 * The sender knows nothing of the SDK: the put function is given to it.
 */
import { RateLimiter, type RateLimits } from './rate-limiter.js';

/** Firehose's own limits, which no quota increase changes. */
export const MAX_BATCH_RECORDS = 500;
export const MAX_BATCH_BYTES = 4 * 1024 * 1024;
export const MAX_RECORD_BYTES = 1000 * 1024;

export interface OutgoingRecord {
  /** Position in the day, from 0. */
  sequence: number;
  data: Buffer;
}

/** What one PutRecordBatch call came back with. */
export type PutOutcome =
  | { kind: 'ok'; failed: Array<{ index: number; code: string; message: string }> }
  /** The whole call was refused or lost: throttled, a cut connection, a 5xx. Resend everything. */
  | { kind: 'retry'; throttled: boolean; reason: string };

export type PutBatch = (records: Buffer[], signal: AbortSignal) => Promise<PutOutcome>;

export interface SendStats {
  acknowledgedRecords: number;
  acknowledgedBytes: number;
  calls: number;
  /** Records sent more than once because a reply or a whole call said so. */
  retriedRecords: number;
  /** Calls refused whole for throughput, and replies that failed records with "Slow down". */
  throttles: number;
  /** Every record below this position is acknowledged. */
  watermark: number;
  /** The pace the sender holds itself to now, if it has learned one. */
  limits: RateLimits;
  elapsedMs: number;
}

export interface SendProps {
  /** The records to send, in order of position, starting at `startAt`. */
  records: Iterable<OutgoingRecord>;
  put: PutBatch;
  /** Calls in flight at once. @default 4 */
  concurrency?: number;
  /** A known quota to start from (AWS's per-region figures); the sender lowers it when throttled. @default none */
  limits?: RateLimits;
  /** Tries per record before the run stops. @default 10 */
  maxAttempts?: number;
  /** The position of the first record, so the watermark is right before anything is acknowledged. @default 0 */
  startAt?: number;
  signal?: AbortSignal;
  /** After every call that settled. */
  onProgress?(stats: SendStats): void;
}

export class SendError extends Error {
  constructor(
    message: string,
    readonly stats: SendStats,
  ) {
    super(message);
    this.name = 'SendError';
  }
}

interface Pending {
  sequence: number;
  data: Buffer;
  attempts: number;
}

export async function sendRecords(props: SendProps): Promise<SendStats> {
  const concurrency = props.concurrency ?? 4;
  const maxAttempts = props.maxAttempts ?? 10;
  const limiter = new RateLimiter(props.limits);
  const source = props.records[Symbol.iterator]();
  const retryQueue: Pending[] = [];
  const inFlight = new Set<Pending[]>();
  const started = Date.now();
  let nextPosition = props.startAt ?? 0;
  let sourceDone = false;
  let fatal: Error | undefined;
  let consecutiveWholeFailures = 0;

  const stats: SendStats = {
    acknowledgedRecords: 0,
    acknowledgedBytes: 0,
    calls: 0,
    retriedRecords: 0,
    throttles: 0,
    watermark: nextPosition,
    limits: limiter.limits,
    elapsedMs: 0,
  };

  /** The lowest position not yet acknowledged: in flight, waiting to be resent, or not yet read. */
  function watermark(): number {
    let low = nextPosition;
    for (const batch of inFlight) for (const r of batch) if (r.sequence < low) low = r.sequence;
    for (const r of retryQueue) if (r.sequence < low) low = r.sequence;
    return low;
  }

  function takeBatch(): Pending[] {
    const batch: Pending[] = [];
    let bytes = 0;
    const fits = (size: number) => batch.length < MAX_BATCH_RECORDS && bytes + size <= MAX_BATCH_BYTES;
    while (retryQueue.length > 0 && fits(retryQueue[0].data.length)) {
      const record = retryQueue.shift()!;
      bytes += record.data.length;
      batch.push(record);
    }
    while (!sourceDone && batch.length < MAX_BATCH_RECORDS) {
      const next = source.next();
      if (next.done) {
        sourceDone = true;
        break;
      }
      const { sequence, data } = next.value;
      if (data.length > MAX_RECORD_BYTES) {
        throw new SendError(
          `Record ${sequence} is ${data.length} bytes; Firehose takes at most ${MAX_RECORD_BYTES} bytes a record.`,
          stats,
        );
      }
      nextPosition = sequence + 1;
      const record = { sequence, data, attempts: 0 };
      if (!fits(data.length)) {
        // Starts the next batch; it is not lost, only deferred.
        retryQueue.unshift(record);
        break;
      }
      bytes += data.length;
      batch.push(record);
    }
    return batch;
  }

  function giveBack(records: Pending[], reason: string): void {
    for (const record of records) {
      record.attempts += 1;
      if (record.attempts >= maxAttempts) {
        fatal ??= new SendError(
          `A record (position ${record.sequence}) was refused ${record.attempts} times; last reason: ${reason}.`,
          stats,
        );
      }
    }
    stats.retriedRecords += records.length;
    // Keep the queue in position order so the watermark moves as early as it can.
    retryQueue.push(...records);
    retryQueue.sort((a, b) => a.sequence - b.sequence);
  }

  async function sendOne(batch: Pending[], signal: AbortSignal): Promise<void> {
    const bytes = batch.reduce((n, r) => n + r.data.length, 0);
    await limiter.take(batch.length, bytes, signal);
    stats.calls += 1;
    const outcome = await props.put(
      batch.map((r) => r.data),
      signal,
    );
    if (outcome.kind === 'retry') {
      consecutiveWholeFailures += 1;
      if (outcome.throttled) {
        stats.throttles += 1;
        limiter.throttled();
      }
      giveBack(batch, outcome.reason);
      // Back off before the next call: 100 ms doubling to 5 s while calls keep failing whole.
      await limiter.pause(Math.min(5000, 100 * 2 ** Math.min(consecutiveWholeFailures, 6)), signal);
      return;
    }
    consecutiveWholeFailures = 0;
    const failedIndexes = new Set(outcome.failed.map((f) => f.index));
    let ackedBytes = 0;
    for (let i = 0; i < batch.length; i++) if (!failedIndexes.has(i)) ackedBytes += batch[i].data.length;
    stats.acknowledgedRecords += batch.length - failedIndexes.size;
    stats.acknowledgedBytes += ackedBytes;
    limiter.accepted(batch.length - failedIndexes.size, ackedBytes);
    if (outcome.failed.length > 0) {
      const slowDown = outcome.failed.some((f) => /ServiceUnavailable|Throttl|Slow down/i.test(`${f.code} ${f.message}`));
      if (slowDown) {
        stats.throttles += 1;
        limiter.throttled();
      }
      const first = outcome.failed[0];
      giveBack(
        outcome.failed.map((f) => batch[f.index]),
        `${first.code}: ${first.message}`,
      );
    }
  }

  const controller = new AbortController();
  const onAbort = () => controller.abort(props.signal?.reason);
  props.signal?.addEventListener('abort', onAbort, { once: true });
  const running = new Set<Promise<void>>();

  try {
    for (;;) {
      if (fatal) throw fatal;
      props.signal?.throwIfAborted();
      while (running.size < concurrency && !fatal) {
        const batch = takeBatch();
        if (batch.length === 0) break;
        inFlight.add(batch);
        const call: Promise<void> = sendOne(batch, controller.signal)
          .catch((error: unknown) => {
            // Not acknowledged: back in the queue, so the watermark stays below it.
            retryQueue.push(...batch);
            retryQueue.sort((a, b) => a.sequence - b.sequence);
            if (!controller.signal.aborted) fatal ??= error instanceof Error ? error : new Error(String(error));
          })
          .finally(() => {
            inFlight.delete(batch);
            running.delete(call);
            stats.watermark = watermark();
            stats.elapsedMs = Date.now() - started;
            stats.limits = limiter.limits;
            props.onProgress?.(stats);
          });
        running.add(call);
      }
      if (running.size === 0) {
        if (fatal) throw fatal;
        if (sourceDone && retryQueue.length === 0) break;
        continue;
      }
      await Promise.race(running);
    }
  } catch (error) {
    // Stop the other calls and let them put their records back before the
    // watermark is read, so a resumed run starts below every unacknowledged record.
    controller.abort(error);
    await Promise.allSettled([...running]);
    stats.watermark = watermark();
    if (error instanceof SendError) throw error;
    if (props.signal?.aborted) throw error;
    throw new SendError(
      `${error instanceof Error ? error.message : String(error)} (${stats.acknowledgedRecords} records acknowledged before it stopped)`,
      stats,
    );
  } finally {
    props.signal?.removeEventListener('abort', onAbort);
  }
  stats.watermark = watermark();
  stats.elapsedMs = Date.now() - started;
  return stats;
}
