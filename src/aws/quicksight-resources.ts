/**
 * The workshop's three QuickSight resources, each found by its id (the
 * names in session.names) or, for ones a learner built in the console with a
 * generated id, by its name. Narrow wrappers: they translate the SDK's shapes
 * into what the actions and checks read, and leave decisions to them.
 */
import {
  CreateAnalysisCommand,
  CreateDataSetCommand,
  CreateDataSourceCommand,
  DeleteAnalysisCommand,
  DeleteDataSetCommand,
  DeleteDataSourceCommand,
  DescribeAnalysisCommand,
  DescribeAnalysisDefinitionCommand,
  DescribeDataSetCommand,
  DescribeDataSourceCommand,
  ListAnalysesCommand,
  ListDataSetsCommand,
  ListDataSourcesCommand,
  type AnalysisDefinition,
  type DataSet,
  type ResourcePermission,
} from '@aws-sdk/client-quicksight';
import type { AwsClients } from './clients.js';
import { isNotFound } from './errors.js';
import type { DataSetTables } from './quicksight-assets.js';

/** What an owner may do with each resource: the console's "owner" set, so they appear there. */
export const OWNER_ACTIONS = {
  dataSource: [
    'quicksight:DescribeDataSource',
    'quicksight:DescribeDataSourcePermissions',
    'quicksight:PassDataSource',
    'quicksight:UpdateDataSource',
    'quicksight:DeleteDataSource',
    'quicksight:UpdateDataSourcePermissions',
  ],
  dataSet: [
    'quicksight:DescribeDataSet',
    'quicksight:DescribeDataSetPermissions',
    'quicksight:PassDataSet',
    'quicksight:DescribeIngestion',
    'quicksight:ListIngestions',
    'quicksight:UpdateDataSet',
    'quicksight:DeleteDataSet',
    'quicksight:CreateIngestion',
    'quicksight:CancelIngestion',
    'quicksight:UpdateDataSetPermissions',
  ],
  analysis: [
    'quicksight:RestoreAnalysis',
    'quicksight:UpdateAnalysisPermissions',
    'quicksight:DeleteAnalysis',
    'quicksight:DescribeAnalysisPermissions',
    'quicksight:QueryAnalysis',
    'quicksight:DescribeAnalysis',
    'quicksight:UpdateAnalysis',
  ],
};

function owner(principal: string, actions: string[]): ResourcePermission[] {
  return [{ Principal: principal, Actions: actions }];
}

// ---------------------------------------------------------------------------
// Data sources

export interface DataSourceState {
  id: string;
  arn: string;
  name: string;
  status: string;
  bucket?: string;
  key?: string;
  error?: { type: string; message: string };
}

export async function describeDataSource(
  clients: AwsClients,
  account: string,
  id: string,
): Promise<DataSourceState | undefined> {
  try {
    const { DataSource: d } = await clients.quickSight.send(
      new DescribeDataSourceCommand({ AwsAccountId: account, DataSourceId: id }),
    );
    const location = d?.DataSourceParameters?.S3Parameters?.ManifestFileLocation;
    return {
      id,
      arn: d?.Arn ?? '',
      name: d?.Name ?? id,
      status: d?.Status ?? 'UNKNOWN',
      ...(location ? { bucket: location.Bucket, key: location.Key } : {}),
      ...(d?.ErrorInfo
        ? { error: { type: d.ErrorInfo.Type ?? 'UNKNOWN', message: d.ErrorInfo.Message ?? '' } }
        : {}),
    };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** By id, else the first S3 data source with that name (a console-made one has a generated id). */
export async function findDataSource(
  clients: AwsClients,
  account: string,
  id: string,
  name: string,
): Promise<DataSourceState | undefined> {
  const byId = await describeDataSource(clients, account, id);
  if (byId) return byId;
  let token: string | undefined;
  do {
    const page = await clients.quickSight.send(
      new ListDataSourcesCommand({ AwsAccountId: account, NextToken: token }),
    );
    const match = page.DataSources?.find((d) => d.Name === name && d.Type === 'S3' && d.DataSourceId);
    if (match) return describeDataSource(clients, account, match.DataSourceId!);
    token = page.NextToken;
  } while (token);
  return undefined;
}

export async function createDataSource(
  clients: AwsClients,
  account: string,
  input: { id: string; name: string; bucket: string; key: string; ownerArn: string },
): Promise<string> {
  const out = await clients.quickSight.send(
    new CreateDataSourceCommand({
      AwsAccountId: account,
      DataSourceId: input.id,
      Name: input.name,
      Type: 'S3',
      DataSourceParameters: {
        S3Parameters: { ManifestFileLocation: { Bucket: input.bucket, Key: input.key } },
      },
      Permissions: owner(input.ownerArn, OWNER_ACTIONS.dataSource),
    }),
  );
  return out.Arn ?? '';
}

export async function deleteDataSource(clients: AwsClients, account: string, id: string): Promise<void> {
  await clients.quickSight.send(new DeleteDataSourceCommand({ AwsAccountId: account, DataSourceId: id }));
}

// ---------------------------------------------------------------------------
// Data sets

export interface DataSetState {
  id: string;
  arn: string;
  name: string;
  columns: Array<{ name: string; type: string }>;
  tables: DataSetTables;
  consumedSpiceBytes: number;
}

function toDataSet(d: DataSet): DataSetState {
  return {
    id: d.DataSetId ?? '',
    arn: d.Arn ?? '',
    name: d.Name ?? '',
    columns: (d.OutputColumns ?? []).map((c) => ({ name: c.Name ?? '', type: c.Type ?? '' })),
    tables: { PhysicalTableMap: d.PhysicalTableMap ?? {}, LogicalTableMap: d.LogicalTableMap ?? {} },
    consumedSpiceBytes: d.ConsumedSpiceCapacityInBytes ?? 0,
  };
}

export async function describeDataSet(
  clients: AwsClients,
  account: string,
  id: string,
): Promise<DataSetState | undefined> {
  try {
    const { DataSet: d } = await clients.quickSight.send(
      new DescribeDataSetCommand({ AwsAccountId: account, DataSetId: id }),
    );
    return d ? toDataSet(d) : undefined;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** Every data set of the region, with its SPICE use (one Describe each, so keep to errors and checks). */
export async function listDataSets(
  clients: AwsClients,
  account: string,
): Promise<Array<{ id: string; name: string }>> {
  const sets: Array<{ id: string; name: string }> = [];
  let token: string | undefined;
  do {
    const page = await clients.quickSight.send(
      new ListDataSetsCommand({ AwsAccountId: account, NextToken: token }),
    );
    for (const s of page.DataSetSummaries ?? [])
      if (s.DataSetId) sets.push({ id: s.DataSetId, name: s.Name ?? s.DataSetId });
    token = page.NextToken;
  } while (token);
  return sets;
}

export async function findDataSet(
  clients: AwsClients,
  account: string,
  id: string,
  name: string,
): Promise<DataSetState | undefined> {
  const byId = await describeDataSet(clients, account, id);
  if (byId) return byId;
  const match = (await listDataSets(clients, account)).find((s) => s.name === name);
  return match ? describeDataSet(clients, account, match.id) : undefined;
}

/** Creates the data set; QuickSight starts its first ingestion at once and returns its id. */
export async function createDataSet(
  clients: AwsClients,
  account: string,
  input: { id: string; name: string; tables: DataSetTables; ownerArn: string },
): Promise<{ arn: string; ingestionId: string }> {
  const out = await clients.quickSight.send(
    new CreateDataSetCommand({
      AwsAccountId: account,
      DataSetId: input.id,
      Name: input.name,
      ImportMode: 'SPICE',
      ...input.tables,
      Permissions: owner(input.ownerArn, OWNER_ACTIONS.dataSet),
    }),
  );
  return { arn: out.Arn ?? '', ingestionId: out.IngestionId ?? '' };
}

export async function deleteDataSet(clients: AwsClients, account: string, id: string): Promise<void> {
  await clients.quickSight.send(new DeleteDataSetCommand({ AwsAccountId: account, DataSetId: id }));
}

// ---------------------------------------------------------------------------
// Analyses

export interface AnalysisState {
  id: string;
  arn: string;
  name: string;
  status: string;
  errors: Array<{ type: string; message: string }>;
  dataSetArns: string[];
}

export async function describeAnalysis(
  clients: AwsClients,
  account: string,
  id: string,
): Promise<AnalysisState | undefined> {
  try {
    const { Analysis: a } = await clients.quickSight.send(
      new DescribeAnalysisCommand({ AwsAccountId: account, AnalysisId: id }),
    );
    return {
      id,
      arn: a?.Arn ?? '',
      name: a?.Name ?? id,
      status: a?.Status ?? 'UNKNOWN',
      errors: (a?.Errors ?? []).map((e) => ({ type: e.Type ?? 'UNKNOWN', message: e.Message ?? '' })),
      dataSetArns: a?.DataSetArns ?? [],
    };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** By id, else the first analysis (not deleted) whose name is one of `names`. */
export async function findAnalysis(
  clients: AwsClients,
  account: string,
  id: string,
  names: string[],
): Promise<AnalysisState | undefined> {
  const byId = await describeAnalysis(clients, account, id);
  if (byId && byId.status !== 'DELETED') return byId;
  const wanted = names.map((n) => n.toLowerCase());
  let token: string | undefined;
  do {
    const page = await clients.quickSight.send(
      new ListAnalysesCommand({ AwsAccountId: account, NextToken: token }),
    );
    const match = page.AnalysisSummaryList?.find(
      (a) => a.Status !== 'DELETED' && wanted.includes((a.Name ?? '').toLowerCase()) && a.AnalysisId,
    );
    if (match) return describeAnalysis(clients, account, match.AnalysisId!);
    token = page.NextToken;
  } while (token);
  return undefined;
}

export async function analysisDefinitionOf(
  clients: AwsClients,
  account: string,
  id: string,
): Promise<AnalysisDefinition | undefined> {
  const out = await clients.quickSight.send(
    new DescribeAnalysisDefinitionCommand({ AwsAccountId: account, AnalysisId: id }),
  );
  return out.Definition;
}

export async function createAnalysis(
  clients: AwsClients,
  account: string,
  input: { id: string; name: string; definition: AnalysisDefinition; ownerArn: string },
): Promise<string> {
  const out = await clients.quickSight.send(
    new CreateAnalysisCommand({
      AwsAccountId: account,
      AnalysisId: input.id,
      Name: input.name,
      Definition: input.definition,
      Permissions: owner(input.ownerArn, OWNER_ACTIONS.analysis),
    }),
  );
  return out.Arn ?? '';
}

/** Deletes at once, without the 30-day recovery window, so the id can be used again (AWS.md section 4). */
export async function deleteAnalysisNow(clients: AwsClients, account: string, id: string): Promise<void> {
  await clients.quickSight.send(
    new DeleteAnalysisCommand({ AwsAccountId: account, AnalysisId: id, ForceDeleteWithoutRecovery: true }),
  );
}

/** Visuals of every sheet, by kind (BarChartVisual, ...). */
export function visualKinds(definition: AnalysisDefinition | undefined): string[] {
  return (definition?.Sheets ?? []).flatMap((sheet) =>
    (sheet.Visuals ?? []).flatMap((visual) =>
      Object.keys(visual).filter((k) => (visual as Record<string, unknown>)[k]),
    ),
  );
}

/**
 * What an analysis shows, independent of the defaults the service adds to a
 * stored definition: each visual's kind, id and columns, and each filter's
 * column and values. Two definitions with the same signature show the same.
 */
export function definitionSignature(definition: AnalysisDefinition | undefined): string {
  const columnsIn = (node: unknown, found: string[] = []): string[] => {
    if (Array.isArray(node)) node.forEach((item) => columnsIn(item, found));
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'ColumnName' && typeof value === 'string') found.push(value);
        else if (key === 'CategoryValues' && Array.isArray(value))
          found.push(...value.map((v) => `=${String(v)}`));
        else columnsIn(value, found);
      }
    }
    return found;
  };
  const visuals = (definition?.Sheets ?? []).flatMap((sheet) =>
    (sheet.Visuals ?? []).flatMap((visual) =>
      Object.entries(visual)
        .filter(([, body]) => body)
        .map(
          ([kind, body]) =>
            `${kind}:${(body as { VisualId?: string }).VisualId}:${columnsIn(body).sort().join(',')}`,
        ),
    ),
  );
  const filters = (definition?.FilterGroups ?? []).map((group) => columnsIn(group.Filters).sort().join(','));
  return JSON.stringify({ visuals: visuals.sort(), filters: filters.sort() });
}
