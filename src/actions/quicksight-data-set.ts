/**
 * Section 3: the data set theme-park-data with the module's data preparation
 * (assets/quicksight-data-set.json), imported into SPICE, with the ingestion
 * followed in a live view until it ends. Re-running converges: a data set
 * prepared as the module says is kept, and refreshed only when its last
 * ingestion does not hold every record that landed.
 */
import type { ActionContext, ActionDefinition, Json } from '../engine/types.js';
import { errorName } from '../aws/errors.js';
import { dataSetTables } from '../aws/quicksight-assets.js';
import {
  estimateSpiceBytes,
  expectedRows,
  findUnfitRecords,
  type ExpectedRows,
} from '../aws/quicksight-bucket-records.js';
import { QUICKSIGHT_CODES as CODES } from '../aws/quicksight-codes.js';
import {
  consoleUrl,
  explainCallerDenied,
  QuickSightProblem,
  SPICE_ADMIN_URL,
} from '../aws/quicksight-errors.js';
import {
  FINISHED,
  followIngestion,
  latestIngestion,
  startIngestion,
  type IngestionState,
} from '../aws/quicksight-ingestion.js';
import { preparationProblems } from '../aws/quicksight-preparation.js';
import {
  createDataSet,
  deleteDataSet,
  describeDataSet,
  describeDataSource,
  listDataSets,
} from '../aws/quicksight-resources.js';
import { pollInterval, quickSightFacts } from './quicksight-account.js';
import { offerS3Grant } from './quicksight-s3.js';

const MB = 1024 * 1024;

export const prepareQuickSightDataSet: ActionDefinition = {
  title: 'Prepare the data set and import it into SPICE',
  commands: (session) => [
    `aws quicksight create-data-set --aws-account-id ${session.account} --data-set-id ${session.names.dataSet} --name ${session.names.dataSet} --import-mode SPICE ` +
      `--cli-input-json file://assets/quicksight-data-set.json   # with \${DataSourceArn} filled in, plus --permissions for your user`,
    `aws quicksight create-ingestion --aws-account-id ${session.account} --data-set-id ${session.names.dataSet} --ingestion-id refresh-$(date +%s)`,
    `aws quicksight describe-ingestion --aws-account-id ${session.account} --data-set-id ${session.names.dataSet} --ingestion-id <id>`,
  ],
  async run(ctx) {
    const { session, emit } = ctx;
    const { dataSet: id, dataSource: sourceId, bucket } = session.names;
    try {
      const facts = await quickSightFacts(ctx);
      const source = await describeDataSource(session.clients, session.account, sourceId);
      if (!source || !['CREATION_SUCCESSFUL', 'UPDATE_SUCCESSFUL'].includes(source.status)) {
        throw new QuickSightProblem(
          'data-set',
          `The data source ${sourceId} is ${source ? source.status : 'missing'}.`,
          ['Run the "Connect QuickSight to the bucket" step first.'],
        );
      }
      const expected = await expectedRows(session.clients, bucket, ctx.outputs, ctx.signal);

      let ingestionId = await convergeDataSet(ctx, source.arn, facts.owner.arn, expected);
      let last = await follow(ctx, ingestionId, expected);
      if (
        last.status === 'FAILED' &&
        ['PERMISSION_DENIED', 'S3_FILE_INACCESSIBLE'].includes(last.error?.type ?? '')
      ) {
        emit(
          CODES.INGESTION_FAILED,
          'error',
          `The ingestion failed: ${last.error!.type}: ${last.error!.message}`,
        );
        await offerS3Grant(ctx);
        ingestionId = await refresh(ctx);
        last = await follow(ctx, ingestionId, expected);
      }
      if (last.status !== 'COMPLETED') throw await ingestionProblem(ctx, last);

      await reportRows(ctx, last, expected);
      emit(
        CODES.CONSOLE_LINK,
        'info',
        `In the console: ${consoleUrl(session.region, `data-sets/${id}/view`)}`,
      );
      const dataSet = await describeDataSet(session.clients, session.account, id);
      return {
        dataSetId: id,
        dataSetArn: dataSet?.arn ?? '',
        ingestionId: last.id,
        rowsIngested: last.rowsIngested,
        rowsDropped: last.rowsDropped,
        spiceBytes: dataSet?.consumedSpiceBytes ?? last.sizeBytes,
      };
    } catch (error) {
      throw explainCallerDenied(error, session.identityArn);
    }
  },
};

/** Makes the data set match the module's and returns the ingestion to follow (new, running, or the last one). */
async function convergeDataSet(
  ctx: ActionContext,
  dataSourceArn: string,
  ownerArn: string,
  expected: ExpectedRows,
): Promise<string> {
  const { session, emit } = ctx;
  const id = session.names.dataSet;
  const existing = await describeDataSet(session.clients, session.account, id);
  if (existing) {
    const problems = preparationProblems(existing);
    if (problems.length === 0) {
      const latest = await latestIngestion(session.clients, session.account, id);
      if (latest && !FINISHED.has(latest.status)) return latest.id;
      if (
        latest?.status === 'COMPLETED' &&
        latest.rowsDropped === 0 &&
        latest.rowsIngested === expected.rows
      ) {
        emit(
          CODES.DATA_SET,
          'success',
          `The data set ${id} is prepared and holds all ${expected.rows.toLocaleString('en-US')} records already`,
        );
        return latest.id;
      }
      return refresh(ctx);
    }
    const replace = await ctx.confirm({
      code: CODES.REPLACED,
      message: `The data set ${id} exists but is not prepared as the module says (${problems.join('; ')}). Delete it and create it again?`,
      ifUnattended: true,
    });
    if (!replace) {
      throw new QuickSightProblem(
        'data-set',
        `The data set ${id} is not prepared as the module says: ${problems.join('; ')}.`,
        ['Fix it in the console (Edit dataset), or run this step again and let it be replaced.'],
      );
    }
    await deleteDataSet(session.clients, session.account, id);
    emit(CODES.REPLACED, 'warn', `Deleted the data set ${id} to create it as the module prepares it`);
  }
  const created = await createDataSet(session.clients, session.account, {
    id,
    name: id,
    tables: dataSetTables(dataSourceArn),
    ownerArn,
  });
  emit(
    CODES.DATA_SET,
    'success',
    `Created the data set ${id}: latitude and longitude tagged for maps, rating as an integer, minutesInPark calculated`,
  );
  return created.ingestionId;
}

async function refresh(ctx: ActionContext): Promise<string> {
  const { session } = ctx;
  const id = `refresh-${Date.now()}`;
  try {
    await startIngestion(session.clients, session.account, session.names.dataSet, id);
  } catch (error) {
    if (errorName(error) === 'LimitExceededException') {
      throw new QuickSightProblem(
        'refresh-limit',
        `QuickSight refused another refresh of ${session.names.dataSet}: ${(error as Error).message}`,
        [
          'Manual refreshes are limited per data set and day (8 on Standard, 32 on Enterprise). Try again tomorrow, or delete',
          `the data set (aws quicksight delete-data-set --aws-account-id ${session.account} --data-set-id ${session.names.dataSet}) and run this step again.`,
        ],
      );
    }
    throw error;
  }
  ctx.emit(CODES.DATA_SET, 'info', `Started the ingestion ${id} to read what landed since the last one`);
  return id;
}

async function follow(
  ctx: ActionContext,
  ingestionId: string,
  expected: ExpectedRows,
): Promise<IngestionState> {
  const { session, emit } = ctx;
  const dataSetId = session.names.dataSet;
  return followIngestion(session.clients, session.account, dataSetId, ingestionId, {
    pollMs: pollInterval(ctx, 2000),
    signal: ctx.signal,
    onProgress: (state, elapsedMs) => {
      const view: Record<string, Json> = {
        dataSetId,
        ingestionId,
        status: state.status,
        rowsIngested: state.rowsIngested,
        rowsDropped: state.rowsDropped,
        expectedRows: expected.rows,
        elapsedSeconds: Math.round(elapsedMs / 1000),
      };
      emit.live(CODES.INGESTION_PROGRESS, {
        view: 'ingestion',
        state: view,
        summary:
          `${dataSetId} ${state.status}: ${state.rowsIngested.toLocaleString('en-US')} of ${expected.rows.toLocaleString('en-US')} rows ingested, ` +
          `${state.rowsDropped.toLocaleString('en-US')} dropped, ${Math.round(elapsedMs / 1000)} s`,
      });
    },
  });
}

async function reportRows(ctx: ActionContext, last: IngestionState, expected: ExpectedRows): Promise<void> {
  const { session, emit } = ctx;
  emit(
    CODES.INGESTION_DONE,
    'success',
    `Imported ${last.rowsIngested.toLocaleString('en-US')} rows into SPICE (${(last.sizeBytes / MB).toFixed(1)} MB), ${last.rowsDropped} dropped`,
  );
  if (last.rowsDropped > 0) {
    const unfit = await findUnfitRecords(session.clients, session.names.bucket, 3, ctx.signal);
    const examples = unfit.examples.map((p) => `${p.key} line ${p.line}: ${p.reason}`).join('; ');
    emit(
      CODES.ROWS_DROPPED,
      'warn',
      `QuickSight skipped ${last.rowsDropped} rows whose values do not fit their columns` +
        (unfit.count > 0 ? `; ${unfit.count} records in the bucket would not fit, e.g. ${examples}` : '') +
        `. The console lists them too: ${consoleUrl(session.region, `data-sets/${session.names.dataSet}/view`)} → Refresh → History → skipped rows.`,
    );
  }
  if (last.rowsIngested + last.rowsDropped !== expected.rows) {
    emit(
      CODES.INGESTION_DONE,
      'warn',
      `The bucket holds ${expected.rows.toLocaleString('en-US')} records${expected.source === 'reconciliation' ? ' (from the landing step)' : ''}, ` +
        `the data set ${last.rowsIngested.toLocaleString('en-US')}: records may still be landing. Run this step again to refresh.`,
    );
  }
  if (expected.duplicates > 0) {
    emit(
      CODES.DUPLICATES,
      'warn',
      `${expected.duplicates} records landed twice and are rows twice in the data set; count distinct eventId in visuals that must not double count.`,
    );
  }
}

async function ingestionProblem(ctx: ActionContext, last: IngestionState): Promise<QuickSightProblem> {
  const { session, emit } = ctx;
  const reason = last.error ? `${last.error.type}: ${last.error.message}` : last.status;
  emit(CODES.INGESTION_FAILED, 'error', `The ingestion ${last.id} ended ${last.status} (${reason})`);
  switch (last.error?.type) {
    case 'ACCOUNT_CAPACITY_LIMIT_EXCEEDED':
      return spiceProblem(ctx, last.error.message);
    case 'S3_MANIFEST_ERROR':
      return new QuickSightProblem(
        'ingestion',
        `QuickSight could not use the manifest: ${last.error.message}`,
        ['Run the "Connect QuickSight to the bucket" step again to rewrite it, then this one.'],
      );
    case 'FAILURE_TO_PROCESS_JSON_FILE':
      return new QuickSightProblem(
        'ingestion',
        `A file in the bucket is not JSON lines: ${last.error.message}`,
        [
          `Look at that object (aws s3 cp s3://${session.names.bucket}/<key> -); every line must be one JSON record.`,
          "Delete objects that are not the simulator's, then run this step again.",
        ],
      );
    case undefined:
      return new QuickSightProblem(
        'ingestion',
        `The ingestion ${last.id} was ${last.status.toLowerCase()}.`,
        ['Run this step again.'],
      );
    default:
      return new QuickSightProblem('ingestion', `The ingestion failed: ${reason}.`, [
        `See the data set's refresh history at ${consoleUrl(session.region, `data-sets/${session.names.dataSet}/view`)}, fix the cause, then run this step again.`,
      ]);
  }
}

/** Says how much SPICE the data set needs, what else uses it, and where to free or buy some. */
async function spiceProblem(ctx: ActionContext, said: string): Promise<QuickSightProblem> {
  const { session, emit } = ctx;
  const needed = await estimateSpiceBytes(session.clients, session.names.bucket, ctx.signal);
  const others: Array<{ id: string; name: string; bytes: number }> = [];
  for (const set of (await listDataSets(session.clients, session.account)).slice(0, 50)) {
    if (set.id === session.names.dataSet) continue;
    const described = await describeDataSet(session.clients, session.account, set.id);
    if (described && described.consumedSpiceBytes > 0)
      others.push({ ...set, bytes: described.consumedSpiceBytes });
  }
  others.sort((a, b) => b.bytes - a.bytes);
  const used = others.reduce((sum, o) => sum + o.bytes, 0);
  const largest = others
    .slice(0, 3)
    .map((o) => `${o.name} (${o.id}, ${(o.bytes / MB).toFixed(0)} MB)`)
    .join(', ');
  emit(CODES.SPICE, 'error', `Not enough SPICE capacity in ${session.region}: ${said}`);
  return new QuickSightProblem(
    'spice',
    `Not enough SPICE capacity in ${session.region} for ${session.names.dataSet}: it needs about ${needed === undefined ? '?' : (needed / MB).toFixed(0)} MB, ` +
      `and other data sets already use ${(used / MB).toFixed(0)} MB.`,
    [
      others.length > 0
        ? `Delete data sets you no longer need (largest: ${largest}) in ${consoleUrl(session.region, 'data-sets')} or with aws quicksight delete-data-set --aws-account-id ${session.account} --data-set-id <id>,`
        : 'Your account has little or no SPICE capacity left in this region;',
      `or buy more at ${SPICE_ADMIN_URL} (Manage QuickSight → SPICE capacity → Purchase more SPICE). Then run this step again.`,
    ],
  );
}
