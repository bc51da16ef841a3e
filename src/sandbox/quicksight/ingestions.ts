/** CreateIngestion, DescribeIngestion, ListIngestions and CancelIngestion. */
import {
  restJsonResult,
  type SandboxContext,
  type SandboxRequest,
  type SandboxResponse,
} from '../service-kit.js';
import { page } from './account.js';
import { existingDataSet, startIngestion } from './data-sets.js';
import {
  checkId,
  invalidParameter,
  limitExceeded,
  notFound,
  preconditionNotMet,
  resourceExists,
} from './errors.js';
import type { IngestionJobs } from './ingestion-job.js';
import { arns, epochSeconds, regionState, type AccountState, type IngestionRecord } from './state.js';

/** Manual refreshes a data set may have in 24 hours (AWS.md section 4). */
const REFRESHES_PER_DAY = { STANDARD: 8, ENTERPRISE: 32, ENTERPRISE_AND_Q: 32 };

export function createIngestion(
  req: SandboxRequest,
  state: AccountState,
  ctx: SandboxContext,
  params: Record<string, string>,
  jobs: IngestionJobs,
): SandboxResponse {
  const dataSetId = params.DataSetId!;
  const ingestionId = checkId(params.IngestionId!, 'IngestionId', /^[a-zA-Z0-9_-]+$/, 128);
  const type = req.json?.IngestionType ?? 'FULL_REFRESH';
  if (type !== 'FULL_REFRESH' && type !== 'INCREMENTAL_REFRESH')
    throw invalidParameter('IngestionType must be FULL_REFRESH or INCREMENTAL_REFRESH.');
  existingDataSet(state, ctx.region, dataSetId);
  const previous = regionState(state, ctx.region).ingestions[dataSetId] ?? [];
  if (previous.some((record) => record.id === ingestionId))
    throw resourceExists(`Ingestion ${ingestionId} already exists for data set ${dataSetId}.`);

  const dayAgo = epochSeconds(ctx.sandbox) - 86_400;
  const today = previous.filter(
    (record) => record.requestType !== 'INITIAL_INGESTION' && record.createdTime > dayAgo,
  ).length;
  const limit = REFRESHES_PER_DAY[state.subscription!.edition];
  if (today >= limit) {
    throw limitExceeded(
      `Data set ${dataSetId} has had ${today} manual refreshes in the last 24 hours; the ${state.subscription!.edition} edition allows ${limit}.`,
    );
  }
  // TODO: refresh incrementally when a data set has incremental refresh properties; the workshop's has none.
  const record = startIngestion(ctx, state, dataSetId, ingestionId, 'FULL_REFRESH', jobs);
  ctx.store.markDirty();
  return restJsonResult(
    {
      Arn: arns.ingestion(ctx.region, ctx.account, dataSetId, ingestionId),
      IngestionId: ingestionId,
      IngestionStatus: record.status,
    },
    201,
  );
}

export function describeIngestion(
  state: AccountState,
  ctx: SandboxContext,
  params: Record<string, string>,
): SandboxResponse {
  const record = existing(state, ctx, params.DataSetId!, params.IngestionId!);
  return restJsonResult({ Ingestion: output(record, ctx) });
}

export function listIngestions(
  req: SandboxRequest,
  state: AccountState,
  ctx: SandboxContext,
  params: Record<string, string>,
): SandboxResponse {
  existingDataSet(state, ctx.region, params.DataSetId!);
  const newestFirst = [...(regionState(state, ctx.region).ingestions[params.DataSetId!] ?? [])].reverse();
  const { items, nextToken } = page(newestFirst, req.query.get('next-token'), req.query.get('max-results'));
  return restJsonResult({
    Ingestions: items.map((record) => output(record, ctx)),
    ...(nextToken ? { NextToken: nextToken } : {}),
  });
}

export function cancelIngestion(
  state: AccountState,
  ctx: SandboxContext,
  params: Record<string, string>,
  jobs: IngestionJobs,
): SandboxResponse {
  const record = existing(state, ctx, params.DataSetId!, params.IngestionId!);
  if (record.status === 'COMPLETED' || record.status === 'FAILED' || record.status === 'CANCELLED') {
    throw preconditionNotMet(`Ingestion ${record.id} has already ended (${record.status}).`);
  }
  jobs.cancel(record);
  return restJsonResult({
    Arn: arns.ingestion(ctx.region, ctx.account, record.dataSetId, record.id),
    IngestionId: record.id,
  });
}

function existing(state: AccountState, ctx: SandboxContext, dataSetId: string, id: string): IngestionRecord {
  existingDataSet(state, ctx.region, dataSetId);
  const record = (regionState(state, ctx.region).ingestions[dataSetId] ?? []).find(
    (candidate) => candidate.id === id,
  );
  if (!record) throw notFound(`Ingestion ${id} does not exist for data set ${dataSetId}.`);
  return record;
}

function output(record: IngestionRecord, ctx: SandboxContext) {
  const started = record.status !== 'INITIALIZED' && record.status !== 'QUEUED';
  const now = record.endedTime ?? epochSeconds(ctx.sandbox);
  return {
    Arn: arns.ingestion(ctx.region, ctx.account, record.dataSetId, record.id),
    IngestionId: record.id,
    IngestionStatus: record.status,
    CreatedTime: record.createdTime,
    RequestSource: record.requestSource,
    RequestType: record.requestType,
    ...(record.errorInfo ? { ErrorInfo: record.errorInfo } : {}),
    ...(started
      ? {
          RowInfo: {
            RowsIngested: record.rowsIngested,
            RowsDropped: record.rowsDropped,
            TotalRowsInDataset: record.rowsIngested,
          },
          IngestionTimeInSeconds: Math.round(now - record.createdTime),
          IngestionSizeInBytes: record.sizeBytes,
        }
      : {}),
  };
}
