/**
 * Section 3's checks, read-only. They find the data source, data set and
 * analysis by the module's ids, or by name when a learner made them in the
 * console, so `verify` judges hand-built work too. Counting the bucket's
 * records streams it when no local reconciliation is saved.
 */
import type { CheckContext, CheckDefinition, CheckResult } from '../engine/types.js';
import { describeSubscription } from '../aws/quicksight-account.js';
import { expectedRows } from '../aws/quicksight-bucket-records.js';
import { isCallerDenied, isEditionUnsupported, isNotSubscribed } from '../aws/quicksight-errors.js';
import { latestIngestion } from '../aws/quicksight-ingestion.js';
import { MANIFEST_KEY } from '../aws/quicksight-manifest.js';
import { preparationProblems } from '../aws/quicksight-preparation.js';
import {
  analysisDefinitionOf,
  findAnalysis,
  findDataSet,
  findDataSource,
  visualKinds,
} from '../aws/quicksight-resources.js';

const FIVE_VISUALS = [
  'BarChartVisual',
  'GeospatialMapVisual',
  'LineChartVisual',
  'TreeMapVisual',
  'KPIVisual',
];

/** Runs a check, turning the refusals everyone can meet into a failing detail rather than an exception. */
function guarded(title: string, run: (ctx: CheckContext) => Promise<CheckResult>): CheckDefinition {
  return {
    title,
    async run(ctx) {
      try {
        return await run(ctx);
      } catch (error) {
        if (isNotSubscribed(error))
          return {
            ok: false,
            detail: 'the account is not signed up for QuickSight; run the first QuickSight step',
          };
        if (isCallerDenied(error))
          return { ok: false, detail: `not allowed to read QuickSight: ${(error as Error).message}` };
        throw error;
      }
    },
  };
}

export const quickSightSubscribed = guarded('QuickSight account subscribed', async ({ session }) => {
  const subscription = await describeSubscription(session.clients, session.account);
  if (!subscription)
    return {
      ok: false,
      detail: `account ${session.account} is not signed up for QuickSight; run the first QuickSight step`,
    };
  if (subscription.status !== 'ACCOUNT_CREATED')
    return { ok: false, detail: `the subscription is ${subscription.status}` };
  return { ok: true, detail: `${subscription.accountName}, ${subscription.edition} edition` };
});

export const quickSightDataSourceReady = guarded(
  'QuickSight data source created from the manifest',
  async ({ session }) => {
    const { dataSource: id, bucket } = session.names;
    const source = await findDataSource(session.clients, session.account, id, id);
    if (!source)
      return {
        ok: false,
        detail: `no S3 data source ${id} in ${session.region}; run the "Connect QuickSight to the bucket" step`,
      };
    if (!['CREATION_SUCCESSFUL', 'UPDATE_SUCCESSFUL'].includes(source.status)) {
      return {
        ok: false,
        detail: `${source.id} is ${source.status}${source.error ? `: ${source.error.message}` : ''}; run the step again`,
      };
    }
    if (source.bucket !== bucket)
      return {
        ok: false,
        detail: `${source.id} reads a manifest in ${source.bucket ?? 'no bucket'}, not ${bucket}`,
      };
    const where = source.key === MANIFEST_KEY ? '' : ` (manifest ${source.key})`;
    return { ok: true, detail: `${source.id} is ${source.status}, reading s3://${bucket}${where}` };
  },
);

export const quickSightDataSetPrepared = guarded(
  'Data set prepared as the module says',
  async ({ session }) => {
    const id = session.names.dataSet;
    const dataSet = await findDataSet(session.clients, session.account, id, id);
    if (!dataSet)
      return {
        ok: false,
        detail: `no data set ${id} in ${session.region}; run the "Prepare the data set" step`,
      };
    const problems = preparationProblems(dataSet);
    if (problems.length > 0) return { ok: false, detail: `${dataSet.id}: ${problems.join('; ')}` };
    return {
      ok: true,
      detail: `${dataSet.id}: ${dataSet.columns.length} columns, coordinates tagged for maps, rating an integer, minutesInPark calculated`,
    };
  },
);

export const quickSightIngestionComplete = guarded(
  'SPICE holds every record that landed, none dropped',
  async ({ session, outputs }) => {
    const id = session.names.dataSet;
    const dataSet = await findDataSet(session.clients, session.account, id, id);
    if (!dataSet) return { ok: false, detail: `no data set ${id}; run the "Prepare the data set" step` };
    const latest = await latestIngestion(session.clients, session.account, dataSet.id);
    if (!latest) return { ok: false, detail: `${dataSet.id} has never been ingested` };
    if (latest.status !== 'COMPLETED') {
      return {
        ok: false,
        detail: `the latest ingestion ${latest.id} is ${latest.status}${latest.error ? ` (${latest.error.type}: ${latest.error.message})` : ''}`,
      };
    }
    if (latest.rowsDropped > 0)
      return {
        ok: false,
        detail: `the latest ingestion dropped ${latest.rowsDropped} rows; run the step again to see which records and why`,
      };
    const expected = await expectedRows(session.clients, session.names.bucket, outputs);
    if (latest.rowsIngested !== expected.rows) {
      return {
        ok: false,
        detail: `SPICE holds ${latest.rowsIngested} rows but the bucket ${expected.rows} records; run the "Prepare the data set" step again to refresh`,
      };
    }
    const twice = expected.duplicates > 0 ? ` (${expected.duplicates} landed twice and count twice)` : '';
    return {
      ok: true,
      detail: `${latest.rowsIngested} rows ingested, none dropped, as many as landed${twice}`,
    };
  },
);

export const quickSightAnalysisReady = guarded('Analysis holds the five visuals', async ({ session }) => {
  const id = session.names.analysis;
  const analysis = await findAnalysis(session.clients, session.account, id, [
    id,
    `${session.names.dataSet} analysis`,
  ]);
  if (!analysis)
    return {
      ok: false,
      detail: `no analysis ${id} in ${session.region}; run the "Build the five visuals" step`,
    };
  if (analysis.status !== 'CREATION_SUCCESSFUL' && analysis.status !== 'UPDATE_SUCCESSFUL') {
    return {
      ok: false,
      detail: `${analysis.id} is ${analysis.status}${analysis.errors[0] ? `: ${analysis.errors[0].message}` : ''}`,
    };
  }
  let kinds: string[];
  try {
    kinds = visualKinds(await analysisDefinitionOf(session.clients, session.account, analysis.id));
  } catch (error) {
    // Standard edition cannot read definitions through the API; the analysis is there, its visuals cannot be counted.
    if (isEditionUnsupported(error))
      return {
        ok: true,
        detail: `${analysis.name} exists; this edition cannot list its visuals, so count them in the console`,
      };
    throw error;
  }
  const missing = FIVE_VISUALS.filter((kind) => !kinds.includes(kind));
  if (kinds.length < 5 || missing.length > 0) {
    return {
      ok: false,
      detail: `${analysis.id} has ${kinds.length} visuals${missing.length ? `; missing ${missing.join(', ')}` : ''}`,
    };
  }
  return { ok: true, detail: `${analysis.id}: ${kinds.length} visuals (${kinds.join(', ')})` };
});
