/**
 * The sandbox's QuickSight through the real @aws-sdk/client-quicksight: the
 * module's data source, prepared data set, ingestion and five-visual
 * analysis over a small simulated day in the sandbox's S3.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import {
  CreateAnalysisCommand,
  CreateDataSetCommand,
  CreateDataSourceCommand,
  CreateIngestionCommand,
  DeleteAnalysisCommand,
  DeleteDataSetCommand,
  DescribeAccountSubscriptionCommand,
  DescribeAnalysisCommand,
  DescribeAnalysisDefinitionCommand,
  DescribeDataSetCommand,
  DescribeDataSourceCommand,
  DescribeIngestionCommand,
  DescribeUserCommand,
  ListAnalysesCommand,
  ListDataSetsCommand,
  ListDataSourcesCommand,
  ListIngestionsCommand,
  ListUsersCommand,
  QuickSightClient,
} from '@aws-sdk/client-quicksight';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { analysisDefinition, dataSetTables } from '../../src/aws/quicksight-assets.js';
import { quickSightApi } from '../../src/sandbox/quicksight/api.js';
import { removeHome } from './helpers.js';
import {
  BUCKET,
  clients,
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
} from './quicksight-fixtures.js';

let sandbox: TestSandbox;
let qs: QuickSightClient;
let s3: S3Client;
const lines = dayLines();
const A = TEST_ACCOUNT;
const dataSourceArn = `arn:aws:quicksight:${REGION}:${A}:datasource/theme-park-data`;
const dataSetArn = `arn:aws:quicksight:${REGION}:${A}:dataset/theme-park-data`;

beforeAll(async () => {
  sandbox = await startQuickSightSandbox();
  ({ quickSight: qs, s3 } = clients(sandbox));
  await landDay(s3, lines);
  await putManifest(s3);
});

afterAll(async () => {
  qs.destroy();
  s3.destroy();
  await sandbox.close();
  await removeHome(sandbox.home);
});

async function ingestionOf(dataSetId: string, ingestionId: string) {
  return (
    await qs.send(
      new DescribeIngestionCommand({ AwsAccountId: A, DataSetId: dataSetId, IngestionId: ingestionId }),
    )
  ).Ingestion!;
}

function waitForIngestion(dataSetId: string, ingestionId: string) {
  return pollUntil(
    () => ingestionOf(dataSetId, ingestionId),
    (i) => ['COMPLETED', 'FAILED', 'CANCELLED'].includes(i.IngestionStatus as string),
  );
}

describe('account and users', () => {
  test('the account is subscribed by default, on Enterprise', async () => {
    const out = await qs.send(new DescribeAccountSubscriptionCommand({ AwsAccountId: A }));
    expect(out.Status).toBe(200);
    expect(out.AccountInfo).toMatchObject({
      Edition: 'ENTERPRISE',
      AccountSubscriptionStatus: 'ACCOUNT_CREATED',
    });
  });

  test('the learner is an ADMIN user in the identity region', async () => {
    const out = await qs.send(new ListUsersCommand({ AwsAccountId: A, Namespace: 'default' }));
    expect(out.UserList).toEqual([
      expect.objectContaining({ UserName: 'sandbox-learner', Role: 'ADMIN', Arn: LEARNER_ARN, Active: true }),
    ]);
    const user = await qs.send(
      new DescribeUserCommand({ AwsAccountId: A, Namespace: 'default', UserName: 'sandbox-learner' }),
    );
    expect(user.User?.IdentityType).toBe('IAM');
  });

  test('user calls from another region name the identity region', async () => {
    const elsewhere = clients(sandbox, 'us-west-2').quickSight;
    await expect(
      elsewhere.send(new ListUsersCommand({ AwsAccountId: A, Namespace: 'default' })),
    ).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: `Operation is being called from endpoint us-west-2, but your identity region is ${REGION}. Please use the ${REGION} endpoint.`,
      $metadata: { httpStatusCode: 401 },
    });
    elsewhere.destroy();
  });

  test('another account id in the path is refused', async () => {
    await expect(qs.send(new ListDataSetsCommand({ AwsAccountId: '999999999999' }))).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
  });
});

describe('the module end to end', () => {
  test('the data source settles CREATION_SUCCESSFUL', async () => {
    const created = await qs.send(
      new CreateDataSourceCommand({
        AwsAccountId: A,
        DataSourceId: 'theme-park-data',
        Name: 'theme-park-data',
        Type: 'S3',
        DataSourceParameters: {
          S3Parameters: { ManifestFileLocation: { Bucket: BUCKET, Key: MANIFEST_KEY } },
        },
        Permissions: [{ Principal: LEARNER_ARN, Actions: OWNER_ACTIONS.dataSource }],
      }),
    );
    expect(created).toMatchObject({
      Status: 202,
      CreationStatus: 'CREATION_IN_PROGRESS',
      Arn: dataSourceArn,
    });
    const seen = await pollUntil(
      async () =>
        (await qs.send(new DescribeDataSourceCommand({ AwsAccountId: A, DataSourceId: 'theme-park-data' })))
          .DataSource!,
      (source) => source.Status !== 'CREATION_IN_PROGRESS',
    );
    expect(seen.at(-1)).toMatchObject({ Status: 'CREATION_SUCCESSFUL', Type: 'S3' });
    expect(seen.at(-1)!.CreatedTime).toBeInstanceOf(Date);
    const list = await qs.send(new ListDataSourcesCommand({ AwsAccountId: A }));
    expect(list.DataSources?.map((s) => s.DataSourceId)).toEqual(['theme-park-data']);
  });

  test('creating the data set starts an ingestion that reads every record', async () => {
    const created = await qs.send(
      new CreateDataSetCommand({
        AwsAccountId: A,
        DataSetId: 'theme-park-data',
        Name: 'theme-park-data',
        ImportMode: 'SPICE',
        ...dataSetTables(dataSourceArn),
        Permissions: [{ Principal: LEARNER_ARN, Actions: OWNER_ACTIONS.dataSet }],
      }),
    );
    expect(created).toMatchObject({ Status: 201, DataSetId: 'theme-park-data', Arn: dataSetArn });
    expect(created.IngestionArn).toBe(`${dataSetArn}/ingestion/${created.IngestionId}`);

    const seen = await waitForIngestion('theme-park-data', created.IngestionId!);
    // Statuses only move forward; which of them a poll catches depends on timing.
    const order = ['INITIALIZED', 'QUEUED', 'RUNNING', 'COMPLETED'];
    const statuses = [...new Set(seen.map((i) => i.IngestionStatus as string))];
    expect(statuses).toEqual(order.filter((s) => statuses.includes(s)));
    expect(statuses.at(-1)).toBe('COMPLETED');
    expect(seen.at(-1)!.RowInfo).toEqual({
      RowsIngested: lines.length,
      RowsDropped: 0,
      TotalRowsInDataset: lines.length,
    });
    expect(seen.at(-1)!.IngestionSizeInBytes).toBeGreaterThan(lines.length * 100);
  });

  test('the data set has the prepared columns, and its rows the minutes in the park', async () => {
    const { DataSet } = await qs.send(
      new DescribeDataSetCommand({ AwsAccountId: A, DataSetId: 'theme-park-data' }),
    );
    const types = Object.fromEntries(DataSet!.OutputColumns!.map((c) => [c.Name, c.Type]));
    expect(types).toMatchObject({
      rating: 'INTEGER',
      minutesInPark: 'INTEGER',
      'visitor.home.latitude': 'DECIMAL',
      timestamp: 'DATETIME',
    });
    expect(DataSet!.ConsumedSpiceCapacityInBytes).toBeGreaterThan(0);

    const exits = lines.map((line) => JSON.parse(line)).filter((r) => r.event === 'Exit');
    const expected = new Map(
      exits.map((r) => [
        r.eventId,
        Math.trunc((Date.parse(r.timestamp) - Date.parse(r.visitor.arrivalTime)) / 60000),
      ]),
    );
    let checked = 0;
    for await (const row of quickSightApi(sandbox.state).rows(A, REGION, 'theme-park-data')) {
      if (row.event !== 'Exit') continue;
      expect(row.minutesInPark).toBe(expected.get(row.eventId as string));
      checked++;
    }
    expect(checked).toBe(exits.length);
    expect(checked).toBeGreaterThan(0);
  });

  test('the analysis keeps all five visuals exactly as the SDK sent them', async () => {
    const definition = analysisDefinition(dataSetArn);
    const created = await qs.send(
      new CreateAnalysisCommand({
        AwsAccountId: A,
        AnalysisId: 'theme-park-analysis',
        Name: 'theme-park-analysis',
        Definition: definition,
        Permissions: [{ Principal: LEARNER_ARN, Actions: OWNER_ACTIONS.analysis }],
      }),
    );
    expect(created).toMatchObject({ Status: 202, CreationStatus: 'CREATION_IN_PROGRESS' });
    const seen = await pollUntil(
      async () =>
        (await qs.send(new DescribeAnalysisCommand({ AwsAccountId: A, AnalysisId: 'theme-park-analysis' })))
          .Analysis!,
      (analysis) => analysis.Status !== 'CREATION_IN_PROGRESS',
    );
    expect(seen.at(-1)).toMatchObject({
      Status: 'CREATION_SUCCESSFUL',
      Errors: [],
      DataSetArns: [dataSetArn],
    });

    const out = await qs.send(
      new DescribeAnalysisDefinitionCommand({ AwsAccountId: A, AnalysisId: 'theme-park-analysis' }),
    );
    // A member the SDK's model does not know would be dropped on the way and missing here.
    expect(out.Definition).toEqual(definition);
    expect(out.Definition!.Sheets![0]!.Visuals).toHaveLength(5);
    const list = await qs.send(new ListAnalysesCommand({ AwsAccountId: A }));
    expect(list.AnalysisSummaryList?.map((a) => a.AnalysisId)).toEqual(['theme-park-analysis']);
  });

  test('a refresh reads records that landed since, and ListIngestions shows it first', async () => {
    const more = dayLines(0.001, 8).slice(0, 40);
    await s3.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: '2026/12/03/20/late-object', Body: more.join('') }),
    );
    const created = await qs.send(
      new CreateIngestionCommand({ AwsAccountId: A, DataSetId: 'theme-park-data', IngestionId: 'refresh-1' }),
    );
    expect(created).toMatchObject({ Status: 201, IngestionStatus: 'INITIALIZED' });
    const last = (await waitForIngestion('theme-park-data', 'refresh-1')).at(-1)!;
    expect(last.RowInfo).toMatchObject({ RowsIngested: lines.length + more.length, RowsDropped: 0 });
    const list = await qs.send(new ListIngestionsCommand({ AwsAccountId: A, DataSetId: 'theme-park-data' }));
    expect(list.Ingestions?.[0]?.IngestionId).toBe('refresh-1');
    expect(list.Ingestions).toHaveLength(2);
  });
});

describe('what the service refuses', () => {
  test('a cast of a column the data set does not have', async () => {
    const tables = dataSetTables(dataSourceArn);
    const logical = Object.values(tables.LogicalTableMap)[0]!;
    logical.DataTransforms = [
      { CastColumnTypeOperation: { ColumnName: 'ratting', NewColumnType: 'INTEGER' } },
    ];
    await expect(
      qs.send(
        new CreateDataSetCommand({
          AwsAccountId: A,
          DataSetId: 'typo',
          Name: 'typo',
          ImportMode: 'SPICE',
          ...tables,
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      message: expect.stringContaining('"ratting" does not exist'),
      $metadata: { httpStatusCode: 400 },
    });
  });

  test('a calculated field naming an unknown column', async () => {
    const tables = dataSetTables(dataSourceArn);
    const logical = Object.values(tables.LogicalTableMap)[0]!;
    logical.DataTransforms = [
      {
        CreateColumnsOperation: {
          Columns: [{ ColumnName: 'm', ColumnId: 'm', Expression: 'dateDiff({arrival}, {timestamp}, "MI")' }],
        },
      },
    ];
    await expect(
      qs.send(
        new CreateDataSetCommand({
          AwsAccountId: A,
          DataSetId: 'calc',
          Name: 'calc',
          ImportMode: 'SPICE',
          ...tables,
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      message: expect.stringContaining('{arrival} does not exist'),
    });
  });

  test('a data set over a data source that does not exist', async () => {
    const tables = dataSetTables(`arn:aws:quicksight:${REGION}:${A}:datasource/nope`);
    await expect(
      qs.send(
        new CreateDataSetCommand({
          AwsAccountId: A,
          DataSetId: 'orphan',
          Name: 'orphan',
          ImportMode: 'SPICE',
          ...tables,
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      message: expect.stringContaining('does not exist'),
    });
  });

  test('permissions for a principal in the wrong region', async () => {
    await expect(
      qs.send(
        new CreateDataSourceCommand({
          AwsAccountId: A,
          DataSourceId: 'wrong-principal',
          Name: 'x',
          Type: 'S3',
          DataSourceParameters: {
            S3Parameters: { ManifestFileLocation: { Bucket: BUCKET, Key: MANIFEST_KEY } },
          },
          Permissions: [
            { Principal: LEARNER_ARN.replace(REGION, 'us-east-1'), Actions: OWNER_ACTIONS.dataSource },
          ],
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      message: expect.stringContaining('identity region'),
    });
  });

  test('an analysis naming a column the data set lacks', async () => {
    const definition = analysisDefinition(dataSetArn);
    const kpi = definition.Sheets![0]!.Visuals!.find((v) => v.KPIVisual)!.KPIVisual!;
    kpi.ChartConfiguration!.FieldWells!.Values![0]!.CategoricalMeasureField!.Column!.ColumnName = 'eventID';
    await expect(
      qs.send(
        new CreateAnalysisCommand({
          AwsAccountId: A,
          AnalysisId: 'bad-column',
          Name: 'x',
          Definition: definition,
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      message: expect.stringContaining('no column "eventID"'),
    });
  });

  test('an analysis naming a data set that does not exist fails with DATA_SET_NOT_FOUND', async () => {
    const missing = `arn:aws:quicksight:${REGION}:${A}:dataset/not-there`;
    await qs.send(
      new CreateAnalysisCommand({
        AwsAccountId: A,
        AnalysisId: 'no-data',
        Name: 'x',
        Definition: analysisDefinition(missing),
      }),
    );
    const seen = await pollUntil(
      async () =>
        (await qs.send(new DescribeAnalysisCommand({ AwsAccountId: A, AnalysisId: 'no-data' }))).Analysis!,
      (analysis) => analysis.Status !== 'CREATION_IN_PROGRESS',
    );
    expect(seen.at(-1)!.Status).toBe('CREATION_FAILED');
    expect(seen.at(-1)!.Errors).toEqual([expect.objectContaining({ Type: 'DATA_SET_NOT_FOUND' })]);
  });

  test('a deleted analysis keeps its id until deleted without recovery', async () => {
    const input = {
      AwsAccountId: A,
      AnalysisId: 'no-data',
      Name: 'x',
      Definition: analysisDefinition(dataSetArn),
    };
    const deleted = await qs.send(new DeleteAnalysisCommand({ AwsAccountId: A, AnalysisId: 'no-data' }));
    expect(deleted.DeletionTime!.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    await expect(qs.send(new CreateAnalysisCommand(input))).rejects.toMatchObject({
      name: 'ResourceExistsException',
    });
    await qs.send(
      new DeleteAnalysisCommand({ AwsAccountId: A, AnalysisId: 'no-data', ForceDeleteWithoutRecovery: true }),
    );
    await expect(qs.send(new CreateAnalysisCommand(input))).resolves.toMatchObject({ Status: 202 });
  });

  test('a file that is not JSON fails the ingestion with the file and line', async () => {
    await s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: '2026/12/03/21/broken',
        Body: `${lines[0]}{"event": "Ride", "rating":\n`,
      }),
    );
    const created = await qs.send(
      new CreateIngestionCommand({ AwsAccountId: A, DataSetId: 'theme-park-data', IngestionId: 'broken' }),
    );
    const last = (await waitForIngestion('theme-park-data', created.IngestionId!)).at(-1)!;
    expect(last.IngestionStatus).toBe('FAILED');
    expect(last.ErrorInfo).toEqual({
      Type: 'FAILURE_TO_PROCESS_JSON_FILE',
      Message: expect.stringContaining(`s3://${BUCKET}/2026/12/03/21/broken`),
    });
  });

  test('rows whose values do not fit their column are dropped and counted', async () => {
    const bad = JSON.parse(lines[5]!);
    bad.rating = 'five';
    bad.event = 'Ride';
    await s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: '2026/12/03/21/broken',
        Body: `${JSON.stringify(bad)}\n${lines[0]}`,
      }),
    );
    await qs.send(
      new CreateIngestionCommand({
        AwsAccountId: A,
        DataSetId: 'theme-park-data',
        IngestionId: 'with-drops',
      }),
    );
    const last = (await waitForIngestion('theme-park-data', 'with-drops')).at(-1)!;
    expect(last.IngestionStatus).toBe('COMPLETED');
    expect(last.RowInfo).toMatchObject({ RowsDropped: 1, RowsIngested: lines.length + 40 + 1 });
  });

  test('deleting the data set frees its SPICE capacity and rows', async () => {
    await qs.send(new DeleteDataSetCommand({ AwsAccountId: A, DataSetId: 'theme-park-data' }));
    await expect(
      qs.send(new DescribeDataSetCommand({ AwsAccountId: A, DataSetId: 'theme-park-data' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404 },
    });
    const rows: unknown[] = [];
    for await (const row of quickSightApi(sandbox.state).rows(A, REGION, 'theme-park-data')) rows.push(row);
    expect(rows).toEqual([]);
  });
});
