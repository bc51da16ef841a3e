/**
 * A sandbox with STS, IAM, S3 and QuickSight, a bucket holding a small
 * simulated day (about 430 records, scale 0.001), and polling helpers, for
 * the QuickSight suites.
 */
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { QuickSightClient } from '@aws-sdk/client-quicksight';
import { iamService } from '../../src/sandbox/iam/index.js';
import { quickSightService } from '../../src/sandbox/quicksight/index.js';
import { s3Service } from '../../src/sandbox/s3/index.js';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { stsService } from '../../src/sandbox/sts/index.js';
import { simulateDay, toJsonLine } from '../../src/simulator/index.js';
import { clientConfig, startTestSandbox, TEST_ACCOUNT } from './helpers.js';

export { TEST_ACCOUNT };
export const REGION = 'eu-west-1';
export const BUCKET = `theme-park-data-${TEST_ACCOUNT}-${REGION}`;
export const MANIFEST_KEY = 'quicksight/manifest.json';
export const LEARNER_ARN = `arn:aws:quicksight:${REGION}:${TEST_ACCOUNT}:user/default/sandbox-learner`;

export const QUICKSIGHT_SERVICES = [stsService, iamService, s3Service, quickSightService];

export type TestSandbox = RunningSandbox & { home: string };

/** A sandbox whose simulated waits run 100 times faster, with THEMEPARK_SANDBOX_QUICKSIGHT = `setting`. */
export function startQuickSightSandbox(setting?: string): Promise<TestSandbox> {
  return startTestSandbox(
    { timeScale: 100, ...(setting ? { quickSight: setting } : {}) },
    { services: QUICKSIGHT_SERVICES },
  );
}

export function clients(sandbox: RunningSandbox, region = REGION) {
  const config = clientConfig(sandbox, TEST_ACCOUNT, region);
  return { quickSight: new QuickSightClient(config), s3: new S3Client({ ...config, forcePathStyle: true }) };
}

/** The records of a small simulated day, one JSON line each. */
export function dayLines(scale = 0.001, seed = 7): string[] {
  return [...simulateDay({ scale, seed })].map((event) => toJsonLine(event));
}

/** Creates the bucket and writes `lines` into `objects` objects under Firehose's YYYY/MM/dd/HH/ keys. */
export async function landDay(
  s3: S3Client,
  lines: string[],
  objects = 3,
  bucket = BUCKET,
): Promise<string[]> {
  await s3.send(
    new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: REGION } }),
  );
  const keys: string[] = [];
  const per = Math.ceil(lines.length / objects);
  for (let i = 0; i < objects; i++) {
    const key = `2026/12/03/${String(13 + i).padStart(2, '0')}/theme-park-streaming-data-1-2026-12-03-13-00-0${i}-abc`;
    await s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: key, Body: lines.slice(i * per, (i + 1) * per).join('') }),
    );
    keys.push(key);
  }
  return keys;
}

export async function putManifest(
  s3: S3Client,
  prefixes = [`s3://${BUCKET}/2026/`],
  format = 'JSON',
  key = MANIFEST_KEY,
): Promise<void> {
  const body = JSON.stringify({
    fileLocations: [{ URIPrefixes: prefixes }],
    globalUploadSettings: { format },
  });
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
}

/** Polls `read` until `done` holds for its value (at most ~10 s); returns every value seen. */
export async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T[]> {
  const seen: T[] = [];
  for (let i = 0; i < 500; i++) {
    const value = await read();
    seen.push(value);
    if (done(value)) return seen;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`gave up waiting; last value ${JSON.stringify(seen.at(-1))}`);
}

export const OWNER_ACTIONS = {
  dataSource: [
    'quicksight:DescribeDataSource',
    'quicksight:PassDataSource',
    'quicksight:UpdateDataSource',
    'quicksight:DeleteDataSource',
  ],
  dataSet: [
    'quicksight:DescribeDataSet',
    'quicksight:PassDataSet',
    'quicksight:DescribeIngestion',
    'quicksight:CreateIngestion',
  ],
  analysis: [
    'quicksight:DescribeAnalysis',
    'quicksight:QueryAnalysis',
    'quicksight:UpdateAnalysis',
    'quicksight:DeleteAnalysis',
  ],
};
