/**
 * The sender through the real Firehose client against a sandbox that
 * misbehaves on purpose: records refused inside a 200 reply, calls refused
 * whole, connections cut after the records were taken, and a tight quota.
 * Every run must end with nothing missing in S3, counted by event id.
 */
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { CreateDeliveryStreamCommand, DescribeDeliveryStreamCommand } from '@aws-sdk/client-firehose';
import { createClients, type AwsClients } from '../../src/aws/clients.js';
import { createSendingClient, putBatchTo } from '../../src/aws/firehose-put.js';
import { BucketReader } from '../../src/aws/reconcile-bucket.js';
import { encodeDay, resolveDayPlan, runTag } from '../../src/simulator/index.js';
import { sendRecords } from '../../src/simulator/sender.js';
import { startTestSandbox } from '../sandbox/helpers.js';

const ACCOUNT = '210987654321';
const plan = resolveDayPlan({ scale: 0.004, seed: 7, date: '2026-07-04' });

async function setUp(options: { faults?: string; quota?: string }) {
  const sandbox = await startTestSandbox({ timeScale: 1000, ...options });
  const clients = createClients({ region: 'us-east-1', credentials: { accessKeyId: ACCOUNT, secretAccessKey: 'x' }, endpoint: sandbox.endpoint });
  await clients.s3.send(new CreateBucketCommand({ Bucket: 'faulty-bucket' }));
  await clients.firehose.send(
    new CreateDeliveryStreamCommand({
      DeliveryStreamName: 'faulty',
      ExtendedS3DestinationConfiguration: {
        RoleARN: `arn:aws:iam::${ACCOUNT}:role/r`,
        BucketARN: 'arn:aws:s3:::faulty-bucket',
        BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 },
      },
    }),
  );
  for (;;) {
    const out = await clients.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'faulty' }));
    if (out.DeliveryStreamDescription?.DeliveryStreamStatus === 'ACTIVE') break;
    await new Promise((r) => setTimeout(r, 20));
  }
  return { sandbox, clients };
}

function dayRecords(skip = 0) {
  return encodeDay({ ...plan, skip });
}

async function reconcile(clients: AwsClients, expected: number) {
  const reader = new BucketReader(clients, 'faulty-bucket', runTag(plan), expected);
  await reader.catchUp();
  return reader.result();
}

const cases: Array<[string, { faults?: string; quota?: string }]> = [
  ['records refused inside a 200 reply', { faults: 'partial=0.2,seed=1' }],
  ['calls refused whole', { faults: 'throttle=0.5,seed=2' }],
  ['connections cut after the records were taken', { faults: 'drop=0.1,seed=3' }],
  ['a tight quota', { quota: '600,5,1' }],
];

describe('delivery under faults', () => {
  it.each(cases)('loses nothing with %s', async (_name, options) => {
    const { sandbox, clients } = await setUp(options);
    try {
      const stats = await sendRecords({ records: dayRecords(), put: putBatchTo(createSendingClient(clients), 'faulty'), concurrency: 4, maxAttempts: 20 });
      // Closing the sandbox flushes every buffer to S3; reopen it to read.
      await sandbox.close();
      const reopened = await startTestSandbox({ home: sandbox.home, timeScale: 1000 });
      const readClients = createClients({ region: 'us-east-1', credentials: { accessKeyId: ACCOUNT, secretAccessKey: 'x' }, endpoint: reopened.endpoint });
      try {
        const result = await reconcile(readClients, stats.watermark);
        expect(result.missing).toBe(0);
        expect(result.landed).toBe(stats.watermark);
        if (options.faults?.startsWith('drop')) expect(stats.retriedRecords).toBeGreaterThan(0);
        if (options.faults?.startsWith('partial') || options.faults?.startsWith('throttle') || options.quota) expect(stats.throttles).toBeGreaterThan(0);
      } finally {
        readClients.destroy();
        await reopened.close();
      }
    } finally {
      clients.destroy();
    }
  });
});
