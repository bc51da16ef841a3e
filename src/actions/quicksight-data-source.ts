/**
 * Section 3: the manifest file and the S3 data source theme-park-data. Both
 * converge: an unchanged manifest is not rewritten, a data source that
 * already reads it is kept, and one that failed or reads another manifest is
 * replaced.
 */
import type { ActionContext, ActionDefinition } from '../engine/types.js';
import { QUICKSIGHT_CODES as CODES } from '../aws/quicksight-codes.js';
import {
  consoleUrl,
  explainCallerDenied,
  isS3AccessDenied,
  QuickSightProblem,
} from '../aws/quicksight-errors.js';
import { dataPrefixes, MANIFEST_KEY, writeManifest } from '../aws/quicksight-manifest.js';
import {
  createDataSource,
  deleteDataSource,
  describeDataSource,
  type DataSourceState,
} from '../aws/quicksight-resources.js';
import { pollInterval, quickSightFacts } from './quicksight-account.js';
import { offerS3Grant } from './quicksight-s3.js';

const READY = new Set(['CREATION_SUCCESSFUL', 'UPDATE_SUCCESSFUL']);

export const connectQuickSightToBucket: ActionDefinition = {
  title: 'Write the manifest and connect QuickSight to the bucket',
  commands: (session) => [
    `aws s3 cp manifest.json s3://${session.names.bucket}/${MANIFEST_KEY}   # {"fileLocations":[{"URIPrefixes":["s3://${session.names.bucket}/2026/"]}],"globalUploadSettings":{"format":"JSON"}}`,
    `aws quicksight create-data-source --aws-account-id ${session.account} --data-source-id ${session.names.dataSource} --name ${session.names.dataSource} --type S3 ` +
      `--data-source-parameters '{"S3Parameters":{"ManifestFileLocation":{"Bucket":"${session.names.bucket}","Key":"${MANIFEST_KEY}"}}}' ` +
      `--permissions Principal=<your QuickSight user ARN>,Actions=quicksight:DescribeDataSource,quicksight:PassDataSource,quicksight:UpdateDataSource,quicksight:DeleteDataSource`,
    `aws quicksight describe-data-source --aws-account-id ${session.account} --data-source-id ${session.names.dataSource}`,
  ],
  async run(ctx) {
    const { session, emit } = ctx;
    const { bucket, dataSource: id } = session.names;
    try {
      const facts = await quickSightFacts(ctx);

      const prefixes = await dataPrefixes(session.clients, bucket);
      if (prefixes.length === 0) {
        throw new QuickSightProblem(
          'data-source',
          `The bucket ${bucket} holds no data under YYYY/ folders yet.`,
          ['Run the simulator steps first, then this one.'],
        );
      }
      const manifest = await writeManifest(session.clients, bucket, prefixes);
      const verb = { created: 'Wrote', updated: 'Updated', unchanged: 'Kept' }[manifest.change];
      emit(
        CODES.MANIFEST,
        'info',
        `${verb} the manifest s3://${bucket}/${MANIFEST_KEY}: JSON files under ${prefixes.join(', ')}`,
      );

      let source = await describeDataSource(session.clients, session.account, id);
      if (source && (!READY.has(source.status) || source.bucket !== bucket || source.key !== MANIFEST_KEY)) {
        emit(
          CODES.REPLACED,
          'warn',
          `The data source ${id} is ${source.status}${source.error ? ` (${source.error.message})` : ''} or reads another manifest; replacing it.`,
        );
        await deleteDataSource(session.clients, session.account, id);
        source = undefined;
      }
      if (!source) {
        await createWithAccess(ctx, facts.owner.arn);
        source = await settle(ctx);
      }
      if (!READY.has(source.status)) throw failed(source, bucket);

      const link = consoleUrl(session.region, 'data-sets');
      emit(
        CODES.DATA_SOURCE,
        'success',
        `Data source ${id} reads s3://${bucket}/${MANIFEST_KEY} (${source.status})`,
      );
      emit(
        CODES.CONSOLE_LINK,
        'info',
        `In the console: ${link} → New dataset lists it under "FROM EXISTING DATA SOURCES"`,
      );
      return {
        dataSourceId: id,
        dataSourceArn: source.arn,
        manifestUri: `s3://${bucket}/${MANIFEST_KEY}`,
        manifestPrefixes: prefixes,
      };
    } catch (error) {
      throw explainCallerDenied(error, session.identityArn);
    }
  },
};

/** Creates the data source; on "Insufficient permission" offers the S3 grant and tries again while IAM catches up. */
async function createWithAccess(ctx: ActionContext, ownerArn: string): Promise<void> {
  const { session } = ctx;
  const input = {
    id: session.names.dataSource,
    name: session.names.dataSource,
    bucket: session.names.bucket,
    key: MANIFEST_KEY,
    ownerArn,
  };
  let granted = false;
  for (let attempt = 0; ; attempt++) {
    try {
      await createDataSource(session.clients, session.account, input);
      return;
    } catch (error) {
      if (!isS3AccessDenied(error)) throw error;
      if (!granted) {
        await offerS3Grant(ctx);
        granted = true;
      } else if (attempt > 8) {
        throw error;
      }
      // IAM changes take a few seconds to reach QuickSight.
      await new Promise((resolve) => setTimeout(resolve, pollInterval(ctx, 5000)));
    }
  }
}

async function settle(ctx: ActionContext): Promise<DataSourceState> {
  const { session } = ctx;
  for (let attempt = 0; attempt < 120; attempt++) {
    const source = await describeDataSource(session.clients, session.account, session.names.dataSource);
    if (source && source.status !== 'CREATION_IN_PROGRESS' && source.status !== 'UPDATE_IN_PROGRESS')
      return source;
    await new Promise((resolve) => setTimeout(resolve, pollInterval(ctx, 2000)));
  }
  throw new QuickSightProblem(
    'data-source',
    `The data source ${session.names.dataSource} is still being created after four minutes.`,
    ['Look at it in the QuickSight console, then run this step again.'],
  );
}

function failed(source: DataSourceState, bucket: string): QuickSightProblem {
  const reason = source.error ? `${source.error.type}: ${source.error.message}` : source.status;
  const denied = source.error?.type === 'ACCESS_DENIED';
  return new QuickSightProblem('data-source', `The data source ${source.id} failed to create (${reason}).`, [
    denied
      ? `QuickSight may not read s3://${bucket}; run the first QuickSight step again to grant it.`
      : `Check the manifest s3://${bucket}/${MANIFEST_KEY} (JSON, UTF-8 without a byte order mark), then run this step again.`,
  ]);
}
