/**
 * Data sets: an S3 data source's files, prepared (prep/preparation.ts) and
 * imported into SPICE. Creating one checks the preparation the way the
 * service does (unknown columns, bad expressions, wrong types refused with
 * InvalidParameterValueException) and starts the first ingestion.
 */
import { randomUUID } from 'node:crypto';
import {
  restJsonResult,
  type SandboxContext,
  type SandboxRequest,
  type SandboxResponse,
} from '../service-kit.js';
import { checkPermissions, page } from './account.js';
import { dataSourceByArn } from './data-sources.js';
import { checkId, invalidParameter, notFound, requiredString, resourceExists } from './errors.js';
import type { IngestionJobs } from './ingestion-job.js';
import { buildPreparation, PreparationError, type Preparation } from './prep/preparation.js';
import { outputType } from './prep/values.js';
import { preparedRowsFile, removePreparedRows } from './prepared-rows.js';
import {
  arns,
  epochSeconds,
  regionState,
  type AccountState,
  type DataSetRecord,
  type IngestionRecord,
  type JsonObject,
} from './state.js';

export function createDataSet(
  req: SandboxRequest,
  state: AccountState,
  ctx: SandboxContext,
  jobs: IngestionJobs,
): SandboxResponse {
  const body = req.json ?? {};
  const id = checkId(requiredString(body, 'DataSetId'), 'DataSetId', /^[\w.-]+$/, 128);
  const name = requiredString(body, 'Name');
  if (name.length > 128) throw invalidParameter('Name must be at most 128 characters.');
  const importMode = requiredString(body, 'ImportMode');
  if (importMode !== 'SPICE' && importMode !== 'DIRECT_QUERY')
    throw invalidParameter('ImportMode must be SPICE or DIRECT_QUERY.');
  const preparation = prepare(body.PhysicalTableMap, body.LogicalTableMap);
  const source = dataSourceByArn(state, ctx, preparation.dataSourceArn);
  if (!source)
    throw invalidParameter(
      `The data source ${preparation.dataSourceArn} does not exist in this account and region.`,
    );
  if (source.status === 'CREATION_FAILED') {
    throw invalidParameter(
      `The data source ${source.id} failed to create (${source.errorInfo?.Message ?? 'unknown reason'}); fix it and create it again.`,
    );
  }
  if (importMode !== 'SPICE')
    throw invalidParameter('Data sets from S3 files must be imported into SPICE (ImportMode SPICE).');
  const permissions = checkPermissions(body.Permissions, state, ctx.account);

  const region = regionState(state, ctx.region);
  if (Object.hasOwn(region.dataSets, id)) throw resourceExists(`DataSet ${id} already exists.`);
  const now = epochSeconds(ctx.sandbox);
  region.dataSets[id] = {
    id,
    name,
    importMode,
    physicalTableMap: body.PhysicalTableMap as JsonObject,
    logicalTableMap:
      (body.LogicalTableMap as JsonObject | undefined) ?? defaultLogicalTable(preparation, name),
    permissions,
    outputColumns: preparation.outputColumns.map((column) => ({
      Name: column.name,
      Type: outputType(column.type),
    })),
    consumedSpiceBytes: 0,
    rowCount: 0,
    createdTime: now,
    lastUpdatedTime: now,
  };
  const ingestion = startIngestion(ctx, state, id, randomUUID(), 'INITIAL_INGESTION', jobs);
  ctx.store.markDirty();
  return restJsonResult(
    {
      Arn: arns.dataSet(ctx.region, ctx.account, id),
      DataSetId: id,
      IngestionArn: arns.ingestion(ctx.region, ctx.account, id, ingestion.id),
      IngestionId: ingestion.id,
    },
    201,
  );
}

export function describeDataSet(state: AccountState, ctx: SandboxContext, id: string): SandboxResponse {
  const record = existingDataSet(state, ctx.region, id);
  return restJsonResult({
    DataSet: {
      Arn: arns.dataSet(ctx.region, ctx.account, id),
      DataSetId: id,
      Name: record.name,
      CreatedTime: record.createdTime,
      LastUpdatedTime: record.lastUpdatedTime,
      PhysicalTableMap: record.physicalTableMap,
      LogicalTableMap: record.logicalTableMap,
      OutputColumns: record.outputColumns,
      ImportMode: record.importMode,
      ConsumedSpiceCapacityInBytes: record.consumedSpiceBytes,
    },
  });
}

export function listDataSets(req: SandboxRequest, state: AccountState, ctx: SandboxContext): SandboxResponse {
  const records = Object.values(regionState(state, ctx.region).dataSets).sort(
    (a, b) => a.createdTime - b.createdTime,
  );
  const { items, nextToken } = page(records, req.query.get('next-token'), req.query.get('max-results'));
  return restJsonResult({
    DataSetSummaries: items.map((record) => ({
      Arn: arns.dataSet(ctx.region, ctx.account, record.id),
      DataSetId: record.id,
      Name: record.name,
      CreatedTime: record.createdTime,
      LastUpdatedTime: record.lastUpdatedTime,
      ImportMode: record.importMode,
    })),
    ...(nextToken ? { NextToken: nextToken } : {}),
  });
}

/** Deleting a data set frees its SPICE capacity at once and stops an ingestion that is running. */
export async function deleteDataSet(
  state: AccountState,
  ctx: SandboxContext,
  id: string,
  jobs: IngestionJobs,
): Promise<SandboxResponse> {
  existingDataSet(state, ctx.region, id);
  const region = regionState(state, ctx.region);
  delete region.dataSets[id];
  // A data set created again under the same id must not receive the rows of one still running.
  for (const ingestion of region.ingestions[id] ?? []) jobs.cancel(ingestion);
  delete region.ingestions[id];
  ctx.store.markDirty();
  await removePreparedRows(preparedRowsFile(ctx.sandbox.home, ctx.account, ctx.region, id));
  return restJsonResult({ Arn: arns.dataSet(ctx.region, ctx.account, id), DataSetId: id });
}

export function existingDataSet(state: AccountState, region: string, id: string): DataSetRecord {
  const sets = regionState(state, region).dataSets;
  if (!Object.hasOwn(sets, id)) throw notFound(`DataSet ${id} does not exist in ${region}.`);
  return sets[id]!;
}

/** Records a new ingestion of the data set and hands it to the job runner. */
export function startIngestion(
  ctx: SandboxContext,
  state: AccountState,
  dataSetId: string,
  ingestionId: string,
  requestType: IngestionRecord['requestType'],
  jobs: IngestionJobs,
): IngestionRecord {
  const record: IngestionRecord = {
    id: ingestionId,
    dataSetId,
    status: 'INITIALIZED',
    requestType,
    requestSource: 'MANUAL',
    createdTime: epochSeconds(ctx.sandbox),
    rowsIngested: 0,
    rowsDropped: 0,
    sizeBytes: 0,
  };
  (regionState(state, ctx.region).ingestions[dataSetId] ??= []).push(record);
  jobs.enqueue(ctx.store, ctx.account, ctx.region, record);
  return record;
}

/** The data set's preparation, or InvalidParameterValueException naming what is wrong. */
export function prepare(physicalTableMap: unknown, logicalTableMap: unknown): Preparation {
  try {
    return buildPreparation(physicalTableMap, logicalTableMap);
  } catch (error) {
    if (error instanceof PreparationError) throw invalidParameter(error.message);
    throw error;
  }
}

/** Without a LogicalTableMap the service makes one logical table over the physical one. */
function defaultLogicalTable(preparation: Preparation, name: string): JsonObject {
  return {
    [preparation.physicalTableId]: { Alias: name, Source: { PhysicalTableId: preparation.physicalTableId } },
  };
}
