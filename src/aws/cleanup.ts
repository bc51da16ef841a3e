/**
 * Removes what the module created, newest first: the QuickSight analysis,
 * data set and data source, the bucket's objects, then the stack (with the
 * bucket emptied first so its deletion cannot fail on "not empty").
 * Idempotent, and safe after a failed or interrupted run: what is already
 * gone counts as removed; what cannot be removed is listed with the reason.
 */
import { DeleteAnalysisCommand, DeleteDataSetCommand, DeleteDataSourceCommand, DescribeAccountSubscriptionCommand } from '@aws-sdk/client-quicksight';
import { DeleteObjectsCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { Session } from '../session/types.js';
import { errorName, isNotFound } from './errors.js';
import { deleteStackAndWait, describeStack } from './stack-deploy.js';

export interface CleanupItem {
  what: string;
  outcome: 'removed' | 'absent' | 'failed';
  detail?: string;
}

export interface CleanupProps {
  session: Session;
  onItem(item: CleanupItem): void;
  /** @default 1000 */
  pollIntervalMs?: number;
  /** How long to wait for the stack to go. @default 15 minutes */
  stackTimeoutMs?: number;
}

/** What cleanup will remove, for the confirmation. */
export function cleanupPlan(session: Session): string[] {
  const { names } = session;
  return [
    `QuickSight analysis ${names.analysis}, data set ${names.dataSet} and data source ${names.dataSource}`,
    `every object in s3://${names.bucket} (the simulated day and the manifest)`,
    `CloudFormation stack ${names.stack}: the bucket, the delivery role and the delivery stream ${names.stream}`,
  ];
}

/** Swallows "not there" and "QuickSight not signed up": both mean nothing to remove. */
async function removeQuickSight(what: string, remove: () => Promise<unknown>): Promise<CleanupItem> {
  try {
    await remove();
    return { what, outcome: 'removed' };
  } catch (error) {
    const name = errorName(error) ?? '';
    if (isNotFound(error) || name === 'UnsupportedUserEditionException') return { what, outcome: 'absent' };
    return { what, outcome: 'failed', detail: `${name}: ${(error as Error).message}` };
  }
}

export async function cleanupAccount(props: CleanupProps): Promise<CleanupItem[]> {
  const { session, onItem } = props;
  const { names, account } = session;
  const items: CleanupItem[] = [];
  const note = (item: CleanupItem) => {
    items.push(item);
    onItem(item);
  };
  const qs = session.clients.quickSight;

  // An account with no QuickSight subscription has no QuickSight resources to remove.
  const notInUse = await quickSightNotInUse(session);
  if (notInUse) {
    note({ what: 'QuickSight analysis, data set and data source', outcome: 'absent', detail: notInUse });
    note(await emptyBucket(session));
    note(await deleteStack(props));
    return items;
  }

  note(
    await removeQuickSight(`QuickSight analysis ${names.analysis}`, () =>
      qs.send(new DeleteAnalysisCommand({ AwsAccountId: account, AnalysisId: names.analysis, ForceDeleteWithoutRecovery: true })),
    ),
  );
  note(await removeQuickSight(`QuickSight data set ${names.dataSet}`, () => qs.send(new DeleteDataSetCommand({ AwsAccountId: account, DataSetId: names.dataSet }))));
  note(
    await removeQuickSight(`QuickSight data source ${names.dataSource}`, () =>
      qs.send(new DeleteDataSourceCommand({ AwsAccountId: account, DataSourceId: names.dataSource })),
    ),
  );

  note(await emptyBucket(session));
  note(await deleteStack(props));
  return items;
}

/** Why QuickSight is not in use in this account, or undefined when it is (or we cannot tell). */
async function quickSightNotInUse(session: Session): Promise<string | undefined> {
  try {
    await session.clients.quickSight.send(new DescribeAccountSubscriptionCommand({ AwsAccountId: session.account }));
    return undefined;
  } catch (error) {
    const name = errorName(error) ?? '';
    if (name === 'ResourceNotFoundException' || name === 'UnknownOperationException') return `QuickSight is not set up here (${name})`;
    return undefined;
  }
}

async function emptyBucket(session: Session): Promise<CleanupItem> {
  const bucket = session.names.bucket;
  const what = `objects in s3://${bucket}`;
  let removed = 0;
  try {
    for (;;) {
      // Always the first page: each round deletes what the previous listed.
      const page = await session.clients.s3.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 1000 }));
      const keys = (page.Contents ?? []).flatMap((o) => (o.Key ? [{ Key: o.Key }] : []));
      if (keys.length === 0) break;
      const out = await session.clients.s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys, Quiet: true } }));
      if (out.Errors?.length) {
        const first = out.Errors[0];
        return { what, outcome: 'failed', detail: `${out.Errors.length} objects could not be deleted, e.g. ${first.Key}: ${first.Code} ${first.Message}` };
      }
      removed += keys.length;
    }
  } catch (error) {
    if (isNotFound(error)) return { what, outcome: 'absent' };
    return { what, outcome: 'failed', detail: `${errorName(error)}: ${(error as Error).message}` };
  }
  return removed > 0 ? { what: `${removed} ${what}`, outcome: 'removed' } : { what, outcome: 'absent' };
}

async function deleteStack(props: CleanupProps): Promise<CleanupItem> {
  const { session } = props;
  const client = session.clients.cloudFormation;
  const name = session.names.stack;
  const what = `stack ${name} (bucket, role, delivery stream)`;
  try {
    if (!(await describeStack(client, name))) return { what, outcome: 'absent' };
    const outcome = await deleteStackAndWait(client, name, {
      pollIntervalMs: props.pollIntervalMs,
      timeoutMs: props.stackTimeoutMs ?? 15 * 60 * 1000,
    });
    if (outcome.kind === 'gone') return { what, outcome: 'removed' };
    if (outcome.kind === 'failed') return { what, outcome: 'failed', detail: outcome.reason };
    return { what, outcome: 'failed', detail: `${outcome.reason}; run cleanup again later` };
  } catch (error) {
    return { what, outcome: 'failed', detail: `${errorName(error)}: ${(error as Error).message}` };
  }
}
