/**
 * What the delivery stream has written to the bucket: its objects under the
 * default `YYYY/MM/dd/HH/` prefixes, and their contents as lines.
 */
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import type { AwsClients } from './clients.js';

export interface DataObject {
  key: string;
  size: number;
  lastModified?: Date;
}

/** Firehose's default layout; anything else in the bucket (a manifest, say) is not data. */
export const DATA_KEY = /^\d{4}\/\d{2}\/\d{2}\/\d{2}\//;

export async function listDataObjects(clients: AwsClients, bucket: string, signal?: AbortSignal): Promise<DataObject[]> {
  const objects: DataObject[] = [];
  let token: string | undefined;
  do {
    const page = await clients.s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }), { abortSignal: signal });
    for (const item of page.Contents ?? []) {
      if (item.Key && DATA_KEY.test(item.Key)) objects.push({ key: item.Key, size: item.Size ?? 0, lastModified: item.LastModified });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return objects;
}

/** Streams an object's bytes to `onChunk`, never holding the whole object. */
export async function readObject(
  clients: AwsClients,
  bucket: string,
  key: string,
  onChunk: (chunk: Buffer) => void,
  signal?: AbortSignal,
): Promise<void> {
  const out = await clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal });
  const body = out.Body as Readable | undefined;
  if (!body) return;
  for await (const chunk of body) onChunk(chunk as Buffer);
}
