/**
 * A landing receipt: after the runner has read every object and found no
 * record missing, it leaves a small JSON file in the bucket listing the
 * objects it read. A later check (verify on an instructor's machine, say)
 * then only has to see that those objects are still there, unchanged in
 * size, instead of reading the whole day again: a minute for a class, not
 * 150 MB per learner.
 *
 * Receipts live under receipts/, outside Firehose's YYYY/ folders, so
 * neither QuickSight's manifest nor insights read them as data.
 */
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import type { AwsClients } from './clients.js';
import { isNotFound } from './errors.js';
import type { DataObject } from './landing.js';

export const RECEIPT_PREFIX = 'receipts/';

export interface LandingReceipt {
  version: 1;
  runTag: string;
  records: number;
  duplicates: number;
  writtenAt: string;
  objects: Array<{ key: string; size: number }>;
}

export function receiptKey(runTag: string): string {
  return `${RECEIPT_PREFIX}landing-${runTag}.json`;
}

export async function writeReceipt(clients: AwsClients, bucket: string, receipt: LandingReceipt): Promise<string> {
  const key = receiptKey(receipt.runTag);
  await clients.s3.send(
    new PutObjectCommand({ Bucket: bucket, Key: key, Body: JSON.stringify(receipt, null, 2), ContentType: 'application/json' }),
  );
  return key;
}

/** The receipt of this run, or (with no run named) the newest one; undefined when there is none. */
export async function readReceipt(clients: AwsClients, bucket: string, runTag?: string): Promise<LandingReceipt | undefined> {
  let key = runTag ? receiptKey(runTag) : undefined;
  try {
    if (!key) {
      const listed = await clients.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: RECEIPT_PREFIX }));
      const newest = (listed.Contents ?? []).sort((a, b) => (b.LastModified?.getTime() ?? 0) - (a.LastModified?.getTime() ?? 0))[0];
      key = newest?.Key;
      if (!key) return undefined;
    }
    const out = await clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const receipt = JSON.parse(await out.Body!.transformToString()) as LandingReceipt;
    return receipt.version === 1 && Array.isArray(receipt.objects) ? receipt : undefined;
  } catch (error) {
    if (isNotFound(error) || error instanceof SyntaxError) return undefined;
    throw error;
  }
}

/** Objects the receipt lists that are gone or changed size; empty when the data is as it was. */
export function receiptDifferences(receipt: LandingReceipt, objects: DataObject[]): string[] {
  const sizes = new Map(objects.map((o) => [o.key, o.size]));
  return receipt.objects.flatMap((o) => {
    const size = sizes.get(o.key);
    if (size === undefined) return [`${o.key} is gone`];
    if (size !== o.size) return [`${o.key} changed size (${o.size} → ${size} bytes)`];
    return [];
  });
}
