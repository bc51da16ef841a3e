/**
 * The live, unpersisted side of the sandbox's Firehose: one per sandbox, kept
 * in the runtime's memory. It holds each ACTIVE stream's buffer and quota, the
 * fault injector, and the deliverer that writes sealed objects to S3.
 *
 *   Put ──> StreamBuffer ──seal──> prepare (concat, gzip, key) ──> Deliverer ──> S3
 *                                                                   │ refused
 *                                                                   ▼
 *                                                       retry with backoff; at close,
 *                                                       spill to <home>/firehose/undelivered
 *
 * Loss window: records live in memory from the moment their Put is answered
 * until their object is written. A clean close seals every buffer, writes what
 * S3 accepts and spills the rest to disk; a crash (kill -9, power loss) loses
 * what was buffered, at most one buffer (SizeInMBs, or IntervalInSeconds /
 * timeScale) per stream plus the writes under way.
 * TODO: append accepted records to a per-stream journal if a crash-proof sandbox is ever needed.
 */
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { SandboxError } from '../protocol.js';
import type { SandboxRuntime } from '../types.js';
import { StreamBuffer, type SealedBatch } from './buffer.js';
import { Deliverer, type ObjectSink, type OutgoingObject } from './delivery.js';
import { FaultInjector } from './faults.js';
import { objectKey, parsePrefix } from './object-key.js';
import { StreamQuota } from './quota.js';
import { parseFaults, parseQuota, type QuotaSetting } from './settings.js';
import { spillObjects, takeSpilledObjects } from './spill.js';
import type { Scope, StreamRecord } from './types.js';

const gzipAsync = promisify(gzip);
const MIB = 1024 * 1024;

/** What is alive for one ACTIVE stream. Dropped when the stream is deleted. */
export interface LiveStream {
  /** createdAt of the record it belongs to, so a re-created stream never inherits an old buffer. */
  createdAt: number;
  buffer: StreamBuffer;
  quota: StreamQuota | undefined;
}

type StreamConfig = Pick<StreamRecord, 'name' | 'versionId' | 'destination'>;

export function streamKey(scope: Scope, name: string): string {
  return `${scope.account}/${scope.region}/${name}`;
}

export class FirehoseRuntime {
  readonly faults: FaultInjector | undefined;
  private readonly quota: QuotaSetting | undefined;
  private readonly live = new Map<string, LiveStream>();
  private readonly deliverer: Deliverer;
  /** The latest delivery error per stream key, shown while objects wait for a retry. */
  private readonly failures = new Map<string, string>();
  private readonly spillDir: string;

  constructor(
    readonly sandbox: SandboxRuntime,
    sink: ObjectSink,
  ) {
    this.quota = parseQuota(sandbox.options.quota);
    // THEMEPARK_SANDBOX_FAULT_SEED arrives folded into the faults text as seed=N (options.ts).
    const faults = parseFaults(sandbox.options.faults);
    this.faults = faults ? new FaultInjector(faults) : undefined;
    this.spillDir = join(sandbox.home, 'firehose', 'undelivered');
    this.deliverer = new Deliverer(sink, sandbox.timeScale, {
      delivered: (object) => {
        const key = streamKey(object, object.stream);
        if (this.deliverer.waitingFor(object.account, object.region, object.stream).objects === 0) {
          this.failures.delete(key);
        }
      },
      failed: (object, error) =>
        this.failures.set(streamKey(object, object.stream), describeFailure(object, error)),
    });
  }

  /** Delivers objects a previous run could not write. */
  async resume(): Promise<void> {
    for (const object of await takeSpilledObjects(this.spillDir)) this.deliverer.submit(object);
  }

  /** The live state of an ACTIVE stream, created on its first Put. */
  liveStream(scope: Scope, record: StreamRecord): LiveStream {
    const key = streamKey(scope, record.name);
    let live = this.live.get(key);
    if (live && live.createdAt !== record.createdAt) {
      live.buffer.flush();
      live = undefined;
    }
    if (!live) {
      // The configuration as of now: an UpdateDestination retires this buffer before it changes.
      const config: StreamConfig = {
        name: record.name,
        versionId: record.versionId,
        destination: record.destination,
      };
      const { SizeInMBs, IntervalInSeconds } = config.destination.BufferingHints;
      const onSeal = (batch: SealedBatch) => this.deliverer.submit(this.prepare(scope, config, batch));
      live = {
        createdAt: record.createdAt,
        buffer: new StreamBuffer(SizeInMBs * MIB, this.sandbox.scaledMs(IntervalInSeconds), onSeal),
        quota: this.quota ? new StreamQuota(this.quota, performance.now()) : undefined,
      };
      this.live.set(key, live);
    }
    return live;
  }

  /** Seals a stream's buffer for delivery and forgets its live state (the stream is being deleted). */
  retire(scope: Scope, name: string): void {
    const key = streamKey(scope, name);
    this.live.get(key)?.buffer.flush();
    this.live.delete(key);
  }

  /** Why delivery of a stream's objects is failing, while some wait for a retry. */
  failureOf(scope: Scope, name: string): string | undefined {
    const failure = this.failures.get(streamKey(scope, name));
    if (!failure) return undefined;
    const { objects, bytes } = this.deliverer.waitingFor(scope.account, scope.region, name);
    if (objects === 0) return undefined;
    return `${failure} ${objects} object(s), ${bytes} bytes, waiting; Firehose keeps retrying.`;
  }

  /** Seals every buffer, writes what S3 accepts, and keeps the rest on disk for the next start. */
  async close(): Promise<void> {
    for (const live of this.live.values()) live.buffer.flush();
    this.live.clear();
    const undelivered = await this.deliverer.close();
    await spillObjects(this.spillDir, undelivered);
  }

  private async prepare(scope: Scope, record: StreamConfig, batch: SealedBatch): Promise<OutgoingObject> {
    const { destination } = record;
    const raw = batch.chunks.length === 1 ? batch.chunks[0]! : Buffer.concat(batch.chunks, batch.bytes);
    const gzipped = destination.CompressionFormat === 'GZIP';
    const body = gzipped ? await gzipAsync(raw) : raw;
    const key = objectKey({
      streamName: record.name,
      versionId: String(record.versionId),
      oldestArrival: new Date(batch.oldestArrival),
      ...(destination.Prefix ? { prefix: parsePrefix(destination.Prefix) } : {}),
      extension: destination.FileExtension ?? (gzipped ? '.gz' : ''),
    });
    return {
      account: scope.account,
      region: scope.region,
      stream: record.name,
      bucket: bucketOf(destination.BucketARN),
      key,
      body,
      records: batch.records,
    };
  }
}

export function bucketOf(bucketArn: string): string {
  return bucketArn.slice(bucketArn.indexOf(':::') + 3);
}

function describeFailure(object: OutgoingObject, error: unknown): string {
  const known = error as Partial<SandboxError> | undefined;
  const reason = known?.code ? `S3.${known.code}: ${known.message}` : String(error);
  return `Delivery to Amazon S3 bucket ${object.bucket} failed: ${reason.replace(/\.?$/, '.')}`;
}

/** Where a sandbox keeps its FirehoseRuntime, once the service has made one. */
function holderOf(sandbox: SandboxRuntime): { runtime?: FirehoseRuntime } {
  return sandbox.memory('firehose', () => ({}));
}

/** The sandbox's one FirehoseRuntime, made on first use. */
export function firehoseRuntime(sandbox: SandboxRuntime, sink: () => ObjectSink): FirehoseRuntime {
  const holder = holderOf(sandbox);
  return (holder.runtime ??= new FirehoseRuntime(sandbox, sink()));
}

/** The sandbox's FirehoseRuntime if the service has made one (for callers that cannot make it). */
export function existingFirehoseRuntime(sandbox: SandboxRuntime): FirehoseRuntime | undefined {
  return holderOf(sandbox).runtime;
}
