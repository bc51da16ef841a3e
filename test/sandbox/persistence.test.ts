import { afterAll, describe, expect, test } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { GetRoleCommand, GetRolePolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  CreateBucketCommand,
  GetBucketPolicyCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutBucketPolicyCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { iamApi } from '../../src/sandbox/iam/api.js';
import type { RequestLogEntry } from '../../src/sandbox/request-log.js';
import { clientConfig, makeTempHome, removeHome, startTestSandbox, TEST_ACCOUNT } from './helpers.js';

const trust = '{"Version":"2012-10-17","Statement":[]}';
const policy = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::kept/*"}]}';

describe('a restarted sandbox', () => {
  let home: string;
  afterAll(async () => removeHome(home));

  test('sees the first run\'s buckets, objects, settings and roles, and logged every request', async () => {
    home = await makeTempHome();

    // First run: write through the SDK and the internal API.
    const first = await startTestSandbox({ home });
    const s3 = new S3Client({ ...clientConfig(first, TEST_ACCOUNT, 'us-east-1'), forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'kept' }));
    await s3.send(new PutObjectCommand({ Bucket: 'kept', Key: 'a/streamed.txt', Body: Readable.from([Buffer.from('streamed body')]), ContentLength: 13 }));
    await s3.send(new PutObjectCommand({ Bucket: 'kept', Key: 'a/plain.txt', Body: 'first version' }));
    await s3.send(new PutObjectCommand({ Bucket: 'kept', Key: 'a/plain.txt', Body: 'second version' }));
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'kept', Policy: policy }));
    iamApi(first.state).createRole(TEST_ACCOUNT, { roleName: 'kept-role', assumeRolePolicyDocument: trust });
    iamApi(first.state).putRolePolicy(TEST_ACCOUNT, 'kept-role', 'inline', trust);
    s3.destroy();
    await first.close();

    // Second run on the same home.
    const second = await startTestSandbox({ home });
    const s3again = new S3Client({ ...clientConfig(second, TEST_ACCOUNT, 'us-east-1'), forcePathStyle: true });
    const iam = new IAMClient(clientConfig(second));
    try {
      const listed = await s3again.send(new ListObjectsV2Command({ Bucket: 'kept' }));
      expect(listed.Contents?.map((c) => [c.Key, c.Size])).toEqual([
        ['a/plain.txt', 14],
        ['a/streamed.txt', 13],
      ]);
      const plain = await s3again.send(new GetObjectCommand({ Bucket: 'kept', Key: 'a/plain.txt' }));
      expect(await plain.Body!.transformToString()).toBe('second version');
      const streamed = await s3again.send(new GetObjectCommand({ Bucket: 'kept', Key: 'a/streamed.txt' }));
      expect(await streamed.Body!.transformToString()).toBe('streamed body');
      expect((await s3again.send(new GetBucketPolicyCommand({ Bucket: 'kept' }))).Policy).toBe(policy);

      const role = await iam.send(new GetRoleCommand({ RoleName: 'kept-role' }));
      expect(role.Role?.Arn).toBe(`arn:aws:iam::${TEST_ACCOUNT}:role/kept-role`);
      const inline = await iam.send(new GetRolePolicyCommand({ RoleName: 'kept-role', PolicyName: 'inline' }));
      expect(decodeURIComponent(inline.PolicyDocument!)).toBe(trust);
    } finally {
      s3again.destroy();
      iam.destroy();
      await second.close();
    }

    // The log file holds both runs, one JSON line per request, oldest first.
    const lines = (await readFile(join(home, 'requests.log'), 'utf8')).trim().split('\n');
    const entries = lines.map((line) => JSON.parse(line) as RequestLogEntry);
    expect(entries.map((e) => `${e.service} ${e.operation} ${e.status}`)).toEqual([
      's3 CreateBucket 200',
      's3 PutObject 200',
      's3 PutObject 200',
      's3 PutObject 200',
      's3 PutBucketPolicy 204',
      's3 ListObjectsV2 200',
      's3 GetObject 200',
      's3 GetObject 200',
      's3 GetBucketPolicy 200',
      'iam GetRole 200',
      'iam GetRolePolicy 200',
    ]);
    expect(entries.every((e) => e.account === TEST_ACCOUNT && /^\d{4}-\d\d-\d\dT/.test(e.time))).toBe(true);
  });
});
