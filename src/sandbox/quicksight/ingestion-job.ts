/**
 * Running ingestions: one at a time per data set, in the background, with
 * the statuses a learner sees on AWS moving over a short, visible time.
 *
 *   INITIALIZED ──> QUEUED ──> RUNNING ──> COMPLETED
 *                     │          │  └────> FAILED (ErrorInfo says why)
 *                     └──────────┴───────> CANCELLED
 *
 * RUNNING really reads the files (ingest.ts); its row counts grow as it goes.
 * An ingestion that was not finished when the sandbox stopped starts again
 * from the beginning when it starts.
 */
import type { StateSlices } from '../store.js';
import type { SandboxRuntime } from '../types.js';
import { ingest, IngestionFailure, type Ingested } from './ingest.js';
import type { QuickSightSetting } from './settings.js';
import { accountState, epochSeconds, regionState, type IngestionRecord } from './state.js';

/** Simulated seconds in each waiting status; RUNNING lasts at least its own share. */
const QUEUE_SECONDS = 2;
const MIN_RUNNING_SECONDS = 4;

export class IngestionJobs {
  /** The end of the last job queued per data set, so a data set's ingestions run one after another. */
  private readonly chains = new Map<string, Promise<void>>();
  private readonly cancelled = new Set<string>();
  private readonly stopping = new AbortController();

  constructor(
    private readonly sandbox: SandboxRuntime,
    private readonly setting: QuickSightSetting,
  ) {}

  enqueue(store: StateSlices, account: string, region: string, record: IngestionRecord): void {
    const key = `${account}/${region}/${record.dataSetId}`;
    const previous = this.chains.get(key) ?? Promise.resolve();
    const next = previous
      .then(() => this.run(store, account, region, record))
      .catch((error: unknown) => {
        process.emitWarning(`sandbox QuickSight: ingestion ${record.id} broke: ${String(error)}`);
      });
    this.chains.set(key, next);
  }

  /** CancelIngestion: stops it at the next batch of rows, or before it starts. */
  cancel(record: IngestionRecord): void {
    this.cancelled.add(record.id);
  }

  /** Restarts every ingestion left unfinished by the last run of the sandbox. */
  resume(): void {
    for (const account of this.sandbox.store.accounts()) {
      const store = this.sandbox.store.account(account);
      const state = accountState(store, account, this.setting);
      for (const [region, regional] of Object.entries(state.regions)) {
        for (const records of Object.values(regional.ingestions)) {
          for (const record of records) {
            if (
              record.status === 'INITIALIZED' ||
              record.status === 'QUEUED' ||
              record.status === 'RUNNING'
            ) {
              Object.assign(record, { status: 'INITIALIZED', rowsIngested: 0, rowsDropped: 0, sizeBytes: 0 });
              this.enqueue(store, account, region, record);
            }
          }
        }
      }
    }
  }

  /** Stops every job; their records stay unfinished and resume() picks them up next time. */
  async close(): Promise<void> {
    this.stopping.abort();
    await Promise.all(this.chains.values());
  }

  private async run(
    store: StateSlices,
    account: string,
    region: string,
    record: IngestionRecord,
  ): Promise<void> {
    const signal = this.stopping.signal;
    const stillWanted = () => {
      const sets = regionState(accountState(store, account, this.setting), region).dataSets;
      return Object.hasOwn(sets, record.dataSetId) && !this.cancelled.has(record.id);
    };
    const finish = (status: IngestionRecord['status'], errorInfo?: IngestionRecord['errorInfo']) => {
      record.status = status;
      record.endedTime = epochSeconds(this.sandbox);
      if (errorInfo) record.errorInfo = errorInfo;
      store.markDirty();
    };

    await sleep(this.sandbox.scaledMs(QUEUE_SECONDS / 2), signal);
    if (signal.aborted) return;
    record.status = 'QUEUED';
    store.markDirty();
    await sleep(this.sandbox.scaledMs(QUEUE_SECONDS / 2), signal);
    if (signal.aborted) return;
    if (!stillWanted())
      return finish('CANCELLED', { Type: 'INGESTION_CANCELED', Message: 'Ingestion was cancelled.' });

    record.status = 'RUNNING';
    store.markDirty();
    const started = Date.now();
    let ingested: Ingested;
    try {
      ingested = await ingest({
        sandbox: this.sandbox,
        setting: this.setting,
        state: accountState(store, account, this.setting),
        account,
        region,
        record,
        signal,
        // A data set that is gone or an ingestion cancelled stops at the next batch of rows.
        shouldStop: () => !stillWanted(),
        onProgress: () => store.markDirty(),
      });
    } catch (error) {
      if (signal.aborted) return;
      if (error instanceof IngestionFailure) {
        return finish(error.type === 'INGESTION_CANCELED' ? 'CANCELLED' : 'FAILED', {
          Type: error.type,
          Message: error.message,
        });
      }
      throw error;
    }
    const rest = this.sandbox.scaledMs(MIN_RUNNING_SECONDS) - (Date.now() - started);
    if (rest > 0) await sleep(rest, signal);
    if (signal.aborted || !stillWanted()) {
      await ingested.abandon();
      if (!signal.aborted)
        finish('CANCELLED', { Type: 'INGESTION_CANCELED', Message: 'Ingestion was cancelled.' });
      return;
    }
    await ingested.commit();
    finish('COMPLETED');
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted || ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
