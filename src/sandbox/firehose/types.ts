/**
 * The shapes the sandbox's Firehose keeps and answers. Field names follow the
 * API's own casing so a description is the stored configuration plus status.
 */

export type CompressionFormat = 'UNCOMPRESSED' | 'GZIP';

/** An ExtendedS3DestinationConfiguration after defaults are applied, as DescribeDeliveryStream echoes it. */
export interface S3Destination {
  RoleARN: string;
  BucketARN: string;
  Prefix?: string;
  ErrorOutputPrefix?: string;
  BufferingHints: { SizeInMBs: number; IntervalInSeconds: number };
  CompressionFormat: CompressionFormat;
  EncryptionConfiguration: Record<string, unknown>;
  CloudWatchLoggingOptions: Record<string, unknown>;
  S3BackupMode: 'Disabled';
  FileExtension?: string;
  ProcessingConfiguration?: Record<string, unknown>;
}

export interface Tag {
  Key: string;
  Value?: string;
}

/** One delivery stream as persisted in the account's state document. Times are epoch milliseconds. */
export interface StreamRecord {
  name: string;
  arn: string;
  type: 'DirectPut';
  versionId: number;
  createdAt: number;
  /** Set by UpdateDestination. */
  updatedAt?: number;
  /** When CREATING turns ACTIVE. */
  activeAt: number;
  /** Set by DeleteDeliveryStream: DELETING from then until goneAt. */
  deletingAt?: number;
  goneAt?: number;
  destination: S3Destination;
  tags: Tag[];
}

export type StreamStatus = 'CREATING' | 'ACTIVE' | 'DELETING';

/** Where a call acts: the caller's account and the region it signed for. */
export interface Scope {
  account: string;
  region: string;
}

/** CreateDeliveryStream's input, as the API (or CloudFormation) gives it; unchecked. */
export interface CreateDeliveryStreamInput {
  DeliveryStreamName?: unknown;
  DeliveryStreamType?: unknown;
  ExtendedS3DestinationConfiguration?: unknown;
  S3DestinationConfiguration?: unknown;
  Tags?: unknown;
  [other: string]: unknown;
}
