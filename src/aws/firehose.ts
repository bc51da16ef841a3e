import { DescribeDeliveryStreamCommand } from '@aws-sdk/client-firehose';
import type { AwsClients } from './clients.js';
import { isNotFound } from './errors.js';

export interface StreamSummary {
  name: string;
  arn: string;
  status: string;
  /** `arn:aws:s3:::bucket` of the S3 destination, when there is one. */
  bucketArn?: string;
  bufferSizeMiB?: number;
  bufferIntervalSeconds?: number;
  failure?: string;
  createdAt?: Date;
}

export async function describeStream(clients: AwsClients, name: string): Promise<StreamSummary | undefined> {
  try {
    const out = await clients.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }));
    const d = out.DeliveryStreamDescription!;
    const s3 = d.Destinations?.[0]?.ExtendedS3DestinationDescription;
    return {
      name,
      arn: d.DeliveryStreamARN ?? '',
      status: d.DeliveryStreamStatus ?? 'UNKNOWN',
      bucketArn: s3?.BucketARN,
      bufferSizeMiB: s3?.BufferingHints?.SizeInMBs,
      bufferIntervalSeconds: s3?.BufferingHints?.IntervalInSeconds,
      failure: d.FailureDescription?.Details,
      createdAt: d.CreateTimestamp,
    };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

export function bucketFromArn(arn: string | undefined): string | undefined {
  return arn?.startsWith('arn:aws:s3:::') ? arn.slice('arn:aws:s3:::'.length) : undefined;
}
