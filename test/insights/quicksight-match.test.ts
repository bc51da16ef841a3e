/**
 * The insights against what the sandbox's QuickSight ingested from the same
 * bucket, through the module's own data set (assets/quicksight-data-set.json):
 * every line is a row there, and the figures computed from its prepared
 * rows (each event id once) are the insights' figures.
 */
import {
  CreateDataSetCommand,
  CreateDataSourceCommand,
  DescribeIngestionCommand,
  type QuickSightClient,
} from '@aws-sdk/client-quicksight';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createClients, type AwsClients } from '../../src/aws/clients.js';
import { dataSetTables } from '../../src/aws/quicksight-assets.js';
import { InsightsAccumulator } from '../../src/insights/compute.js';
import { readBucket } from '../../src/insights/read-bucket.js';
import type { Insights } from '../../src/insights/types.js';
import { quickSightApi } from '../../src/sandbox/quicksight/api.js';
import { removeHome } from '../sandbox/helpers.js';
import {
  BUCKET,
  clients as sandboxClients,
  dayLines,
  landDay,
  LEARNER_ARN,
  MANIFEST_KEY,
  OWNER_ACTIONS,
  pollUntil,
  putManifest,
  REGION,
  startQuickSightSandbox,
  TEST_ACCOUNT,
  type TestSandbox,
} from '../sandbox/quicksight-fixtures.js';

const A = TEST_ACCOUNT;
const DATA_SET = 'theme-park-data';
const lines = dayLines(0.02, 11);
const REDELIVERED = 150;

let sandbox: TestSandbox;
let qs: QuickSightClient;
let s3: S3Client;
let aws: AwsClients;
let rowInfo: { RowsIngested?: number; RowsDropped?: number };
let insights: Insights;

beforeAll(async () => {
  sandbox = await startQuickSightSandbox();
  ({ quickSight: qs, s3 } = sandboxClients(sandbox));
  await landDay(s3, lines);
  // Firehose delivered the first records twice.
  await s3.send(
    new PutObjectCommand({
      Bucket: BUCKET,
      Key: '2026/12/03/16/retry',
      Body: lines.slice(0, REDELIVERED).join(''),
    }),
  );
  await putManifest(s3);

  const dataSourceArn = `arn:aws:quicksight:${REGION}:${A}:datasource/${DATA_SET}`;
  await qs.send(
    new CreateDataSourceCommand({
      AwsAccountId: A,
      DataSourceId: DATA_SET,
      Name: DATA_SET,
      Type: 'S3',
      DataSourceParameters: { S3Parameters: { ManifestFileLocation: { Bucket: BUCKET, Key: MANIFEST_KEY } } },
      Permissions: [{ Principal: LEARNER_ARN, Actions: OWNER_ACTIONS.dataSource }],
    }),
  );
  const created = await qs.send(
    new CreateDataSetCommand({
      AwsAccountId: A,
      DataSetId: DATA_SET,
      Name: DATA_SET,
      ImportMode: 'SPICE',
      ...dataSetTables(dataSourceArn),
      Permissions: [{ Principal: LEARNER_ARN, Actions: OWNER_ACTIONS.dataSet }],
    }),
  );
  const seen = await pollUntil(
    async () =>
      (
        await qs.send(
          new DescribeIngestionCommand({
            AwsAccountId: A,
            DataSetId: DATA_SET,
            IngestionId: created.IngestionId!,
          }),
        )
      ).Ingestion!,
    (i) => ['COMPLETED', 'FAILED', 'CANCELLED'].includes(i.IngestionStatus as string),
  );
  expect(seen.at(-1)!.IngestionStatus).toBe('COMPLETED');
  rowInfo = seen.at(-1)!.RowInfo!;

  aws = createClients({
    region: REGION,
    endpoint: sandbox.endpoint,
    credentials: { accessKeyId: A, secretAccessKey: 'sandbox-secret' },
  });
  const accumulator = new InsightsAccumulator();
  await readBucket(aws, BUCKET, accumulator);
  insights = accumulator.result();
});

afterAll(async () => {
  qs?.destroy();
  s3?.destroy();
  aws?.destroy();
  await sandbox?.close();
  await removeHome(sandbox.home);
});

/** The prepared rows, each event id once, as QuickSight holds them. */
async function distinctRows(): Promise<{ rows: number; distinct: Array<Record<string, unknown>> }> {
  const seen = new Set<string>();
  const distinct: Array<Record<string, unknown>> = [];
  let rows = 0;
  for await (const row of quickSightApi(sandbox.state).rows(A, REGION, DATA_SET)) {
    rows++;
    if (seen.has(row.eventId as string)) continue;
    seen.add(row.eventId as string);
    distinct.push(row);
  }
  return { rows, distinct };
}

describe('the insights and the sandbox QuickSight ingestion of the same bucket', () => {
  it('read the same lines: every line QuickSight ingested, copies included', () => {
    expect(rowInfo.RowsDropped).toBe(0);
    expect(insights.source.unreadable).toBe(0);
    expect(insights.source.lines).toBe(rowInfo.RowsIngested);
    expect(insights.source.lines).toBe(lines.length + REDELIVERED);
  });

  it('count the same records once each by event id', async () => {
    const { rows, distinct } = await distinctRows();
    expect(rows).toBe(rowInfo.RowsIngested);
    expect(insights.totals.records).toBe(distinct.length);
    expect(insights.source.duplicates).toBe(rows - distinct.length);
    const count = (event: string) => distinct.filter((r) => r.event === event).length;
    expect(insights.totals).toEqual({
      records: distinct.length,
      visitors: count('Entry'),
      rides: count('Ride'),
      exits: count('Exit'),
    });
  });

  it('give each age the average minutesInPark QuickSight computed', async () => {
    const { distinct } = await distinctRows();
    const byAge = new Map<number, number[]>();
    for (const row of distinct.filter((r) => r.event === 'Exit')) {
      const list = byAge.get(row['visitor.age'] as number) ?? [];
      list.push(row.minutesInPark as number);
      byAge.set(row['visitor.age'] as number, list);
    }
    expect(insights.stayByAge.map((s) => s.age)).toEqual([...byAge.keys()].sort((a, b) => a - b));
    for (const stay of insights.stayByAge) {
      const minutes = byAge.get(stay.age)!;
      expect(stay.exits).toBe(minutes.length);
      expect(stay.averageMinutes).toBeCloseTo(minutes.reduce((a, b) => a + b, 0) / minutes.length, 9);
    }
  });

  it('give each ride the riders and average rating QuickSight holds', async () => {
    const { distinct } = await distinctRows();
    for (const ride of insights.rides) {
      const ratings = distinct
        .filter((r) => r.event === 'Ride' && r.rideId === ride.rideId)
        .map((r) => r.rating as number);
      expect(ride.riders).toBe(ratings.length);
      expect(ride.averageRating).toBeCloseTo(ratings.reduce((a, b) => a + b, 0) / ratings.length, 9);
    }
  });
});
