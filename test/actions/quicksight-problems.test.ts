/**
 * Every way section 3 can be refused that the sandbox can produce, through
 * the actions and checks: each must say what happened and how to fix it,
 * and offer the fix only where the tool may apply it, after asking.
 */
import { afterEach, describe, expect, test } from '@jest/globals';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { GetRolePolicyCommand } from '@aws-sdk/client-iam';
import { checkQuickSightAccount } from '../../src/actions/quicksight-preflight.js';
import { connectQuickSightToBucket } from '../../src/actions/quicksight-data-source.js';
import { prepareQuickSightDataSet } from '../../src/actions/quicksight-data-set.js';
import { buildQuickSightAnalysis } from '../../src/actions/quicksight-analysis.js';
import { QUICKSIGHT_CODES as CODES } from '../../src/aws/quicksight-codes.js';
import { QuickSightProblem } from '../../src/aws/quicksight-errors.js';
import {
  quickSightAnalysisReady,
  quickSightIngestionComplete,
  quickSightSubscribed,
} from '../../src/checks/quicksight.js';
import {
  dayLines,
  startHarness,
  TEST_ACCOUNT,
  type Harness,
  type HarnessOptions,
} from './quicksight-harness.js';

const lines = dayLines().slice(0, 80);
const open: Harness[] = [];

async function harness(options: HarnessOptions): Promise<Harness> {
  const h = await startHarness({ lines, ...options });
  open.push(h);
  return h;
}

afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
});

async function problemOf(promise: Promise<unknown>): Promise<QuickSightProblem> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(QuickSightProblem);
  return error as QuickSightProblem;
}

describe('not subscribed', () => {
  test('explains the Standard sign-up, and subscribes only when the cost is accepted', async () => {
    const h = await harness({ setting: 'unsubscribed' });
    expect(await h.check(quickSightSubscribed)).toMatchObject({
      ok: false,
      detail: expect.stringContaining('not signed up'),
    });

    h.answers[CODES.SUBSCRIBE_ASK] = [false];
    const problem = await problemOf(h.run(checkQuickSightAccount));
    expect(problem.kind).toBe('not-subscribed');
    expect(problem.message).toContain('Standard edition');
    expect(problem.message).toContain(`theme-park-admin-${TEST_ACCOUNT}`);
    expect(problem.message).toContain('https://quicksight.aws.amazon.com/');
    expect(h.questions[0]!.message).toMatch(
      /ENTERPRISE edition, a paid subscription billed per user every month/,
    );
    expect(h.questions[0]!.ifUnattended).toBe(false);

    h.answers[CODES.SUBSCRIBE_ASK] = [true];
    const outputs = await h.run(checkQuickSightAccount);
    expect(outputs).toMatchObject({
      quickSightEdition: 'ENTERPRISE',
      quickSightAccountName: `theme-park-admin-${TEST_ACCOUNT}`,
    });
    expect(h.codes()).toContain(CODES.SUBSCRIBED);
    expect(await h.check(quickSightSubscribed)).toMatchObject({ ok: true });
  });

  test('an unattended run never subscribes', async () => {
    const h = await harness({ setting: 'unsubscribed' });
    await expect(h.run(checkQuickSightAccount)).rejects.toBeInstanceOf(QuickSightProblem);
    expect(h.codes()).not.toContain(CODES.SUBSCRIBED);
  });
});

describe('QuickSight may not read the bucket', () => {
  test('the account check explains, and grants this bucket only when asked', async () => {
    const h = await harness({ setting: 'no-s3-access' });
    h.answers[CODES.S3_ACCESS_ASK] = [false];
    const problem = await problemOf(h.run(checkQuickSightAccount));
    expect(problem.kind).toBe('s3-access');
    expect(problem.message).toContain('Insufficient permission to access the manifest file');
    expect(problem.message).toContain(h.session.names.bucket);

    h.answers[CODES.S3_ACCESS_ASK] = [true];
    expect(await h.run(checkQuickSightAccount)).toMatchObject({ quickSightS3Access: 'granted-now' });
    const policy = await h.session.clients.iam.send(
      new GetRolePolicyCommand({
        RoleName: 'aws-quicksight-service-role-v0',
        PolicyName: 'theme-park-workshop-s3-read',
      }),
    );
    const document = JSON.parse(decodeURIComponent(policy.PolicyDocument!));
    expect(document.Statement.flatMap((s: { Resource: string }) => s.Resource)).toEqual([
      `arn:aws:s3:::${h.session.names.bucket}`,
      `arn:aws:s3:::${h.session.names.bucket}/*`,
    ]);
    await h.run(connectQuickSightToBucket);
    expect(h.codes()).toContain(CODES.DATA_SOURCE);
  });

  test('the data source step meets the 401 itself and recovers after the grant', async () => {
    const h = await harness({ setting: 'no-s3-access' });
    h.answers[CODES.S3_ACCESS_ASK] = [false, true];
    await expect(h.run(checkQuickSightAccount)).rejects.toBeInstanceOf(QuickSightProblem);
    h.outputs = {
      quickSightEdition: 'ENTERPRISE',
      quickSightIdentityRegion: 'eu-west-1',
      quickSightOwnerArn: `arn:aws:quicksight:eu-west-1:${TEST_ACCOUNT}:user/default/sandbox-learner`,
    };
    await h.run(connectQuickSightToBucket);
    expect(h.codes().filter((c) => c === CODES.S3_ACCESS_DENIED)).toHaveLength(2);
    expect(h.codes()).toContain(CODES.S3_ACCESS_FIXED);
  });
});

describe('not enough SPICE capacity', () => {
  test('says how much is needed, what uses the rest, and where to free or buy it', async () => {
    const h = await harness({ setting: 'spice-full,spice-mb=1' });
    await h.run(checkQuickSightAccount);
    await h.run(connectQuickSightToBucket);
    const problem = await problemOf(h.run(prepareQuickSightDataSet));
    expect(problem.kind).toBe('spice');
    expect(problem.message).toMatch(/needs about \d+ MB, and other data sets already use 1 MB/);
    expect(problem.message).toContain('Sales 2025 (old) (old-sales-data, 1 MB)');
    expect(problem.message).toContain('https://quicksight.aws.amazon.com/sn/admin#capacity');
    expect(await h.check(quickSightIngestionComplete)).toMatchObject({
      ok: false,
      detail: expect.stringContaining('ACCOUNT_CAPACITY_LIMIT_EXCEEDED'),
    });
  });
});

describe('an edition without the feature', () => {
  test('Standard cannot define the analysis; the step says how to upgrade or build it by hand', async () => {
    const h = await harness({ setting: 'standard' });
    await h.run(checkQuickSightAccount);
    await h.run(connectQuickSightToBucket);
    await h.run(prepareQuickSightDataSet);
    const problem = await problemOf(h.run(buildQuickSightAnalysis));
    expect(problem.kind).toBe('edition');
    expect(problem.message).toContain('STANDARD edition');
    expect(problem.message).toContain('Upgrade');
    expect(await h.check(quickSightAnalysisReady)).toMatchObject({
      ok: false,
      detail: expect.stringContaining('no analysis'),
    });
  });

  test('an edition refusal from the service itself is explained the same way', async () => {
    const h = await harness({ setting: 'standard' });
    await h.run(checkQuickSightAccount);
    await h.run(connectQuickSightToBucket);
    await h.run(prepareQuickSightDataSet);
    h.outputs.quickSightEdition = 'ENTERPRISE'; // as if saved before a downgrade
    const problem = await problemOf(h.run(buildQuickSightAnalysis));
    expect(problem.kind).toBe('edition');
  });
});

describe('the learner lacks QuickSight permissions', () => {
  test('names the action refused and what to ask for', async () => {
    const h = await harness({ setting: 'no-permissions' });
    const problem = await problemOf(h.run(checkQuickSightAccount));
    expect(problem.kind).toBe('permissions');
    expect(problem.message).toContain('is not authorized to perform: quicksight:DescribeAccountSubscription');
    expect(problem.message).toContain('quicksight:PassDataSet');
    expect(await h.check(quickSightSubscribed)).toMatchObject({
      ok: false,
      detail: expect.stringContaining('not allowed'),
    });
  });
});

describe('an ingestion that drops rows', () => {
  test('shows which records and why', async () => {
    const bad = JSON.parse(lines[10]!);
    bad.rating = 'five';
    const h = await harness({ lines: [...lines, JSON.stringify(bad) + '\n'] });
    await h.run(checkQuickSightAccount);
    await h.run(connectQuickSightToBucket);
    const outputs = await h.run(prepareQuickSightDataSet);
    expect(outputs).toMatchObject({ rowsDropped: 1, rowsIngested: lines.length });
    const warning = h.messages(CODES.ROWS_DROPPED)[0]!;
    expect(warning).toMatch(/skipped 1 rows/);
    expect(warning).toMatch(/2026\/12\/03\/\d\d\/[^ ]+ line \d+: rating is "five", not a INTEGER/);
    expect(await h.check(quickSightIngestionComplete)).toMatchObject({
      ok: false,
      detail: expect.stringContaining('dropped 1 rows'),
    });
  });

  test('a file that is not JSON fails the ingestion with the file named', async () => {
    const h = await harness({});
    await h.session.clients.s3.send(
      new PutObjectCommand({
        Bucket: h.session.names.bucket,
        Key: '2026/12/03/22/not-json',
        Body: 'hello, world\n',
      }),
    );
    await h.run(checkQuickSightAccount);
    await h.run(connectQuickSightToBucket);
    const problem = await problemOf(h.run(prepareQuickSightDataSet));
    expect(problem.kind).toBe('ingestion');
    expect(problem.message).toContain('2026/12/03/22/not-json');
    expect(h.codes()).toContain(CODES.INGESTION_FAILED);
  });
});

describe('choosing the owner', () => {
  test('asks which user when the caller is none of them, and uses the identity region', async () => {
    const h = await harness({
      setting: 'several-users,identity-region=us-east-1',
      identityArn: `arn:aws:sts::${TEST_ACCOUNT}:assumed-role/Instructor/session-1`,
    });
    h.answers[CODES.OWNER_ASK] = [false, true];
    const outputs = await h.run(checkQuickSightAccount);
    expect(outputs).toMatchObject({
      quickSightIdentityRegion: 'us-east-1',
      quickSightOwner: 'park-analyst',
      quickSightOwnerArn: `arn:aws:quicksight:us-east-1:${TEST_ACCOUNT}:user/default/park-analyst`,
    });
    expect(h.questions.map((q) => q.message)).toEqual([
      expect.stringContaining('sandbox-learner (ADMIN'),
      expect.stringContaining('park-analyst (AUTHOR'),
    ]);
    expect(h.codes()).toContain(CODES.IDENTITY_REGION);
    // Resources get permissions for a principal in the identity region, which the service accepts.
    await h.run(connectQuickSightToBucket);
    expect(h.codes()).toContain(CODES.DATA_SOURCE);
  });
});
