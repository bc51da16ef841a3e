/**
 * Delivery into the sandbox's real S3, observed through @aws-sdk/client-s3:
 * key layout, exact bytes, size and interval buffering, flush on close, and a
 * bucket that only appears later.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import {
  CreateDeliveryStreamCommand,
  DescribeDeliveryStreamCommand,
  FirehoseClient,
  PutRecordBatchCommand,
} from '@aws-sdk/client-firehose';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { clientConfig, makeTempHome, removeHome, startTestSandbox, TEST_ACCOUNT } from './helpers.js';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}';
const homes: string[] = [];

afterAll(async () => {
  for (const home of homes) await removeHome(home);
});

/** A full sandbox (all services) with a Firehose and an S3 client. */
async function open(timeScale: number, home?: string) {
  const sandbox = await startTestSandbox({ timeScale, ...(home ? { home } : {}) });
  if (!home) homes.push(sandbox.home);
  const firehose = new FirehoseClient(clientConfig(sandbox));
  const s3 = new S3Client({ ...clientConfig(sandbox), forcePathStyle: true });
  const close = async () => {
    firehose.destroy();
    s3.destroy();
    await sandbox.close();
  };
  return { sandbox, firehose, s3, close };
}

type Opened = Awaited<ReturnType<typeof open>>;

async function activeStream(
  { firehose }: Opened,
  name: string,
  bucket: string,
  hints: { SizeInMBs: number; IntervalInSeconds: number },
): Promise<void> {
  await firehose.send(
    new CreateDeliveryStreamCommand({
      DeliveryStreamName: name,
      ExtendedS3DestinationConfiguration: {
        RoleARN: `arn:aws:iam::${TEST_ACCOUNT}:role/firehose-delivery`,
        BucketARN: `arn:aws:s3:::${bucket}`,
        BufferingHints: hints,
      },
    }),
  );
  for (let i = 0; i < 600; i++) {
    const out = await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }));
    if (out.DeliveryStreamDescription!.DeliveryStreamStatus === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`${name} never became ACTIVE`);
}

/** Every object in the bucket with its body, in key order. */
async function objects({ s3 }: Opened, bucket: string): Promise<Array<{ key: string; body: Buffer }>> {
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
  const result: Array<{ key: string; body: Buffer }> = [];
  for (const { Key } of listed.Contents ?? []) {
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: Key! }));
    result.push({ key: Key!, body: Buffer.from(await got.Body!.transformToByteArray()) });
  }
  return result;
}

async function waitForObjects(opened: Opened, bucket: string, count: number) {
  for (let i = 0; i < 300; i++) {
    const found = await objects(opened, bucket);
    if (found.length >= count) return found;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`fewer than ${count} objects arrived in ${bucket}`);
}

/** `count` records of exactly `size` bytes, each starting with its zero-padded sequence number. */
function numbered(from: number, count: number, size: number): Buffer[] {
  return Array.from({ length: count }, (_, i) =>
    Buffer.from(`${String(from + i).padStart(8, '0')}|`.padEnd(size, 'x')),
  );
}

async function send(opened: Opened, stream: string, records: Buffer[]) {
  for (let i = 0; i < records.length; i += 500) {
    const out = await opened.firehose.send(
      new PutRecordBatchCommand({
        DeliveryStreamName: stream,
        Records: records.slice(i, i + 500).map((Data) => ({ Data })),
      }),
    );
    expect(out.FailedPutCount).toBe(0);
  }
}

/** `YYYY/MM/dd/HH/` of a moment, in UTC. */
function hourPrefix(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getUTCFullYear()}/${two(date.getUTCMonth() + 1)}/${two(date.getUTCDate())}/${two(date.getUTCHours())}/`;
}

describe('delivery to S3', () => {
  it('seals objects at the size hint, names them as Firehose does, and flushes the rest at close', async () => {
    // timeScale 10: CREATING takes 0.5 s, and the 900 s interval 90 s, far beyond this test.
    const home = await makeTempHome();
    homes.push(home);
    const first = await open(10, home);
    await first.s3.send(new CreateBucketCommand({ Bucket: 'sized' }));
    await activeStream(first, 'sized-stream', 'sized', { SizeInMBs: 1, IntervalInSeconds: 900 });

    const before = new Date();
    const sent = numbered(0, 2560, 1024); // 2.5 MiB: two full 1 MiB objects and half of a third
    await send(first, 'sized-stream', sent);
    const after = new Date();
    const full = await waitForObjects(first, 'sized', 2);
    expect(full.map((o) => o.body.length)).toEqual([1048576, 1048576]);
    const layout = new RegExp(
      `^((\\d{4})/(\\d{2})/(\\d{2})/(\\d{2})/)sized-stream-1-(\\d{4})-(\\d{2})-(\\d{2})-(\\d{2})-\\d{2}-\\d{2}-${UUID}$`,
    );
    for (const { key } of full) {
      const match = layout.exec(key);
      expect(match).not.toBeNull();
      const [, prefix, ...times] = match!;
      expect([hourPrefix(before), hourPrefix(after)]).toContain(prefix);
      // The name's time is the same moment as the prefix's: the oldest record's arrival.
      expect(times.slice(4)).toEqual(times.slice(0, 4));
    }
    await first.close();

    const second = await open(10, home);
    try {
      const all = await objects(second, 'sized');
      expect(all).toHaveLength(3);
      // Objects hold runs of records in order; joined by their first record they are exactly what was sent.
      const joined = Buffer.concat(
        all.map((o) => o.body).sort((a, b) => a.subarray(0, 8).compare(b.subarray(0, 8))),
      );
      expect(joined.equals(Buffer.concat(sent))).toBe(true);
    } finally {
      await second.close();
    }
  });

  it('delivers after the buffer interval without waiting for size, bytes concatenated without delimiters', async () => {
    const opened = await open(600);
    try {
      await opened.s3.send(new CreateBucketCommand({ Bucket: 'timed' }));
      // 60 s at timeScale 600 is 100 ms.
      await activeStream(opened, 'timed-stream', 'timed', { SizeInMBs: 128, IntervalInSeconds: 60 });
      const records = ['{"a":1}', '{"b":2}\n', 'é', '{"c":3}'].map((text) => Buffer.from(text, 'utf8'));
      await send(opened, 'timed-stream', records);
      const [delivered] = await waitForObjects(opened, 'timed', 1);
      expect(delivered!.body.toString('utf8')).toBe('{"a":1}{"b":2}\né{"c":3}');
      expect(delivered!.key).toMatch(
        new RegExp(`^\\d{4}/\\d{2}/\\d{2}/\\d{2}/timed-stream-1-[-\\d]{19}-${UUID}$`),
      );
    } finally {
      await opened.close();
    }
  });

  it('keeps retrying while the bucket is missing, says so in the description, and delivers once it exists', async () => {
    const opened = await open(600);
    try {
      await activeStream(opened, 'early-stream', 'late-bucket', { SizeInMBs: 1, IntervalInSeconds: 0 });
      await send(opened, 'early-stream', [Buffer.from('kept while the bucket was missing')]);
      let failure: string | undefined;
      for (let i = 0; i < 300 && !failure; i++) {
        const out = await opened.firehose.send(
          new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'early-stream' }),
        );
        failure = out.DeliveryStreamDescription!.FailureDescription?.Details;
        if (!failure) await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(failure).toContain('S3.NoSuchBucket');

      await opened.s3.send(new CreateBucketCommand({ Bucket: 'late-bucket' }));
      const [delivered] = await waitForObjects(opened, 'late-bucket', 1);
      expect(delivered!.body.toString()).toBe('kept while the bucket was missing');
    } finally {
      await opened.close();
    }
  });
});
