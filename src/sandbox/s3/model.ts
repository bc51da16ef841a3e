/**
 * What the sandbox's S3 keeps, and the errors S3 answers about it.
 *
 * Bucket names are global across accounts, so every bucket lives in the
 * global state document (slice `s3`), with its owner. Object metadata lives
 * with its bucket; object bodies are files under `<home>/s3/<bucket dir>/`.
 */
import { SandboxError } from '../protocol.js';
import { ownRecord } from '../store.js';
import type { SandboxRuntime } from '../types.js';
import type { ChecksumName } from './digest.js';

export interface EncryptionRule {
  SSEAlgorithm: string;
  KMSMasterKeyID?: string;
  BucketKeyEnabled?: boolean;
}

export interface PublicAccessBlock {
  BlockPublicAcls: boolean;
  IgnorePublicAcls: boolean;
  BlockPublicPolicy: boolean;
  RestrictPublicBuckets: boolean;
}

export interface ObjectRecord {
  size: number;
  /** Quoted hex MD5, as sent in the ETag header. */
  etag: string;
  /** ISO-8601. */
  lastModified: string;
  contentType: string;
  /** Body file name inside the bucket's folder. */
  file: string;
  checksums: Partial<Record<ChecksumName, string>>;
  /** x-amz-meta-* headers, names lower-case without the prefix. */
  metadata?: Record<string, string>;
}

export interface BucketRecord {
  name: string;
  owner: string;
  region: string;
  /** ISO-8601. */
  created: string;
  /** Folder under `<home>/s3/` for this bucket's bodies; new for every incarnation of a name. */
  dir: string;
  policy?: string;
  /** Default encryption: SSE-S3, as for every bucket created since January 2023. */
  encryption: EncryptionRule[];
  /** Absent once deleted; all four on for new buckets, as AWS does since April 2023. */
  publicAccessBlock?: PublicAccessBlock;
  versioning?: 'Enabled' | 'Suspended';
  objects: Record<string, ObjectRecord>;
}

interface S3Slice {
  buckets: Record<string, BucketRecord>;
}

export function bucketsOf(sandbox: SandboxRuntime): Record<string, BucketRecord> {
  return ownRecord(sandbox.store.global.slice<S3Slice>('s3', () => ({ buckets: {} })).buckets);
}

export function objectsOf(bucket: BucketRecord): Record<string, ObjectRecord> {
  return ownRecord(bucket.objects);
}

export function saveS3(sandbox: SandboxRuntime): void {
  sandbox.store.global.markDirty();
}

/**
 * The bucket, checked for the caller. `account` undefined is a service acting
 * for itself (QuickSight reading through its role) and may read any bucket.
 */
export function bucketFor(sandbox: SandboxRuntime, account: string | undefined, name: string): BucketRecord {
  const buckets = bucketsOf(sandbox);
  const bucket = Object.hasOwn(buckets, name) ? buckets[name] : undefined;
  if (!bucket) throw noSuchBucket(name);
  if (account !== undefined && bucket.owner !== account) throw accessDenied();
  return bucket;
}

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export function checkBucketName(name: string): void {
  const ipLike = /^\d+\.\d+\.\d+\.\d+$/.test(name);
  if (!BUCKET_NAME.test(name) || name.includes('..') || ipLike || name.startsWith('xn--') || name.endsWith('-s3alias')) {
    throw new SandboxError(400, 'InvalidBucketName', 'The specified bucket is not valid.', { BucketName: name });
  }
}

export function checkKey(key: string): void {
  if (key.length === 0) throw new SandboxError(400, 'InvalidArgument', 'Object keys must not be empty.');
  if (Buffer.byteLength(key) > 1024) throw new SandboxError(400, 'KeyTooLongError', 'Your key is too long');
}

export function noSuchBucket(name: string): SandboxError {
  return new SandboxError(404, 'NoSuchBucket', 'The specified bucket does not exist', { BucketName: name });
}

export function noSuchKey(key: string): SandboxError {
  return new SandboxError(404, 'NoSuchKey', 'The specified key does not exist.', { Key: key });
}

export function accessDenied(): SandboxError {
  return new SandboxError(403, 'AccessDenied', 'Access Denied');
}

export function malformedXml(): SandboxError {
  return new SandboxError(
    400,
    'MalformedXML',
    'The XML you provided was not well-formed or did not validate against our published schema',
  );
}
