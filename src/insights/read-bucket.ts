/**
 * Streams every data object of the bucket through an accumulator, once:
 * a few objects are in flight at a time, each read in order as chunks and
 * split into lines, so memory holds chunks, never an object or the day.
 */
import type { AwsClients } from '../aws/clients.js';
import { listDataObjects, readObject, type DataObject } from '../aws/landing.js';
import { LineSplitter } from '../simulator/reconcile.js';

/** What consumes the lines; InsightsAccumulator is one. */
export interface LineSink {
  addLine(line: Buffer): void;
}

export interface ReadProgress {
  objectsRead: number;
  objects: number;
  bytesRead: number;
  bytes: number;
}

export interface ReadBucketOptions {
  /** Objects read at once. Firehose objects are up to 10 MiB, so a few keep the connection busy without piling up. @default 3 */
  concurrency?: number;
  signal?: AbortSignal;
  /** After each chunk; cheap calls only, it runs thousands of times. */
  onProgress?: (progress: ReadProgress) => void;
}

export interface BucketRead {
  objects: number;
  bytes: number;
}

export async function readBucket(
  clients: AwsClients,
  bucket: string,
  sink: LineSink,
  options: ReadBucketOptions = {},
): Promise<BucketRead> {
  const objects = await listDataObjects(clients, bucket, options.signal);
  const progress: ReadProgress = {
    objectsRead: 0,
    objects: objects.length,
    bytesRead: 0,
    bytes: objects.reduce((sum, o) => sum + o.size, 0),
  };
  options.onProgress?.({ ...progress });

  let next = 0;
  const readOne = async (object: DataObject) => {
    const splitter = new LineSplitter((line) => sink.addLine(line));
    await readObject(
      clients,
      bucket,
      object.key,
      (chunk) => {
        splitter.push(chunk);
        progress.bytesRead += chunk.length;
        options.onProgress?.({ ...progress });
      },
      options.signal,
    );
    splitter.end();
    progress.objectsRead++;
    options.onProgress?.({ ...progress });
  };
  const worker = async () => {
    while (next < objects.length) await readOne(objects[next++]!);
  };
  const concurrency = Math.max(1, options.concurrency ?? 3);
  await Promise.all(Array.from({ length: Math.min(concurrency, objects.length) }, worker));
  return { objects: objects.length, bytes: progress.bytesRead };
}
