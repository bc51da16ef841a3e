/**
 * The sandbox's S3 as functions, for the HTTP handlers and for other services:
 * CloudFormation provisions AWS::S3::Bucket with createBucket and the bucket
 * settings; Firehose delivers with putObject; QuickSight reads with
 * listAllObjects and getObject. Errors are S3's, as SandboxErrors.
 *
 * `account` is the caller: a bucket another account owns answers AccessDenied.
 * `account` undefined is a service acting through its own role (QuickSight
 * reading a granted bucket), which may read and write any bucket.
 */
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { SandboxError } from '../protocol.js';
import type { SandboxRuntime } from '../types.js';
import { BodyFiles } from './bodies.js';
import { digestsOf, type ChecksumName, type Digests } from './digest.js';
import { compareKeys, firstIndexAtOrAfter, listPage, type ListInput, type ListPage } from './listing.js';
import {
  bucketFor,
  bucketsOf,
  checkBucketName,
  checkKey,
  malformedXml,
  noSuchKey,
  objectsOf,
  saveS3,
  type BucketRecord,
  type EncryptionRule,
  type ObjectRecord,
  type PublicAccessBlock,
} from './model.js';

export interface BucketInfo {
  name: string;
  owner: string;
  region: string;
  creationDate: Date;
}

export interface ObjectInfo {
  key: string;
  size: number;
  etag: string;
  lastModified: Date;
  contentType: string;
  checksums: Partial<Record<ChecksumName, string>>;
  metadata: Record<string, string>;
}

export interface PutOptions {
  /** @default application/octet-stream */
  contentType?: string;
  metadata?: Record<string, string>;
}

const SSE_S3: EncryptionRule[] = [{ SSEAlgorithm: 'AES256', BucketKeyEnabled: false }];
const ALL_BLOCKED: PublicAccessBlock = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
};

export function s3Api(sandbox: SandboxRuntime) {
  const bodies = bodyFilesOf(sandbox);
  const sortedCache = sandbox.memory('s3:sorted-keys', () => new Map<string, string[]>());

  const sortedKeys = (bucket: BucketRecord): string[] => {
    let keys = sortedCache.get(bucket.dir);
    if (!keys) {
      keys = Object.keys(objectsOf(bucket)).sort(compareKeys);
      sortedCache.set(bucket.dir, keys);
    }
    return keys;
  };
  const rememberKey = (bucket: BucketRecord, key: string) => {
    const keys = sortedCache.get(bucket.dir);
    if (keys) keys.splice(firstIndexAtOrAfter(keys, key), 0, key);
  };
  const forgetKey = (bucket: BucketRecord, key: string) => {
    const keys = sortedCache.get(bucket.dir);
    if (!keys) return;
    const index = firstIndexAtOrAfter(keys, key);
    if (keys[index] === key) keys.splice(index, 1);
  };
  const objectOf = (bucket: BucketRecord, key: string): ObjectRecord => {
    const objects = objectsOf(bucket);
    if (!Object.hasOwn(objects, key)) throw noSuchKey(key);
    return objects[key]!;
  };
  const owned = (account: string, name: string) => bucketFor(sandbox, account, name);

  const api = {
    /**
     * Creates a bucket in `region`. An existing name is BucketAlreadyOwnedByYou
     * (the caller's own) or BucketAlreadyExists (another account's), both 409.
     */
    createBucket(account: string, region: string, name: string): BucketInfo {
      checkBucketName(name);
      const buckets = bucketsOf(sandbox);
      const existing = Object.hasOwn(buckets, name) ? buckets[name] : undefined;
      if (existing?.owner === account) {
        throw new SandboxError(
          409,
          'BucketAlreadyOwnedByYou',
          'Your previous request to create the named bucket succeeded and you already own it.',
          { BucketName: name },
        );
      }
      if (existing) {
        throw new SandboxError(
          409,
          'BucketAlreadyExists',
          'The requested bucket name is not available. The bucket namespace is shared by all users of the system. ' +
            'Please select a different name and try again.',
          { BucketName: name },
        );
      }
      const created = sandbox.now();
      buckets[name] = {
        name,
        owner: account,
        region,
        created: created.toISOString(),
        dir: `${name}.${created.getTime().toString(36)}`,
        encryption: structuredClone(SSE_S3),
        publicAccessBlock: { ...ALL_BLOCKED },
        objects: Object.create(null) as Record<string, ObjectRecord>,
      };
      saveS3(sandbox);
      return infoOf(buckets[name]!);
    },

    /** BucketNotEmpty (409) while it holds objects. */
    deleteBucket(account: string, name: string): void {
      const bucket = owned(account, name);
      if (Object.keys(objectsOf(bucket)).length > 0) {
        throw new SandboxError(409, 'BucketNotEmpty', 'The bucket you tried to delete is not empty', { BucketName: name });
      }
      delete bucketsOf(sandbox)[name];
      sortedCache.delete(bucket.dir);
      saveS3(sandbox);
      void bodies.removeBucket(bucket.dir);
    },

    bucketExists(name: string): boolean {
      return Object.hasOwn(bucketsOf(sandbox), name);
    },

    /** The bucket whoever owns it, or undefined. */
    getBucket(name: string): BucketInfo | undefined {
      const buckets = bucketsOf(sandbox);
      return Object.hasOwn(buckets, name) ? infoOf(buckets[name]!) : undefined;
    },

    /** The account's buckets by name. */
    listBuckets(account: string): BucketInfo[] {
      return Object.values(bucketsOf(sandbox))
        .filter((bucket) => bucket.owner === account)
        .sort((a, b) => compareKeys(a.name, b.name))
        .map(infoOf);
    },

    /** Stores a body given whole (Firehose's objects, test fixtures). */
    async putObject(account: string | undefined, bucketName: string, key: string, body: Buffer, options: PutOptions = {}) {
      checkKey(key);
      bucketFor(sandbox, account, bucketName);
      const temp = await bodies.writeTempBuffer(body);
      return api.commitObject(account, bucketName, key, temp, digestsOf(body), options);
    },

    /**
     * Makes a fully written temporary body the object's current body. Used by
     * putObject and by the HTTP handler, which streams and verifies first.
     */
    async commitObject(
      account: string | undefined,
      bucketName: string,
      key: string,
      temp: string,
      digests: Digests,
      options: PutOptions = {},
    ): Promise<ObjectInfo> {
      checkKey(key);
      let bucket: BucketRecord;
      let file: string;
      try {
        bucket = bucketFor(sandbox, account, bucketName);
        file = await bodies.commit(temp, bucket.dir);
      } catch (error) {
        await bodies.discard(temp);
        throw error;
      }
      // The bucket may have been deleted while the body was being moved.
      const current = bucketsOf(sandbox)[bucketName];
      if (current !== bucket) {
        await bodies.remove(bucket.dir, file);
        throw new SandboxError(404, 'NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucketName });
      }
      const objects = objectsOf(bucket);
      const previous = Object.hasOwn(objects, key) ? objects[key] : undefined;
      const record: ObjectRecord = {
        size: digests.size,
        etag: `"${digests.md5Hex}"`,
        lastModified: sandbox.now().toISOString(),
        contentType: options.contentType || 'application/octet-stream',
        file,
        checksums: digests.checksums,
        ...(options.metadata && Object.keys(options.metadata).length > 0 ? { metadata: options.metadata } : {}),
      };
      objects[key] = record;
      if (previous) void bodies.remove(bucket.dir, previous.file);
      else rememberKey(bucket, key);
      saveS3(sandbox);
      return infoOfObject(key, record);
    },

    /** The object's metadata, or undefined when there is no such key. NoSuchBucket if no bucket. */
    headObject(account: string | undefined, bucketName: string, key: string): ObjectInfo | undefined {
      const objects = objectsOf(bucketFor(sandbox, account, bucketName));
      return Object.hasOwn(objects, key) ? infoOfObject(key, objects[key]!) : undefined;
    },

    /** A stream of the body (or of bytes start..end inclusive). NoSuchKey if absent. */
    getObjectStream(
      account: string | undefined,
      bucketName: string,
      key: string,
      range?: { start: number; end: number },
    ): { info: ObjectInfo; body: Readable } {
      const bucket = bucketFor(sandbox, account, bucketName);
      const record = objectOf(bucket, key);
      return { info: infoOfObject(key, record), body: bodies.open(bucket.dir, record.file, range) };
    },

    async getObject(account: string | undefined, bucketName: string, key: string): Promise<Buffer> {
      const { body } = api.getObjectStream(account, bucketName, key);
      const chunks: Buffer[] = [];
      for await (const chunk of body) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },

    /** Deleting a key that does not exist succeeds, as in S3. */
    deleteObject(account: string | undefined, bucketName: string, key: string): void {
      const bucket = bucketFor(sandbox, account, bucketName);
      const objects = objectsOf(bucket);
      if (!Object.hasOwn(objects, key)) return;
      const record = objects[key]!;
      delete objects[key];
      forgetKey(bucket, key);
      saveS3(sandbox);
      void bodies.remove(bucket.dir, record.file);
    },

    /** One page of keys, as ListObjectsV2 pages them. */
    listObjects(account: string | undefined, bucketName: string, input: ListInput = {}): ListPage & { objects: ObjectInfo[] } {
      const bucket = bucketFor(sandbox, account, bucketName);
      const page = listPage(sortedKeys(bucket), input);
      const objects = objectsOf(bucket);
      return { ...page, objects: page.keys.map((key) => infoOfObject(key, objects[key]!)) };
    },

    /** Every object under a prefix (all pages), for services that read whole data sets. */
    listAllObjects(account: string | undefined, bucketName: string, prefix = ''): ObjectInfo[] {
      const bucket = bucketFor(sandbox, account, bucketName);
      const keys = sortedKeys(bucket);
      const objects = objectsOf(bucket);
      const result: ObjectInfo[] = [];
      for (let i = firstIndexAtOrAfter(keys, prefix); i < keys.length && keys[i]!.startsWith(prefix); i++) {
        result.push(infoOfObject(keys[i]!, objects[keys[i]!]!));
      }
      return result;
    },

    /** The policy text, or undefined when none is set. */
    getBucketPolicy(account: string | undefined, bucketName: string): string | undefined {
      return bucketFor(sandbox, account, bucketName).policy;
    },

    putBucketPolicy(account: string, bucketName: string, policy: string): void {
      let parsed: unknown;
      try {
        parsed = JSON.parse(policy);
      } catch {
        parsed = undefined;
      }
      if (typeof parsed !== 'object' || parsed === null || !('Statement' in parsed)) {
        throw new SandboxError(400, 'MalformedPolicy', "Policies must be valid JSON and the first byte must be '{'");
      }
      owned(account, bucketName).policy = policy;
      saveS3(sandbox);
    },

    deleteBucketPolicy(account: string, bucketName: string): void {
      delete owned(account, bucketName).policy;
      saveS3(sandbox);
    },

    getBucketEncryption(account: string | undefined, bucketName: string): EncryptionRule[] {
      return structuredClone(bucketFor(sandbox, account, bucketName).encryption);
    },

    /** An empty rule list restores the default (SSE-S3), as DeleteBucketEncryption does. */
    putBucketEncryption(account: string, bucketName: string, rules: EncryptionRule[]): void {
      for (const rule of rules) {
        if (!['AES256', 'aws:kms', 'aws:kms:dsse'].includes(rule.SSEAlgorithm)) throw malformedXml();
      }
      owned(account, bucketName).encryption = rules.length > 0 ? structuredClone(rules) : structuredClone(SSE_S3);
      saveS3(sandbox);
    },

    /** Undefined once deleted; S3 then answers NoSuchPublicAccessBlockConfiguration. */
    getPublicAccessBlock(account: string | undefined, bucketName: string): PublicAccessBlock | undefined {
      const block = bucketFor(sandbox, account, bucketName).publicAccessBlock;
      return block ? { ...block } : undefined;
    },

    /** `undefined` deletes the configuration. */
    putPublicAccessBlock(account: string, bucketName: string, block: PublicAccessBlock | undefined): void {
      const bucket = owned(account, bucketName);
      if (block) bucket.publicAccessBlock = { ...block };
      else delete bucket.publicAccessBlock;
      saveS3(sandbox);
    },

    getBucketVersioning(account: string | undefined, bucketName: string): 'Enabled' | 'Suspended' | undefined {
      return bucketFor(sandbox, account, bucketName).versioning;
    },

    /** Recorded and answered back; objects are not actually versioned. TODO: keep versions if a step needs them. */
    putBucketVersioning(account: string, bucketName: string, status: 'Enabled' | 'Suspended'): void {
      owned(account, bucketName).versioning = status;
      saveS3(sandbox);
    },
  };
  return api;
}

export type S3Api = ReturnType<typeof s3Api>;

function infoOf(bucket: BucketRecord): BucketInfo {
  return { name: bucket.name, owner: bucket.owner, region: bucket.region, creationDate: new Date(bucket.created) };
}

function infoOfObject(key: string, record: ObjectRecord): ObjectInfo {
  return {
    key,
    size: record.size,
    etag: record.etag,
    lastModified: new Date(record.lastModified),
    contentType: record.contentType,
    checksums: { ...record.checksums },
    metadata: { ...record.metadata },
  };
}

/**
 * Streams a request body through `stages` (decoder, digest) into a temporary
 * file for commitObject; the file is removed if the stream fails.
 */
export function receiveBody(sandbox: SandboxRuntime, stages: readonly Readable[]): Promise<string> {
  return bodyFilesOf(sandbox).writeTemp(stages);
}

export function discardBody(sandbox: SandboxRuntime, temp: string): Promise<void> {
  return bodyFilesOf(sandbox).discard(temp);
}

function bodyFilesOf(sandbox: SandboxRuntime): BodyFiles {
  return sandbox.memory('s3:bodies', () => new BodyFiles(join(sandbox.home, 's3')));
}
