/**
 * SPICE ingestions: start one, read one, find the latest, and follow one to
 * its end while reporting progress.
 *
 *   followIngestion ──poll──> DescribeIngestion ──onProgress(state)──> the action's live view
 *        │ every second (faster on the sandbox)
 *        └── until COMPLETED, FAILED or CANCELLED
 */
import {
  CreateIngestionCommand,
  DescribeIngestionCommand,
  ListIngestionsCommand,
  type Ingestion,
} from '@aws-sdk/client-quicksight';
import type { AwsClients } from './clients.js';

export interface IngestionState {
  id: string;
  status: string;
  rowsIngested: number;
  rowsDropped: number;
  totalRows: number;
  elapsedSeconds: number;
  sizeBytes: number;
  createdTime?: Date;
  error?: { type: string; message: string };
}

export const FINISHED = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);

function toState(ingestion: Ingestion): IngestionState {
  return {
    id: ingestion.IngestionId ?? '',
    status: ingestion.IngestionStatus ?? 'UNKNOWN',
    rowsIngested: ingestion.RowInfo?.RowsIngested ?? 0,
    rowsDropped: ingestion.RowInfo?.RowsDropped ?? 0,
    totalRows: ingestion.RowInfo?.TotalRowsInDataset ?? 0,
    elapsedSeconds: ingestion.IngestionTimeInSeconds ?? 0,
    sizeBytes: ingestion.IngestionSizeInBytes ?? 0,
    ...(ingestion.CreatedTime ? { createdTime: ingestion.CreatedTime } : {}),
    ...(ingestion.ErrorInfo
      ? { error: { type: ingestion.ErrorInfo.Type ?? 'UNKNOWN', message: ingestion.ErrorInfo.Message ?? '' } }
      : {}),
  };
}

export async function describeIngestion(
  clients: AwsClients,
  account: string,
  dataSetId: string,
  id: string,
): Promise<IngestionState> {
  const { Ingestion: ingestion } = await clients.quickSight.send(
    new DescribeIngestionCommand({ AwsAccountId: account, DataSetId: dataSetId, IngestionId: id }),
  );
  if (!ingestion) throw new Error(`DescribeIngestion answered no ingestion for ${id}`);
  return toState(ingestion);
}

/** The most recently created ingestion of the data set, or undefined when it has none. */
export async function latestIngestion(
  clients: AwsClients,
  account: string,
  dataSetId: string,
): Promise<IngestionState | undefined> {
  let latest: IngestionState | undefined;
  let token: string | undefined;
  do {
    const page = await clients.quickSight.send(
      new ListIngestionsCommand({ AwsAccountId: account, DataSetId: dataSetId, NextToken: token }),
    );
    for (const ingestion of page.Ingestions ?? []) {
      const state = toState(ingestion);
      if (!latest || (state.createdTime?.getTime() ?? 0) > (latest.createdTime?.getTime() ?? 0))
        latest = state;
    }
    token = page.NextToken;
  } while (token);
  return latest;
}

export async function startIngestion(
  clients: AwsClients,
  account: string,
  dataSetId: string,
  id: string,
): Promise<void> {
  await clients.quickSight.send(
    new CreateIngestionCommand({
      AwsAccountId: account,
      DataSetId: dataSetId,
      IngestionId: id,
      IngestionType: 'FULL_REFRESH',
    }),
  );
}

export interface FollowOptions {
  pollMs: number;
  signal?: AbortSignal;
  onProgress(state: IngestionState, elapsedMs: number): void;
}

/** Polls until the ingestion ends and returns its last state; reports every poll. */
export async function followIngestion(
  clients: AwsClients,
  account: string,
  dataSetId: string,
  id: string,
  options: FollowOptions,
): Promise<IngestionState> {
  const started = Date.now();
  for (;;) {
    options.signal?.throwIfAborted();
    const state = await describeIngestion(clients, account, dataSetId, id);
    options.onProgress(state, Date.now() - started);
    if (FINISHED.has(state.status)) return state;
    await sleep(options.pollMs, options.signal);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
