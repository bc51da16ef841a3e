import { HeadBucketCommand } from '@aws-sdk/client-s3';
import type { AwsClients } from './clients.js';
import { errorName, isNotFound } from './errors.js';

export type BucketState = 'ours' | 'missing' | 'forbidden';

/** Whether the bucket exists and we may use it; 403 means someone else owns the name. */
export async function bucketState(clients: AwsClients, bucket: string): Promise<BucketState> {
  try {
    await clients.s3.send(new HeadBucketCommand({ Bucket: bucket }));
    return 'ours';
  } catch (error) {
    if (isNotFound(error)) return 'missing';
    if (errorName(error) === 'Forbidden' || (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 403) {
      return 'forbidden';
    }
    throw error;
  }
}
