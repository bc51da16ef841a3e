/**
 * The sandbox's Firehose through the real @aws-sdk/client-firehose, with
 * delivery captured in memory (firehose-s3.test.ts covers the real S3 path).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CreateDeliveryStreamCommand,
  DeleteDeliveryStreamCommand,
  DescribeDeliveryStreamCommand,
  FirehoseClient,
  ListDeliveryStreamsCommand,
  PutRecordBatchCommand,
  PutRecordCommand,
  UpdateDestinationCommand,
  type CreateDeliveryStreamCommandInput,
} from '@aws-sdk/client-firehose';
import { createFirehoseService } from '../../src/sandbox/firehose/index.js';
import type { ObjectSink } from '../../src/sandbox/firehose/delivery.js';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { clientConfig, removeHome, startTestSandbox, TEST_ACCOUNT } from './helpers.js';

const ROLE = `arn:aws:iam::${TEST_ACCOUNT}:role/firehose-delivery`;
const BUCKET = 'theme-park-data';

/** Objects "written to S3", by key. */
const written = new Map<string, Buffer>();
const sink: ObjectSink = {
  async putObject({ key, body }) {
    written.set(key, body);
  },
};

let sandbox: RunningSandbox & { home: string };
let firehose: FirehoseClient;

beforeAll(async () => {
  sandbox = await startTestSandbox({ timeScale: 600 }, { services: [createFirehoseService(() => sink)] });
  firehose = new FirehoseClient(clientConfig(sandbox));
});

afterAll(async () => {
  firehose.destroy();
  await sandbox.close();
  await removeHome(sandbox.home);
});

function createInput(
  name: string,
  hints = { SizeInMBs: 1, IntervalInSeconds: 60 },
): CreateDeliveryStreamCommandInput {
  return {
    DeliveryStreamName: name,
    DeliveryStreamType: 'DirectPut',
    ExtendedS3DestinationConfiguration: {
      RoleARN: ROLE,
      BucketARN: `arn:aws:s3:::${BUCKET}`,
      BufferingHints: hints,
    },
  };
}

/** Polls DescribeDeliveryStream as the runner does, until the status is reached. */
async function waitForStatus(name: string, status: string): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < 400; i++) {
    const out = await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }));
    const current = out.DeliveryStreamDescription!.DeliveryStreamStatus!;
    if (seen.at(-1) !== current) seen.push(current);
    if (current === status) return seen;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`${name} never became ${status}; saw ${seen.join(' -> ')}`);
}

async function activeStream(name: string, hints?: { SizeInMBs: number; IntervalInSeconds: number }) {
  await firehose.send(new CreateDeliveryStreamCommand(createInput(name, hints)));
  await waitForStatus(name, 'ACTIVE');
}

describe('control plane', () => {
  it('creates a stream that turns ACTIVE, described in full', async () => {
    const created = await firehose.send(new CreateDeliveryStreamCommand(createInput('lifecycle')));
    expect(created.DeliveryStreamARN).toBe(
      `arn:aws:firehose:eu-west-1:${TEST_ACCOUNT}:deliverystream/lifecycle`,
    );

    expect(await waitForStatus('lifecycle', 'ACTIVE')).toContain('ACTIVE');
    const { DeliveryStreamDescription: d } = await firehose.send(
      new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'lifecycle' }),
    );
    expect(d).toMatchObject({
      DeliveryStreamName: 'lifecycle',
      DeliveryStreamARN: created.DeliveryStreamARN,
      DeliveryStreamType: 'DirectPut',
      VersionId: '1',
      HasMoreDestinations: false,
    });
    expect(d!.CreateTimestamp).toBeInstanceOf(Date);
    expect(Math.abs(d!.CreateTimestamp!.getTime() - Date.now())).toBeLessThan(60_000);
    expect(d!.Destinations).toHaveLength(1);
    expect(d!.Destinations![0]!.DestinationId).toBe('destinationId-000000000001');
    expect(d!.Destinations![0]!.ExtendedS3DestinationDescription).toMatchObject({
      RoleARN: ROLE,
      BucketARN: `arn:aws:s3:::${BUCKET}`,
      BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 },
      CompressionFormat: 'UNCOMPRESSED',
      EncryptionConfiguration: { NoEncryptionConfig: 'NoEncryption' },
    });
  });

  it('refuses a duplicate name with ResourceInUseException', async () => {
    await firehose.send(new CreateDeliveryStreamCommand(createInput('twice')));
    await expect(firehose.send(new CreateDeliveryStreamCommand(createInput('twice')))).rejects.toMatchObject({
      name: 'ResourceInUseException',
      message: `Firehose twice under accountId ${TEST_ACCOUNT} already exists`,
    });
  });

  it('refuses bad names and bad configurations with the SDK error names AWS gives', async () => {
    await expect(
      firehose.send(new CreateDeliveryStreamCommand(createInput('has space'))),
    ).rejects.toMatchObject({
      name: 'ValidationException',
    });
    await expect(
      firehose.send(new CreateDeliveryStreamCommand(createInput('x'.repeat(65)))),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('Member must have length less than or equal to 64'),
    });
    const oneHint = createInput('onehint');
    oneHint.ExtendedS3DestinationConfiguration!.BufferingHints = { SizeInMBs: 5 };
    await expect(firehose.send(new CreateDeliveryStreamCommand(oneHint))).rejects.toMatchObject({
      name: 'InvalidArgumentException',
    });
  });

  it('reports a missing stream as ResourceNotFoundException with the service message', async () => {
    await expect(
      firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'nope' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Firehose nope under account ${TEST_ACCOUNT} not found.`,
    });
  });

  it('lists names in pages with Limit and ExclusiveStartDeliveryStreamName', async () => {
    for (const name of ['list-a', 'list-b', 'list-c']) {
      await firehose.send(new CreateDeliveryStreamCommand(createInput(name)));
    }
    const first = await firehose.send(
      new ListDeliveryStreamsCommand({ Limit: 2, ExclusiveStartDeliveryStreamName: 'lifecycle' }),
    );
    expect(first.DeliveryStreamNames).toEqual(['list-a', 'list-b']);
    expect(first.HasMoreDeliveryStreams).toBe(true);
    const next = await firehose.send(
      new ListDeliveryStreamsCommand({ Limit: 2, ExclusiveStartDeliveryStreamName: 'list-b' }),
    );
    expect(next.DeliveryStreamNames![0]).toBe('list-c');
  });

  it('deletes an ACTIVE stream, which is gone after DELETING', async () => {
    await activeStream('doomed');
    await firehose.send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: 'doomed' }));
    await expect(
      (async () => {
        for (let i = 0; i < 400; i++) {
          await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'doomed' }));
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      })(),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    const list = await firehose.send(new ListDeliveryStreamsCommand({ Limit: 100 }));
    expect(list.DeliveryStreamNames).not.toContain('doomed');
  });

  it('updates the destination, raising VersionId, and refuses a stale version', async () => {
    await activeStream('updated');
    await firehose.send(
      new UpdateDestinationCommand({
        DeliveryStreamName: 'updated',
        CurrentDeliveryStreamVersionId: '1',
        DestinationId: 'destinationId-000000000001',
        ExtendedS3DestinationUpdate: { BufferingHints: { IntervalInSeconds: 120 } },
      }),
    );
    const { DeliveryStreamDescription: d } = await firehose.send(
      new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'updated' }),
    );
    expect(d!.VersionId).toBe('2');
    expect(d!.Destinations![0]!.ExtendedS3DestinationDescription!.BufferingHints).toEqual({
      SizeInMBs: 1,
      IntervalInSeconds: 120,
    });
    await expect(
      firehose.send(
        new UpdateDestinationCommand({
          DeliveryStreamName: 'updated',
          CurrentDeliveryStreamVersionId: '1',
          DestinationId: 'destinationId-000000000001',
          ExtendedS3DestinationUpdate: { Prefix: 'x/' },
        }),
      ),
    ).rejects.toMatchObject({ name: 'ConcurrentModificationException' });
  });
});

describe('data plane', () => {
  const records = (count: number, size = 10) =>
    Array.from({ length: count }, (_, i) => ({ Data: Buffer.from(String(i).padStart(size, '.')) }));

  it('accepts a batch, answering one RecordId per record in order', async () => {
    await activeStream('put-ok');
    const out = await firehose.send(
      new PutRecordBatchCommand({ DeliveryStreamName: 'put-ok', Records: records(3) }),
    );
    expect(out.FailedPutCount).toBe(0);
    expect(out.Encrypted).toBe(false);
    expect(out.RequestResponses).toHaveLength(3);
    const ids = out.RequestResponses!.map((r) => r.RecordId);
    expect(new Set(ids).size).toBe(3);
    const single = await firehose.send(
      new PutRecordCommand({ DeliveryStreamName: 'put-ok', Record: { Data: Buffer.from('x') } }),
    );
    expect(single.RecordId).toEqual(expect.any(String));
    expect(ids).not.toContain(single.RecordId);
  });

  it('refuses 501 records, an oversize record and a batch over 4 MiB', async () => {
    await activeStream('limits');
    await expect(
      firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'limits', Records: records(501) })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining(
        "at 'records' failed to satisfy constraint: Member must have length less than or equal to 500",
      ),
    });
    const oversize = [{ Data: Buffer.alloc(1_024_001, 97) }];
    await expect(
      firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'limits', Records: oversize })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining("at 'records.1.member.data'"),
    });
    const big = Array.from({ length: 5 }, () => ({ Data: Buffer.alloc(1_000_000, 98) }));
    await expect(
      firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'limits', Records: big })),
    ).rejects.toMatchObject({
      name: 'InvalidArgumentException',
      message: 'Records size exceeds 4 MB limit',
    });
    const exact = [{ Data: Buffer.alloc(1_024_000, 99) }];
    const ok = await firehose.send(
      new PutRecordBatchCommand({ DeliveryStreamName: 'limits', Records: exact }),
    );
    expect(ok.FailedPutCount).toBe(0);
  });

  it('refuses records for a missing stream with ResourceNotFoundException', async () => {
    await expect(
      firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'ghost', Records: records(1) })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });
});

/**
 * States that last a moment need a slower clock to be seen for sure: at
 * timeScale 4, CREATING lasts 1.25 s and DELETING 0.75 s of real time.
 */
describe('transient states', () => {
  let slow: RunningSandbox & { home: string };
  let client: FirehoseClient;

  beforeAll(async () => {
    slow = await startTestSandbox({ timeScale: 4 }, { services: [createFirehoseService(() => sink)] });
    client = new FirehoseClient(clientConfig(slow));
  });

  afterAll(async () => {
    client.destroy();
    await slow.close();
    await removeHome(slow.home);
  });

  it('goes CREATING -> ACTIVE -> DELETING -> gone, refusing deletes and records while CREATING', async () => {
    await client.send(new CreateDeliveryStreamCommand(createInput('slow')));
    const describe = async () =>
      (await client.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'slow' })))
        .DeliveryStreamDescription!.DeliveryStreamStatus;
    expect(await describe()).toBe('CREATING');
    await expect(
      client.send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: 'slow' })),
    ).rejects.toMatchObject({
      name: 'ResourceInUseException',
    });
    await expect(
      client.send(
        new PutRecordBatchCommand({ DeliveryStreamName: 'slow', Records: [{ Data: Buffer.from('x') }] }),
      ),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: expect.stringContaining('CREATING'),
    });

    const seen: string[] = [];
    for (let i = 0; i < 100 && seen.at(-1) !== 'ACTIVE'; i++) {
      const status = await describe();
      if (seen.at(-1) !== status) seen.push(status!);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(seen).toEqual(['CREATING', 'ACTIVE']);

    await client.send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: 'slow' }));
    expect(await describe()).toBe('DELETING');
    await expect(
      client.send(
        new PutRecordBatchCommand({ DeliveryStreamName: 'slow', Records: [{ Data: Buffer.from('x') }] }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
