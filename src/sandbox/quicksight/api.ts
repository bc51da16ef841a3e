/**
 * QuickSight's data as functions, for other parts of the sandbox (and its
 * tests) that want to query what a data set holds without an HTTP round trip.
 */
import type { SandboxRuntime } from '../types.js';
import { preparedRowsFile, readPreparedRows } from './prepared-rows.js';
import type { Value } from './prep/values.js';
import type { AccountState, DataSetRecord, IngestionRecord } from './state.js';
import { SLICE } from './state.js';

export function quickSightApi(sandbox: SandboxRuntime) {
  const regionOf = (account: string, region: string) => {
    const state = sandbox.store
      .account(account)
      .slice<Partial<AccountState>>(SLICE, () => ({ users: [], initialised: false, regions: {} }));
    return state.regions?.[region];
  };

  return {
    /** The data set's record (columns, SPICE use, row count), or undefined. */
    dataSet(account: string, region: string, dataSetId: string): DataSetRecord | undefined {
      const sets = regionOf(account, region)?.dataSets;
      return sets && Object.hasOwn(sets, dataSetId) ? structuredClone(sets[dataSetId]!) : undefined;
    },

    /** The data set's ingestions, oldest first. */
    ingestions(account: string, region: string, dataSetId: string): IngestionRecord[] {
      return structuredClone(regionOf(account, region)?.ingestions[dataSetId] ?? []);
    },

    /**
     * The rows of the data set's last completed ingestion, one at a time (a
     * full day is about 430,000 rows, never all in memory). DATETIME values
     * are ISO-8601 text. Nothing when the data set has no completed ingestion.
     */
    rows(account: string, region: string, dataSetId: string): AsyncGenerator<Record<string, Value>> {
      return readPreparedRows(preparedRowsFile(sandbox.home, account, region, dataSetId));
    },
  };
}

export type QuickSightApi = ReturnType<typeof quickSightApi>;
