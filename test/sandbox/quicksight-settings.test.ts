/**
 * THEMEPARK_SANDBOX_QUICKSIGHT: each way the real service refuses the
 * workshop, produced on purpose, and each way out of it, through the real
 * SDK clients.
 */
import { afterEach, describe, expect, test } from '@jest/globals';
import {
  CreateAccountSubscriptionCommand,
  CreateAnalysisCommand,
  CreateDataSetCommand,
  CreateDataSourceCommand,
  CreateIngestionCommand,
  DeleteDataSetCommand,
  DescribeAccountSubscriptionCommand,
  DescribeDataSetCommand,
  DescribeDataSourceCommand,
  DescribeIngestionCommand,
  ListDataSetsCommand,
  ListUsersCommand,
  type QuickSightClient,
} from '@aws-sdk/client-quicksight';
import { GetRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { analysisDefinition, dataSetTables } from '../../src/aws/quicksight-assets.js';
import { parseQuickSightSetting } from '../../src/sandbox/quicksight/settings.js';
import { clientConfig, removeHome, startTestSandbox } from './helpers.js';
import {
  BUCKET,
  clients,
  dayLines,
  landDay,
  MANIFEST_KEY,
  pollUntil,
  QUICKSIGHT_SERVICES,
  putManifest,
  REGION,
  startQuickSightSandbox,
  TEST_ACCOUNT,
  type TestSandbox,
} from './quicksight-fixtures.js';

const A = TEST_ACCOUNT;
const running: Array<{ sandbox: TestSandbox; destroy(): void }> = [];

afterEach(async () => {
  for (const { sandbox, destroy } of running.splice(0)) {
    destroy();
    await sandbox.close();
    await removeHome(sandbox.home);
  }
});

async function open(setting: string, region = REGION) {
  const sandbox = await startQuickSightSandbox(setting);
  const made = clients(sandbox, region);
  const iam = new IAMClient(clientConfig(sandbox, A, REGION));
  running.push({ sandbox, destroy: () => [made.quickSight, made.s3, iam].forEach((c) => c.destroy()) });
  return { sandbox, ...made, iam };
}

function createDataSource(qs: QuickSightClient, id = 'theme-park-data') {
  return qs.send(
    new CreateDataSourceCommand({
      AwsAccountId: A,
      DataSourceId: id,
      Name: id,
      Type: 'S3',
      DataSourceParameters: { S3Parameters: { ManifestFileLocation: { Bucket: BUCKET, Key: MANIFEST_KEY } } },
    }),
  );
}

async function createDataSetAndWait(qs: QuickSightClient) {
  await createDataSource(qs);
  await pollUntil(
    async () =>
      (await qs.send(new DescribeDataSourceCommand({ AwsAccountId: A, DataSourceId: 'theme-park-data' })))
        .DataSource!.Status,
    (status) => status !== 'CREATION_IN_PROGRESS',
  );
  const arn = `arn:aws:quicksight:${REGION}:${A}:datasource/theme-park-data`;
  const created = await qs.send(
    new CreateDataSetCommand({
      AwsAccountId: A,
      DataSetId: 'theme-park-data',
      Name: 'theme-park-data',
      ImportMode: 'SPICE',
      ...dataSetTables(arn),
    }),
  );
  return waitForIngestion(qs, created.IngestionId!);
}

async function waitForIngestion(qs: QuickSightClient, id: string) {
  const seen = await pollUntil(
    async () =>
      (
        await qs.send(
          new DescribeIngestionCommand({ AwsAccountId: A, DataSetId: 'theme-park-data', IngestionId: id }),
        )
      ).Ingestion!,
    (ingestion) => ['COMPLETED', 'FAILED'].includes(ingestion.IngestionStatus as string),
  );
  return seen.at(-1)!;
}

describe('the setting itself', () => {
  test('is parsed strictly', () => {
    expect(parseQuickSightSetting('standard, spice-mb=5 ,identity-region=us-east-1')).toMatchObject({
      edition: 'STANDARD',
      spiceCapacityBytes: 5 * 1024 * 1024,
      identityRegion: 'us-east-1',
    });
    expect(() => parseQuickSightSetting('unsubscribed,spice-ful')).toThrow(
      /THEMEPARK_SANDBOX_QUICKSIGHT .*"spice-ful"/,
    );
    expect(() => parseQuickSightSetting('spice-mb=lots')).toThrow(/THEMEPARK_SANDBOX_QUICKSIGHT/);
  });
});

describe('unsubscribed', () => {
  test('answers as an account that never signed up, until CreateAccountSubscription', async () => {
    const { quickSight: qs, iam } = await open('unsubscribed');
    await expect(qs.send(new DescribeAccountSubscriptionCommand({ AwsAccountId: A }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(
      qs.send(new ListUsersCommand({ AwsAccountId: A, Namespace: 'default' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Account ${A} is not signed up with QuickSight with namespace default`,
    });
    await expect(qs.send(new ListDataSetsCommand({ AwsAccountId: A }))).rejects.toMatchObject({
      name: 'UnsupportedUserEditionException',
      message: `Account ${A} is not subscribed for QuickSight`,
      $metadata: { httpStatusCode: 403 },
    });

    const signup = {
      AwsAccountId: A,
      AccountName: `theme-park-admin-${A}`,
      NotificationEmail: 'me@example.com',
      AuthenticationMethod: 'IAM_AND_QUICKSIGHT' as const,
    };
    await expect(
      qs.send(new CreateAccountSubscriptionCommand({ ...signup, Edition: 'STANDARD' })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
    });
    await qs.send(new CreateAccountSubscriptionCommand({ ...signup, Edition: 'ENTERPRISE' }));
    const { AccountInfo } = await qs.send(new DescribeAccountSubscriptionCommand({ AwsAccountId: A }));
    expect(AccountInfo).toMatchObject({
      AccountName: `theme-park-admin-${A}`,
      Edition: 'ENTERPRISE',
      AccountSubscriptionStatus: 'ACCOUNT_CREATED',
    });
    await expect(
      qs.send(new CreateAccountSubscriptionCommand({ ...signup, Edition: 'ENTERPRISE' })),
    ).rejects.toMatchObject({
      name: 'ResourceExistsException',
    });
    const role = await iam.send(new GetRoleCommand({ RoleName: 'aws-quicksight-service-role-v0' }));
    expect(role.Role?.Path).toBe('/service-role/');
  });
});

describe('no-s3-access', () => {
  test('refuses the manifest until a policy on the service role grants the bucket', async () => {
    const { quickSight: qs, s3, iam } = await open('no-s3-access');
    await landDay(s3, dayLines().slice(0, 50));
    await putManifest(s3);
    await expect(createDataSource(qs)).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: 'Insufficient permission to access the manifest file',
      $metadata: { httpStatusCode: 401 },
    });

    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['s3:ListBucket', 's3:GetBucketLocation'],
          Resource: `arn:aws:s3:::${BUCKET}`,
        },
        {
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:GetObjectVersion'],
          Resource: `arn:aws:s3:::${BUCKET}/*`,
        },
      ],
    };
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: 'aws-quicksight-service-role-v0',
        PolicyName: 'theme-park-data-read',
        PolicyDocument: JSON.stringify(policy),
      }),
    );
    const last = await createDataSetAndWait(qs);
    expect(last).toMatchObject({
      IngestionStatus: 'COMPLETED',
      RowInfo: { RowsIngested: 50, RowsDropped: 0 },
    });
  });

  test('a policy for another bucket does not help', async () => {
    const { quickSight: qs, s3, iam } = await open('no-s3-access');
    await landDay(s3, dayLines().slice(0, 5));
    await putManifest(s3);
    // The sandbox makes the service role at the account's first QuickSight call, as sign-up would.
    await qs.send(new DescribeAccountSubscriptionCommand({ AwsAccountId: A }));
    const other = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 's3:*', Resource: ['arn:aws:s3:::other', 'arn:aws:s3:::other/*'] },
      ],
    };
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: 'aws-quicksight-service-role-v0',
        PolicyName: 'other',
        PolicyDocument: JSON.stringify(other),
      }),
    );
    await expect(createDataSource(qs)).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });
});

describe('spice-full', () => {
  test('fails the ingestion for capacity until the old data set is deleted', async () => {
    const { quickSight: qs, s3 } = await open('spice-full,spice-mb=1');
    await landDay(s3, dayLines());
    await putManifest(s3);
    const list = await qs.send(new ListDataSetsCommand({ AwsAccountId: A }));
    expect(list.DataSetSummaries?.map((s) => s.DataSetId)).toEqual(['old-sales-data']);
    const old = await qs.send(new DescribeDataSetCommand({ AwsAccountId: A, DataSetId: 'old-sales-data' }));
    expect(old.DataSet?.ConsumedSpiceCapacityInBytes).toBe(1024 * 1024);

    const failed = await createDataSetAndWait(qs);
    expect(failed.IngestionStatus).toBe('FAILED');
    expect(failed.ErrorInfo).toEqual({
      Type: 'ACCOUNT_CAPACITY_LIMIT_EXCEEDED',
      Message: expect.stringContaining('0.0 MB of the 1.0 MB'),
    });

    await qs.send(new DeleteDataSetCommand({ AwsAccountId: A, DataSetId: 'old-sales-data' }));
    await qs.send(
      new CreateIngestionCommand({
        AwsAccountId: A,
        DataSetId: 'theme-park-data',
        IngestionId: 'after-cleanup',
      }),
    );
    expect(await waitForIngestion(qs, 'after-cleanup')).toMatchObject({
      IngestionStatus: 'COMPLETED',
      RowInfo: { RowsDropped: 0 },
    });
  });
});

describe('standard', () => {
  test('refuses analyses defined through the API', async () => {
    const { quickSight: qs } = await open('standard');
    const { AccountInfo } = await qs.send(new DescribeAccountSubscriptionCommand({ AwsAccountId: A }));
    expect(AccountInfo?.Edition).toBe('STANDARD');
    const definition = analysisDefinition(`arn:aws:quicksight:${REGION}:${A}:dataset/theme-park-data`);
    await expect(
      qs.send(
        new CreateAnalysisCommand({
          AwsAccountId: A,
          AnalysisId: 'theme-park-analysis',
          Name: 'x',
          Definition: definition,
        }),
      ),
    ).rejects.toMatchObject({ name: 'UnsupportedUserEditionException', $metadata: { httpStatusCode: 403 } });
  });
});

describe('no-permissions', () => {
  test('refuses every call, naming the action', async () => {
    const { quickSight: qs } = await open('no-permissions');
    await expect(qs.send(new ListDataSetsCommand({ AwsAccountId: A }))).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining('is not authorized to perform: quicksight:ListDataSets'),
    });
  });
});

describe('several-users and identity-region', () => {
  test('users live in the identity region, and there are two to choose from', async () => {
    const { quickSight: here } = await open('several-users,identity-region=us-east-1');
    await expect(
      here.send(new ListUsersCommand({ AwsAccountId: A, Namespace: 'default' })),
    ).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining('your identity region is us-east-1'),
    });
    const home = clients(running[0]!.sandbox, 'us-east-1').quickSight;
    const users = await home.send(new ListUsersCommand({ AwsAccountId: A, Namespace: 'default' }));
    home.destroy();
    expect(users.UserList?.map((u) => [u.UserName, u.Role])).toEqual([
      ['sandbox-learner', 'ADMIN'],
      ['park-analyst', 'AUTHOR'],
    ]);
    expect(users.UserList?.[0]?.Arn).toBe(`arn:aws:quicksight:us-east-1:${A}:user/default/sandbox-learner`);
  });
});

describe('a restart', () => {
  test('resumes an ingestion the sandbox stopped in the middle of', async () => {
    // Real time: the ingestion waits a second before it is even queued, so it is unfinished at close.
    const slow = await startTestSandbox({}, { services: QUICKSIGHT_SERVICES });
    const first = clients(slow);
    await landDay(first.s3, dayLines().slice(0, 30));
    await putManifest(first.s3);
    await createDataSource(first.quickSight);
    const arn = `arn:aws:quicksight:${REGION}:${A}:datasource/theme-park-data`;
    await pollUntil(
      async () =>
        (
          await first.quickSight.send(
            new DescribeDataSourceCommand({ AwsAccountId: A, DataSourceId: 'theme-park-data' }),
          )
        ).DataSource!.Status,
      (status) => status === 'CREATION_SUCCESSFUL',
    );
    const created = await first.quickSight.send(
      new CreateDataSetCommand({
        AwsAccountId: A,
        DataSetId: 'theme-park-data',
        Name: 'theme-park-data',
        ImportMode: 'SPICE',
        ...dataSetTables(arn),
      }),
    );
    first.quickSight.destroy();
    first.s3.destroy();
    await slow.close();

    const again = await startTestSandbox(
      { home: slow.home, timeScale: 100 },
      { services: QUICKSIGHT_SERVICES },
    );
    const second = clients(again);
    running.push({
      sandbox: again,
      destroy: () => [second.quickSight, second.s3].forEach((c) => c.destroy()),
    });
    expect(await waitForIngestion(second.quickSight, created.IngestionId!)).toMatchObject({
      IngestionStatus: 'COMPLETED',
      RowInfo: { RowsIngested: 30, RowsDropped: 0 },
    });
  });
});
