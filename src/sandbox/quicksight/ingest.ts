/**
 * One ingestion's work: read the data source's manifest and the files it
 * names from the sandbox's S3 as QuickSight's role, parse each JSON record,
 * prepare it as the data set says, count rows ingested and dropped, and
 * write the prepared rows to a new file. Nothing changes for readers until
 * commit(): a failed ingestion leaves the data set's earlier rows in place.
 *
 * Memory stays flat: objects are streamed, rows written in batches.
 */
import { s3Api } from '../s3/api.js';
import type { SandboxRuntime } from '../types.js';
import { dataSourceByArn, INSUFFICIENT_PERMISSION, readManifest } from './data-sources.js';
import { prepare } from './data-sets.js';
import { JsonFileError, jsonRecords } from './json-records.js';
import { ManifestError, type Manifest } from './manifest.js';
import { FILTERED, flatten } from './prep/preparation.js';
import { spiceBytes } from './prep/values.js';
import { PreparedRowsWriter, preparedRowsFile } from './prepared-rows.js';
import { canRead } from './s3-access.js';
import type { QuickSightSetting } from './settings.js';
import { regionState, type AccountState, type IngestionRecord } from './state.js';

/** Ends the ingestion with this ErrorInfo type and message. */
export class IngestionFailure extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export interface IngestInput {
  sandbox: SandboxRuntime;
  setting: QuickSightSetting;
  state: AccountState;
  account: string;
  region: string;
  record: IngestionRecord;
  signal: AbortSignal;
  /** True once the ingestion was cancelled or its data set deleted. */
  shouldStop(): boolean;
  /** Called after each batch of rows, so the counts can be saved. */
  onProgress(): void;
}

export interface Ingested {
  /** Makes the new rows the data set's rows. */
  commit(): Promise<void>;
  abandon(): Promise<void>;
}

const PROGRESS_EVERY = 2000;
const MB = 1024 * 1024;

export async function ingest(input: IngestInput): Promise<Ingested> {
  const { sandbox, state, account, region, record } = input;
  const dataSet = regionState(state, region).dataSets[record.dataSetId];
  if (!dataSet) throw new IngestionFailure('DATA_SET_DELETED', `Data set ${record.dataSetId} was deleted.`);
  const preparation = prepare(dataSet.physicalTableMap, dataSet.logicalTableMap);
  const source = dataSourceByArn(state, { account, region }, preparation.dataSourceArn);
  if (!source)
    throw new IngestionFailure(
      'DATA_SOURCE_NOT_FOUND',
      `The data source ${preparation.dataSourceArn} no longer exists.`,
    );

  let manifest: Manifest;
  try {
    manifest = await readManifest(sandbox, account, source);
  } catch (error) {
    if (!(error instanceof ManifestError)) throw error;
    if (error.message === INSUFFICIENT_PERMISSION)
      throw new IngestionFailure('PERMISSION_DENIED', `${INSUFFICIENT_PERMISSION}.`);
    throw new IngestionFailure('S3_MANIFEST_ERROR', `Invalid manifest file: ${error.message}.`);
  }
  const format = (preparation.format ?? manifest.format).toUpperCase();
  if (format !== 'JSON') {
    // TODO: read CSV and TSV if a later step needs them; the workshop's files are JSON lines.
    throw new IngestionFailure(
      'S3_MANIFEST_ERROR',
      `The files are read as ${format}, but the sandbox reads JSON only; set globalUploadSettings.format to JSON.`,
    );
  }
  const files = listFiles(sandbox, account, manifest, source.parameters);

  const others = Object.values(regionState(state, region).dataSets)
    .filter((other) => other.id !== record.dataSetId)
    .reduce((sum, other) => sum + other.consumedSpiceBytes, 0);
  const free = Math.max(0, input.setting.spiceCapacityBytes - others);
  const columns = preparation.outputColumns.map((column) => ({ name: column.name, type: column.type }));
  const writer = await PreparedRowsWriter.open(
    preparedRowsFile(sandbox.home, account, region, record.dataSetId),
    columns,
    record.id,
  );

  try {
    let sinceProgress = 0;
    for (const file of files) {
      const { body } = s3Api(sandbox).getObjectStream(undefined, file.bucket, file.key);
      try {
        for await (const json of jsonRecords(body)) {
          const prepared = preparation.prepare(flatten(json));
          if (prepared === FILTERED) continue;
          if ('dropped' in prepared) {
            record.rowsDropped++;
          } else {
            record.rowsIngested++;
            for (const column of columns)
              record.sizeBytes += spiceBytes(prepared.row[column.name] ?? null, column.type);
            if (record.sizeBytes > free)
              throw capacityFailure(record.sizeBytes, free, input.setting.spiceCapacityBytes, region);
            await writer.add(prepared.row);
          }
          if (++sinceProgress >= PROGRESS_EVERY) {
            sinceProgress = 0;
            input.onProgress();
            if (input.signal.aborted)
              throw new IngestionFailure('INGESTION_CANCELED', 'The sandbox stopped.');
            if (input.shouldStop())
              throw new IngestionFailure('INGESTION_CANCELED', 'Ingestion was cancelled.');
          }
        }
      } catch (error) {
        body.destroy();
        if (error instanceof JsonFileError) {
          throw new IngestionFailure(
            'FAILURE_TO_PROCESS_JSON_FILE',
            `Failed to process the JSON file s3://${file.bucket}/${file.key}: ${error.message}.`,
          );
        }
        throw error;
      }
    }
  } catch (error) {
    await writer.abandon();
    throw error;
  }
  input.onProgress();

  return {
    commit: async () => {
      await writer.commit();
      const current = regionState(state, region).dataSets[record.dataSetId];
      if (current) {
        current.consumedSpiceBytes = record.sizeBytes;
        current.rowCount = record.rowsIngested;
        current.lastUpdatedTime = Date.now() / 1000;
      }
    },
    abandon: () => writer.abandon(),
  };
}

interface FileRef {
  bucket: string;
  key: string;
}

/** The files a manifest names, each checked for QuickSight's access. */
function listFiles(
  sandbox: SandboxRuntime,
  account: string,
  manifest: Manifest,
  parameters: unknown,
): FileRef[] {
  const roleArn = (parameters as { S3Parameters?: { RoleArn?: string } }).S3Parameters?.RoleArn;
  const s3 = s3Api(sandbox);
  const files: FileRef[] = [];
  for (const location of manifest.locations) {
    const owner = s3.getBucket(location.bucket)?.owner;
    if (owner === undefined)
      throw new IngestionFailure('S3_FILE_INACCESSIBLE', `The bucket ${location.bucket} does not exist.`);
    if (owner !== account || !canRead(sandbox, account, location.bucket, location.key, roleArn)) {
      throw new IngestionFailure(
        'PERMISSION_DENIED',
        `QuickSight may not read s3://${location.bucket}/${location.key}; grant its role access to the bucket.`,
      );
    }
    if (location.prefix) {
      for (const object of s3.listAllObjects(undefined, location.bucket, location.key)) {
        if (object.size > 0 && !object.key.endsWith('/'))
          files.push({ bucket: location.bucket, key: object.key });
      }
    } else {
      if (!s3.headObject(undefined, location.bucket, location.key)) missing(location.bucket, location.key);
      files.push({ bucket: location.bucket, key: location.key });
    }
  }
  if (files.length === 0)
    throw new IngestionFailure(
      'S3_MANIFEST_ERROR',
      'The manifest file matches no files: there is nothing to import yet.',
    );
  if (files.length > 1000) {
    // TODO: confirm the current per-manifest file limit; older documentation gives 1,000.
    throw new IngestionFailure(
      'S3_MANIFEST_ERROR',
      `The manifest file matches ${files.length} files; QuickSight reads at most 1,000.`,
    );
  }
  return files;
}

function missing(bucket: string, key: string): never {
  throw new IngestionFailure(
    'S3_FILE_INACCESSIBLE',
    `The file s3://${bucket}/${key} named in the manifest does not exist.`,
  );
}

function capacityFailure(needed: number, free: number, capacity: number, region: string): IngestionFailure {
  const mb = (bytes: number) => (bytes / MB).toFixed(1);
  return new IngestionFailure(
    'ACCOUNT_CAPACITY_LIMIT_EXCEEDED',
    `Insufficient SPICE capacity: this data set needs more than ${mb(needed)} MB, and ${mb(free)} MB of the ` +
      `${mb(capacity)} MB in ${region} are free. Delete data sets you no longer need, or buy more SPICE capacity.`,
  );
}
