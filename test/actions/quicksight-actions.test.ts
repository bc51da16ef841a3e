/**
 * Section 3 through its actions and checks, on the sandbox: the happy path,
 * then every step run again to show it converges instead of duplicating.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { ListIngestionsCommand } from '@aws-sdk/client-quicksight';
import { checkQuickSightAccount } from '../../src/actions/quicksight-preflight.js';
import { connectQuickSightToBucket } from '../../src/actions/quicksight-data-source.js';
import { prepareQuickSightDataSet } from '../../src/actions/quicksight-data-set.js';
import { buildQuickSightAnalysis } from '../../src/actions/quicksight-analysis.js';
import { QUICKSIGHT_CODES as CODES } from '../../src/aws/quicksight-codes.js';
import { MANIFEST_KEY } from '../../src/aws/quicksight-manifest.js';
import {
  quickSightAnalysisReady,
  quickSightDataSetPrepared,
  quickSightDataSourceReady,
  quickSightIngestionComplete,
  quickSightSubscribed,
} from '../../src/checks/quicksight.js';
import { dayLines, startHarness, TEST_ACCOUNT, type Harness } from './quicksight-harness.js';

const lines = dayLines();
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ lines });
});

afterAll(async () => {
  await h.close();
});

describe('first run', () => {
  test('the account check finds the subscription, the owner and S3 access', async () => {
    const outputs = await h.run(checkQuickSightAccount);
    expect(outputs).toMatchObject({
      quickSightEdition: 'ENTERPRISE',
      quickSightIdentityRegion: 'eu-west-1',
      quickSightOwner: 'sandbox-learner',
      quickSightOwnerArn: `arn:aws:quicksight:eu-west-1:${TEST_ACCOUNT}:user/default/sandbox-learner`,
      quickSightS3Access: 'granted',
    });
    expect(h.codes()).toContain(CODES.S3_ACCESS_OK);
    expect(h.questions).toEqual([]);
    expect(await h.check(quickSightSubscribed)).toMatchObject({
      ok: true,
      detail: expect.stringContaining('ENTERPRISE'),
    });
  });

  test('the manifest names the year folders, and the data source reads it', async () => {
    const outputs = await h.run(connectQuickSightToBucket);
    expect(outputs.manifestPrefixes).toEqual([`s3://${h.session.names.bucket}/2026/`]);
    const manifest = await h.session.clients.s3.send(
      new GetObjectCommand({ Bucket: h.session.names.bucket, Key: MANIFEST_KEY }),
    );
    expect(JSON.parse(await manifest.Body!.transformToString())).toEqual({
      fileLocations: [{ URIPrefixes: [`s3://${h.session.names.bucket}/2026/`] }],
      globalUploadSettings: { format: 'JSON' },
    });
    expect(await h.check(quickSightDataSourceReady)).toMatchObject({ ok: true });
  });

  test('the data set is prepared and its ingestion followed to the end', async () => {
    const outputs = await h.run(prepareQuickSightDataSet);
    expect(outputs).toMatchObject({
      dataSetId: 'theme-park-data',
      rowsIngested: lines.length,
      rowsDropped: 0,
    });
    const live = h.events.filter((e) => e.live?.view === 'ingestion');
    expect(live.length).toBeGreaterThan(0);
    expect(live.at(-1)!.live!.state).toMatchObject({
      status: 'COMPLETED',
      rowsIngested: lines.length,
      rowsDropped: 0,
      expectedRows: lines.length,
    });
    expect(await h.check(quickSightDataSetPrepared)).toMatchObject({ ok: true });
  });

  test("the ingestion check counts the bucket, or takes the landing step's figure", async () => {
    expect(await h.check(quickSightIngestionComplete, {})).toMatchObject({
      ok: true,
      detail: expect.stringContaining(`${lines.length} rows`),
    });
    expect(await h.check(quickSightIngestionComplete, { landedRecords: lines.length })).toMatchObject({
      ok: true,
    });
    expect(
      await h.check(quickSightIngestionComplete, { landedRecords: lines.length - 2, duplicateRecords: 2 }),
    ).toMatchObject({ ok: true });
    expect(await h.check(quickSightIngestionComplete, { landedRecords: lines.length + 5 })).toMatchObject({
      ok: false,
      detail: expect.stringContaining(
        `SPICE holds ${lines.length} rows but the bucket ${lines.length + 5} records`,
      ),
    });
  });

  test('the analysis gets the five visuals', async () => {
    const outputs = await h.run(buildQuickSightAnalysis);
    expect(outputs.visuals).toEqual([
      'BarChartVisual',
      'GeospatialMapVisual',
      'LineChartVisual',
      'TreeMapVisual',
      'KPIVisual',
    ]);
    expect(await h.check(quickSightAnalysisReady)).toMatchObject({
      ok: true,
      detail: expect.stringContaining('5 visuals'),
    });
    expect(h.messages(CODES.CONSOLE_LINK).at(-1)).toBe(
      'Open it: https://eu-west-1.quicksight.aws.amazon.com/sn/analyses/theme-park-analysis',
    );
  });
});

describe('running every step again', () => {
  test('changes nothing and starts no new ingestion', async () => {
    const before = h.events.length;
    await h.run(checkQuickSightAccount);
    await h.run(connectQuickSightToBucket);
    await h.run(prepareQuickSightDataSet);
    await h.run(buildQuickSightAnalysis);
    const again = h.events.slice(before);
    expect(again.map((e) => e.code)).not.toContain(CODES.REPLACED);
    expect(again.find((e) => e.code === CODES.MANIFEST)?.message).toMatch(/^Kept the manifest/);
    expect(again.some((e) => /holds all \d+ records already/.test(e.message))).toBe(true);
    expect(again.some((e) => /already holds the module's five visuals/.test(e.message))).toBe(true);
    const ingestions = await h.session.clients.quickSight.send(
      new ListIngestionsCommand({ AwsAccountId: TEST_ACCOUNT, DataSetId: 'theme-park-data' }),
    );
    expect(ingestions.Ingestions).toHaveLength(1);
    expect(h.questions).toEqual([]);
  });
});
