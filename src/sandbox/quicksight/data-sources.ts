/**
 * S3 data sources: a name for a manifest file QuickSight may read.
 * CreateDataSource refuses at once (401) when the service role may not read
 * the manifest, as the real service does; the manifest itself is read when
 * the creation settles a moment later, and a missing or broken one leaves
 * the data source CREATION_FAILED with the reason in ErrorInfo.
 */
import { s3Api } from '../s3/api.js';
import {
  restJsonResult,
  SandboxError,
  type SandboxContext,
  type SandboxRequest,
  type SandboxResponse,
} from '../service-kit.js';
import type { SandboxRuntime } from '../types.js';
import { checkPermissions, page } from './account.js';
import {
  accessDenied,
  checkId,
  invalidParameter,
  notFound,
  requiredString,
  resourceExists,
} from './errors.js';
import { ManifestError, parseManifest, type Manifest } from './manifest.js';
import { canRead } from './s3-access.js';
import {
  arns,
  epochSeconds,
  regionState,
  type AccountState,
  type DataSourceRecord,
  type JsonObject,
} from './state.js';

/** How long a data source stays CREATION_IN_PROGRESS, in simulated seconds. */
const SETTLE_SECONDS = 2;

export const INSUFFICIENT_PERMISSION = 'Insufficient permission to access the manifest file';

export async function createDataSource(
  req: SandboxRequest,
  state: AccountState,
  ctx: SandboxContext,
): Promise<SandboxResponse> {
  const body = req.json ?? {};
  const id = checkId(requiredString(body, 'DataSourceId'), 'DataSourceId', /^[\w.-]+$/, 128);
  const name = requiredString(body, 'Name');
  if (name.length > 128) throw invalidParameter('Name must be at most 128 characters.');
  const type = requiredString(body, 'Type');
  if (type !== 'S3')
    throw invalidParameter(`The sandbox's QuickSight connects to S3 data sources only, not ${type}.`);
  const location = manifestLocation(body);
  const permissions = checkPermissions(body.Permissions, state, ctx.account);

  const region = regionState(state, ctx.region);
  if (Object.hasOwn(region.dataSources, id)) throw resourceExists(`DataSource ${id} already exists.`);
  const bucket = s3Api(ctx.sandbox).getBucket(location.bucket);
  const roleArn = (body.DataSourceParameters as { S3Parameters?: { RoleArn?: string } }).S3Parameters
    ?.RoleArn;
  if (
    bucket &&
    (bucket.owner !== ctx.account ||
      !canRead(ctx.sandbox, ctx.account, location.bucket, location.key, roleArn))
  ) {
    throw accessDenied(INSUFFICIENT_PERMISSION);
  }

  const now = epochSeconds(ctx.sandbox);
  const record: DataSourceRecord = {
    id,
    name,
    type,
    parameters: body.DataSourceParameters as JsonObject,
    permissions,
    status: 'CREATION_IN_PROGRESS',
    createdTime: now,
    lastUpdatedTime: now,
  };
  region.dataSources[id] = record;
  settleLater(ctx, record);
  ctx.store.markDirty();
  return restJsonResult(
    { Arn: arns.dataSource(ctx.region, ctx.account, id), DataSourceId: id, CreationStatus: record.status },
    202,
  );
}

export async function describeDataSource(
  state: AccountState,
  ctx: SandboxContext,
  id: string,
): Promise<SandboxResponse> {
  const record = existing(state, ctx, id);
  await settle(ctx, record);
  return restJsonResult({ DataSource: output(record, ctx) });
}

export async function listDataSources(
  req: SandboxRequest,
  state: AccountState,
  ctx: SandboxContext,
): Promise<SandboxResponse> {
  const records = Object.values(regionState(state, ctx.region).dataSources).sort(
    (a, b) => a.createdTime - b.createdTime,
  );
  for (const record of records) await settle(ctx, record);
  const { items, nextToken } = page(records, req.query.get('next-token'), req.query.get('max-results'));
  return restJsonResult({
    DataSources: items.map((record) => output(record, ctx)),
    ...(nextToken ? { NextToken: nextToken } : {}),
  });
}

export function deleteDataSource(state: AccountState, ctx: SandboxContext, id: string): SandboxResponse {
  existing(state, ctx, id);
  delete regionState(state, ctx.region).dataSources[id];
  ctx.store.markDirty();
  return restJsonResult({ Arn: arns.dataSource(ctx.region, ctx.account, id), DataSourceId: id });
}

/** The data source an ARN names in this account and region, if any. */
export function dataSourceByArn(
  state: AccountState,
  ctx: Pick<SandboxContext, 'account' | 'region'>,
  arn: string,
): DataSourceRecord | undefined {
  const prefix = arns.dataSource(ctx.region, ctx.account, '');
  if (!arn.startsWith(prefix)) return undefined;
  const sources = regionState(state, ctx.region).dataSources;
  const id = arn.slice(prefix.length);
  return Object.hasOwn(sources, id) ? sources[id] : undefined;
}

export function manifestOf(record: DataSourceRecord): { bucket: string; key: string; roleArn?: string } {
  const s3 = (
    record.parameters as {
      S3Parameters: { ManifestFileLocation: { Bucket: string; Key: string }; RoleArn?: string };
    }
  ).S3Parameters;
  return {
    bucket: s3.ManifestFileLocation.Bucket,
    key: s3.ManifestFileLocation.Key,
    ...(s3.RoleArn ? { roleArn: s3.RoleArn } : {}),
  };
}

/** Reads and parses the manifest as QuickSight's role; throws ManifestError with the reason. */
export async function readManifest(
  sandbox: SandboxRuntime,
  account: string,
  record: DataSourceRecord,
): Promise<Manifest> {
  const { bucket, key, roleArn } = manifestOf(record);
  const s3 = s3Api(sandbox);
  const owner = s3.getBucket(bucket)?.owner;
  if (owner === undefined)
    throw new ManifestError(`the bucket ${bucket} of the manifest file does not exist`);
  if (owner !== account || !canRead(sandbox, account, bucket, key, roleArn))
    throw new ManifestError(INSUFFICIENT_PERMISSION);
  let text: string;
  try {
    text = (await s3.getObject(undefined, bucket, key)).toString('utf8');
  } catch (error) {
    if (error instanceof SandboxError && error.code === 'NoSuchKey')
      throw new ManifestError(`the manifest file s3://${bucket}/${key} does not exist`);
    throw error;
  }
  return parseManifest(text);
}

function manifestLocation(body: Record<string, unknown>): { bucket: string; key: string } {
  const s3 = (
    body.DataSourceParameters as
      { S3Parameters?: { ManifestFileLocation?: { Bucket?: unknown; Key?: unknown } } } | undefined
  )?.S3Parameters;
  const location = s3?.ManifestFileLocation;
  if (
    !location ||
    typeof location.Bucket !== 'string' ||
    typeof location.Key !== 'string' ||
    !location.Bucket ||
    !location.Key
  ) {
    throw invalidParameter(
      'DataSourceParameters.S3Parameters.ManifestFileLocation needs a Bucket and a Key.',
    );
  }
  return { bucket: location.Bucket, key: location.Key };
}

function existing(state: AccountState, ctx: SandboxContext, id: string): DataSourceRecord {
  const sources = regionState(state, ctx.region).dataSources;
  if (!Object.hasOwn(sources, id)) throw notFound(`DataSource ${id} does not exist in ${ctx.region}.`);
  return sources[id]!;
}

function output(record: DataSourceRecord, ctx: SandboxContext) {
  return {
    Arn: arns.dataSource(ctx.region, ctx.account, record.id),
    DataSourceId: record.id,
    Name: record.name,
    Type: record.type,
    Status: record.status,
    CreatedTime: record.createdTime,
    LastUpdatedTime: record.lastUpdatedTime,
    DataSourceParameters: record.parameters,
    ...(record.errorInfo ? { ErrorInfo: record.errorInfo } : {}),
  };
}

/** Settles the creation once its time has come, whether or not anyone asks (so List and Describe agree). */
function settleLater(ctx: SandboxContext, record: DataSourceRecord): void {
  const timer = setTimeout(
    () => void settle(ctx, record).catch(() => undefined),
    ctx.sandbox.scaledMs(SETTLE_SECONDS),
  );
  timer.unref();
}

async function settle(ctx: SandboxContext, record: DataSourceRecord): Promise<void> {
  if (record.status !== 'CREATION_IN_PROGRESS') return;
  if (epochSeconds(ctx.sandbox) - record.createdTime < SETTLE_SECONDS / ctx.sandbox.timeScale) return;
  try {
    await readManifest(ctx.sandbox, ctx.account, record);
    record.status = 'CREATION_SUCCESSFUL';
  } catch (error) {
    if (!(error instanceof ManifestError)) throw error;
    record.status = 'CREATION_FAILED';
    const denied = error.message === INSUFFICIENT_PERMISSION;
    record.errorInfo = {
      Type: denied ? 'ACCESS_DENIED' : 'UNKNOWN',
      Message: denied ? error.message : `Invalid manifest file: ${error.message}.`,
    };
  }
  record.lastUpdatedTime = epochSeconds(ctx.sandbox);
  ctx.store.markDirty();
}
