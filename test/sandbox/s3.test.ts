import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteBucketPolicyCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  DeletePublicAccessBlockCommand,
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  GetObjectCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { s3Api } from '../../src/sandbox/s3/api.js';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { clientConfig, removeHome, startTestSandbox, TEST_ACCOUNT } from './helpers.js';

const REGION = 'eu-west-1';

describe('S3 in the sandbox', () => {
  let sandbox: RunningSandbox & { home: string };
  let s3: S3Client;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    s3 = new S3Client({ ...clientConfig(sandbox, TEST_ACCOUNT, REGION), forcePathStyle: true });
  });
  afterAll(async () => {
    s3.destroy();
    await sandbox.close();
    await removeHome(sandbox.home);
  });

  const createBucket = (Bucket: string) =>
    s3.send(new CreateBucketCommand({ Bucket, CreateBucketConfiguration: { LocationConstraint: REGION } }));

  test('a bucket is created, found, listed, located and deleted', async () => {
    await createBucket('life-cycle');
    await expect(s3.send(new HeadBucketCommand({ Bucket: 'life-cycle' }))).resolves.toMatchObject({
      BucketRegion: REGION,
    });
    const listed = await s3.send(new ListBucketsCommand({}));
    expect(listed.Buckets?.map((b) => b.Name)).toContain('life-cycle');
    const location = await s3.send(new GetBucketLocationCommand({ Bucket: 'life-cycle' }));
    expect(location.LocationConstraint).toBe(REGION);

    await expect(createBucket('life-cycle')).rejects.toMatchObject({ name: 'BucketAlreadyOwnedByYou' });
    await s3.send(new DeleteBucketCommand({ Bucket: 'life-cycle' }));
    await expect(s3.send(new HeadBucketCommand({ Bucket: 'life-cycle' }))).rejects.toMatchObject({
      name: 'NotFound',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(s3.send(new DeleteBucketCommand({ Bucket: 'life-cycle' }))).rejects.toMatchObject({
      name: 'NoSuchBucket',
    });
  });

  test('bucket names are global: another account gets BucketAlreadyExists and AccessDenied', async () => {
    await createBucket('taken-name');
    const other = new S3Client({ ...clientConfig(sandbox, '999999999999', REGION), forcePathStyle: true });
    await expect(
      other.send(new CreateBucketCommand({ Bucket: 'taken-name', CreateBucketConfiguration: { LocationConstraint: REGION } })),
    ).rejects.toMatchObject({ name: 'BucketAlreadyExists', $metadata: { httpStatusCode: 409 } });
    await expect(other.send(new ListObjectsV2Command({ Bucket: 'taken-name' }))).rejects.toMatchObject({
      name: 'AccessDenied',
    });
    expect((await other.send(new ListBucketsCommand({}))).Buckets ?? []).toEqual([]);
    other.destroy();
  });

  test('invalid names and mismatched location constraints are refused', async () => {
    await expect(createBucket('Not_Valid')).rejects.toMatchObject({ name: 'InvalidBucketName' });
    await expect(
      s3.send(new CreateBucketCommand({ Bucket: 'elsewhere', CreateBucketConfiguration: { LocationConstraint: 'us-west-2' } })),
    ).rejects.toMatchObject({ name: 'IllegalLocationConstraintException' });
  });

  test('a streamed upload (aws-chunked with a trailing CRC32) reads back byte for byte', async () => {
    await createBucket('streamed');
    const parts = [Buffer.from('first line\n'), Buffer.alloc(70_000, 7), Buffer.from('último\n')];
    const expected = Buffer.concat(parts);
    await s3.send(
      new PutObjectCommand({
        Bucket: 'streamed',
        Key: 'dir/a b+c.json',
        Body: Readable.from(parts),
        ContentLength: expected.length,
        ContentType: 'application/json',
        Metadata: { origin: 'test' },
      }),
    );
    const log = sandbox.requestLog().filter((entry) => entry.operation === 'PutObject');
    expect(log.at(-1)).toMatchObject({ service: 's3', status: 200, account: TEST_ACCOUNT });

    const got = await s3.send(new GetObjectCommand({ Bucket: 'streamed', Key: 'dir/a b+c.json' }));
    expect(Buffer.from(await got.Body!.transformToByteArray())).toEqual(expected);
    expect(got.ContentType).toBe('application/json');
    expect(got.Metadata).toEqual({ origin: 'test' });
    expect(got.ETag).toBe(`"${createHash('md5').update(expected).digest('hex')}"`);

    const head = await s3.send(new HeadObjectCommand({ Bucket: 'streamed', Key: 'dir/a b+c.json' }));
    expect(head.ContentLength).toBe(expected.length);
  });

  test('a 10 MiB object round-trips, and a range reads part of it', async () => {
    await createBucket('large');
    const body = Buffer.alloc(10 * 1024 * 1024);
    for (let i = 0; i < body.length; i += 4) body.writeUInt32LE(i, i);
    await s3.send(new PutObjectCommand({ Bucket: 'large', Key: 'big.bin', Body: body }));
    const got = await s3.send(new GetObjectCommand({ Bucket: 'large', Key: 'big.bin' }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(body)).toBe(true);

    const part = await s3.send(new GetObjectCommand({ Bucket: 'large', Key: 'big.bin', Range: 'bytes=1000-1007' }));
    expect(part.ContentRange).toBe(`bytes 1000-1007/${body.length}`);
    expect(Buffer.from(await part.Body!.transformToByteArray())).toEqual(body.subarray(1000, 1008));
  });

  test('a checksum that does not match the bytes is BadDigest and stores nothing', async () => {
    await createBucket('digests');
    await expect(
      s3.send(new PutObjectCommand({ Bucket: 'digests', Key: 'k', Body: 'hello', ChecksumCRC32: 'AAAAAA==' })),
    ).rejects.toMatchObject({ name: 'BadDigest', $metadata: { httpStatusCode: 400 } });
    await expect(s3.send(new HeadObjectCommand({ Bucket: 'digests', Key: 'k' }))).rejects.toMatchObject({
      name: 'NotFound',
    });
    await expect(s3.send(new GetObjectCommand({ Bucket: 'digests', Key: 'k' }))).rejects.toMatchObject({
      name: 'NoSuchKey',
    });
  });

  test('ListObjectsV2 pages through more than 1,000 keys with continuation tokens', async () => {
    await createBucket('many-keys');
    const api = s3Api(sandbox.state);
    const keys: string[] = [];
    for (let i = 0; i < 1203; i++) keys.push(`2024/05/${String(i % 3).padStart(2, '0')}/obj-${String(i).padStart(5, '0')}`);
    await Promise.all(keys.map((key) => api.putObject(TEST_ACCOUNT, 'many-keys', key, Buffer.from(key))));

    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: 'many-keys', ContinuationToken: token }));
      pages++;
      expect(page.KeyCount).toBe(page.Contents?.length);
      seen.push(...(page.Contents ?? []).map((c) => c.Key!));
      token = page.NextContinuationToken;
      expect(Boolean(token)).toBe(page.IsTruncated);
    } while (token);
    expect(pages).toBe(2);
    expect(seen).toEqual([...keys].sort());

    const small = await s3.send(new ListObjectsV2Command({ Bucket: 'many-keys', Prefix: '2024/05/01/', MaxKeys: 10 }));
    expect(small.Contents?.map((c) => c.Key)).toEqual(keys.filter((k) => k.startsWith('2024/05/01/')).sort().slice(0, 10));
    expect(small.Contents?.[0]).toMatchObject({ Size: '2024/05/01/obj-00001'.length, StorageClass: 'STANDARD' });

    const after = await s3.send(
      new ListObjectsV2Command({ Bucket: 'many-keys', Prefix: '2024/05/02/', StartAfter: '2024/05/02/obj-01000' }),
    );
    expect(after.Contents?.[0]?.Key).toBe('2024/05/02/obj-01001');
  });

  test('a delimiter rolls keys up into common prefixes, and pages over them', async () => {
    await createBucket('folders');
    const api = s3Api(sandbox.state);
    for (const key of ['a/1', 'a/2', 'b/1', 'c', 'd/x/1', 'd/y/1']) await api.putObject(TEST_ACCOUNT, 'folders', key, Buffer.from('x'));

    const top = await s3.send(new ListObjectsV2Command({ Bucket: 'folders', Delimiter: '/' }));
    expect(top.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['a/', 'b/', 'd/']);
    expect(top.Contents?.map((c) => c.Key)).toEqual(['c']);
    expect(top.KeyCount).toBe(4);

    const collected: string[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: 'folders', Delimiter: '/', MaxKeys: 1, ContinuationToken: token }));
      collected.push(...(page.CommonPrefixes ?? []).map((p) => p.Prefix!), ...(page.Contents ?? []).map((c) => c.Key!));
      token = page.NextContinuationToken;
    } while (token);
    expect(collected).toEqual(['a/', 'b/', 'c', 'd/']);

    const nested = await s3.send(new ListObjectsV2Command({ Bucket: 'folders', Prefix: 'd/', Delimiter: '/' }));
    expect(nested.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['d/x/', 'd/y/']);
  });

  test('a non-empty bucket is BucketNotEmpty until its objects are deleted', async () => {
    await createBucket('not-empty');
    await s3.send(new PutObjectCommand({ Bucket: 'not-empty', Key: 'one', Body: '1' }));
    await s3.send(new PutObjectCommand({ Bucket: 'not-empty', Key: 'two', Body: '2' }));
    await s3.send(new PutObjectCommand({ Bucket: 'not-empty', Key: 'three', Body: '3' }));
    await expect(s3.send(new DeleteBucketCommand({ Bucket: 'not-empty' }))).rejects.toMatchObject({
      name: 'BucketNotEmpty',
      $metadata: { httpStatusCode: 409 },
    });

    await s3.send(new DeleteObjectCommand({ Bucket: 'not-empty', Key: 'one' }));
    const batch = await s3.send(
      new DeleteObjectsCommand({ Bucket: 'not-empty', Delete: { Objects: [{ Key: 'two' }, { Key: 'three' }] } }),
    );
    expect(batch.Deleted?.map((d) => d.Key).sort()).toEqual(['three', 'two']);
    await s3.send(new DeleteBucketCommand({ Bucket: 'not-empty' }));
    expect(s3Api(sandbox.state).bucketExists('not-empty')).toBe(false);
  });

  test('policy, default encryption and public access block round-trip', async () => {
    await createBucket('secured');
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::secured/*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
    });
    await expect(s3.send(new GetBucketPolicyCommand({ Bucket: 'secured' }))).rejects.toMatchObject({
      name: 'NoSuchBucketPolicy',
    });
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'secured', Policy: policy }));
    expect((await s3.send(new GetBucketPolicyCommand({ Bucket: 'secured' }))).Policy).toBe(policy);
    await expect(s3.send(new PutBucketPolicyCommand({ Bucket: 'secured', Policy: 'nope' }))).rejects.toMatchObject({
      name: 'MalformedPolicy',
    });
    await s3.send(new DeleteBucketPolicyCommand({ Bucket: 'secured' }));
    await expect(s3.send(new GetBucketPolicyCommand({ Bucket: 'secured' }))).rejects.toMatchObject({
      name: 'NoSuchBucketPolicy',
    });

    const defaults = await s3.send(new GetBucketEncryptionCommand({ Bucket: 'secured' }));
    expect(defaults.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm).toBe('AES256');
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket: 'secured',
        ServerSideEncryptionConfiguration: {
          Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'alias/x' }, BucketKeyEnabled: true }],
        },
      }),
    );
    const kms = await s3.send(new GetBucketEncryptionCommand({ Bucket: 'secured' }));
    expect(kms.ServerSideEncryptionConfiguration?.Rules).toEqual([
      { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'alias/x' }, BucketKeyEnabled: true },
    ]);

    const block = { BlockPublicAcls: true, IgnorePublicAcls: false, BlockPublicPolicy: true, RestrictPublicBuckets: false };
    await s3.send(new PutPublicAccessBlockCommand({ Bucket: 'secured', PublicAccessBlockConfiguration: block }));
    expect((await s3.send(new GetPublicAccessBlockCommand({ Bucket: 'secured' }))).PublicAccessBlockConfiguration).toEqual(block);
    await s3.send(new DeletePublicAccessBlockCommand({ Bucket: 'secured' }));
    await expect(s3.send(new GetPublicAccessBlockCommand({ Bucket: 'secured' }))).rejects.toMatchObject({
      name: 'NoSuchPublicAccessBlockConfiguration',
    });
  });

  test('operations the sandbox lacks answer NotImplemented in S3\'s shape', async () => {
    await createBucket('unsupported');
    const { GetBucketAclCommand } = await import('@aws-sdk/client-s3');
    await expect(s3.send(new GetBucketAclCommand({ Bucket: 'unsupported' }))).rejects.toMatchObject({
      name: 'NotImplemented',
      $metadata: { httpStatusCode: 501 },
    });
    expect(sandbox.requestLog().at(-1)).toMatchObject({ operation: 'GET ?acl', status: 501, error: 'NotImplemented' });
  });
});
