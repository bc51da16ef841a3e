/**
 * What survives: streams across a restart, and accepted records when S3
 * refuses them (kept, retried, shown in the description, spilled at close,
 * delivered after the next start).
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import {
  CreateDeliveryStreamCommand,
  DescribeDeliveryStreamCommand,
  FirehoseClient,
  PutRecordBatchCommand,
} from '@aws-sdk/client-firehose';
import { createFirehoseService } from '../../src/sandbox/firehose/index.js';
import type { ObjectSink } from '../../src/sandbox/firehose/delivery.js';
import { clientConfig, makeTempHome, removeHome, startTestSandbox, TEST_ACCOUNT } from './helpers.js';

/** A sink standing in for S3: refuses with NoSuchBucket until `open` is set. */
function switchableSink() {
  const written = new Map<string, string>();
  const control = { open: false };
  const sink: ObjectSink = {
    async putObject({ bucket, key, body }) {
      if (!control.open) {
        throw Object.assign(new Error('The specified bucket does not exist'), { code: 'NoSuchBucket' });
      }
      written.set(`${bucket}/${key}`, body.toString('utf8'));
    },
  };
  return { sink, written, control };
}

const homes: string[] = [];
afterAll(async () => {
  for (const home of homes) await removeHome(home);
});

async function startOn(home: string, sink: ObjectSink) {
  const sandbox = await startTestSandbox(
    { home, timeScale: 600 },
    { services: [createFirehoseService(() => sink)] },
  );
  const client = new FirehoseClient(clientConfig(sandbox));
  const describe = async () =>
    (await client.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'kept' })))
      .DeliveryStreamDescription!;
  const stop = async () => {
    client.destroy();
    await sandbox.close();
  };
  return { client, describe, stop };
}

describe('durability', () => {
  it('keeps streams and undelivered records across a restart, and says why delivery fails', async () => {
    const home = await makeTempHome();
    homes.push(home);
    const first = switchableSink();
    const one = await startOn(home, first.sink);
    await one.client.send(
      new CreateDeliveryStreamCommand({
        DeliveryStreamName: 'kept',
        ExtendedS3DestinationConfiguration: {
          RoleARN: `arn:aws:iam::${TEST_ACCOUNT}:role/r`,
          BucketARN: 'arn:aws:s3:::missing-bucket',
          BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 },
        },
      }),
    );
    for (let i = 0; i < 400 && (await one.describe()).DeliveryStreamStatus !== 'ACTIVE'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await one.client.send(
      new PutRecordBatchCommand({
        DeliveryStreamName: 'kept',
        Records: [{ Data: Buffer.from('a1') }, { Data: Buffer.from('b2') }],
      }),
    );

    // Interval 0 seals at once; the write fails and the description says so.
    let failure: string | undefined;
    for (let i = 0; i < 400 && !failure; i++) {
      failure = (await one.describe()).FailureDescription?.Details;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(failure).toContain('missing-bucket');
    expect(failure).toContain('S3.NoSuchBucket');
    await one.stop();
    expect(first.written.size).toBe(0);

    const second = switchableSink();
    second.control.open = true;
    const two = await startOn(home, second.sink);
    try {
      expect(await two.describe()).toMatchObject({
        DeliveryStreamName: 'kept',
        DeliveryStreamStatus: 'ACTIVE',
      });
      for (let i = 0; i < 400 && second.written.size === 0; i++)
        await new Promise((resolve) => setTimeout(resolve, 5));
      const [[key, body]] = [...second.written];
      expect(key).toMatch(/^missing-bucket\/\d{4}\/\d{2}\/\d{2}\/\d{2}\/kept-1-/);
      expect(body).toBe('a1b2');
      expect((await two.describe()).FailureDescription).toBeUndefined();
    } finally {
      await two.stop();
    }
  });
});
