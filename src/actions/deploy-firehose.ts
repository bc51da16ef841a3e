/**
 * Section 1: the bucket, the role and the delivery stream, deployed together
 * as one CloudFormation stack from templates/firehose.yaml.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { ActionContext, ActionDefinition, Json } from '../engine/types.js';
import { CODES } from '../engine/codes.js';
import { packagePath } from '../engine/paths.js';
import { deployStack, describeStack, StackDeployError } from '../aws/stack-deploy.js';
import type { StackActivity } from '../aws/stack-events.js';
import type { StackEvent } from '@aws-sdk/client-cloudformation';
import { bucketState } from '../aws/s3.js';

export const FIREHOSE_TEMPLATE = packagePath('templates', 'firehose.yaml');

const BUCKET_TAKEN_ERR = (bucket: string) =>
  `A bucket named ${bucket} already exists in this account, outside the stack (perhaps built by hand).`;
const BUCKET_TAKEN_FIX = (bucket: string) =>
  `Empty and delete it (aws s3 rb s3://${bucket} --force) or run themepark-workshop cleanup, then run this step again.`;
const BUCKET_FOREIGN_ERR = (bucket: string) =>
  `The bucket name ${bucket} belongs to another AWS account; bucket names are global.`;

function templateFacts(): { body: string; resourceCount: number } {
  const body = readFileSync(FIREHOSE_TEMPLATE, 'utf8');
  // Short-form tags (!Ref, !Sub) mean nothing here; only the Resources keys are counted.
  const doc = parse(body, { logLevel: 'silent' }) as { Resources?: Record<string, unknown> };
  return { body, resourceCount: Object.keys(doc.Resources ?? {}).length };
}

function stackParameters(ctx: { session: ActionContext['session'] }): Record<string, string> {
  return { StreamName: ctx.session.names.stream, BucketName: ctx.session.names.bucket };
}

export const deployFirehose: ActionDefinition = {
  title: 'Deploy the bucket, role and delivery stream',
  commands: (session) => [
    `aws cloudformation deploy --stack-name ${session.names.stack} --template-file templates/firehose.yaml --capabilities CAPABILITY_IAM --parameter-overrides StreamName=${session.names.stream} BucketName=${session.names.bucket}`,
    `aws cloudformation describe-stack-events --stack-name ${session.names.stack}`,
    `aws firehose describe-delivery-stream --delivery-stream-name ${session.names.stream}`,
  ],
  async run(ctx) {
    const { session, emit, signal } = ctx;
    const { stack: stackName, bucket } = session.names;
    const { body, resourceCount } = templateFacts();

    // A bucket of that name outside the stack would fail the create after a
    // minute of waiting; say so now, with the fix.
    if (!(await describeStack(session.clients.cloudFormation, stackName))) {
      const state = await bucketState(session.clients, bucket);
      if (state === 'ours') throw new Error(`${BUCKET_TAKEN_ERR(bucket)} ${BUCKET_TAKEN_FIX(bucket)}`);
      if (state === 'forbidden') throw new Error(`${BUCKET_FOREIGN_ERR(bucket)} Run in another region or account.`);
    }

    const report = (activity: StackActivity, fresh: StackEvent[]) => {
      const rows = activity.rows();
      const state: Record<string, Json> = {
        stackName,
        status: activity.stackStatus,
        resources: rows.map((r) => ({ ...r, reason: r.reason ?? null })),
        done: activity.done(),
        total: activity.totalResources,
      };
      // One line per stack event, for plain mode and the log.
      for (const event of fresh) {
        const status = event.ResourceStatus ?? '';
        const reason = event.ResourceStatusReason ? ` · ${event.ResourceStatusReason}` : '';
        emit(CODES.STACK_RESOURCE, status.endsWith('FAILED') ? 'error' : 'info', `${event.LogicalResourceId} ${event.ResourceType} ${status}${reason}`, {
          logicalId: event.LogicalResourceId ?? '',
          status,
        });
      }
      emit.live(CODES.STACK_PROGRESS, {
        view: 'stack',
        state,
        summary: `${stackName} ${activity.stackStatus}: ${activity.done()}/${activity.totalResources} resources`,
      });
    };

    try {
      const result = await deployStack({
        client: session.clients.cloudFormation,
        stackName,
        templateBody: body,
        parameters: stackParameters(ctx),
        capabilities: ['CAPABILITY_IAM'],
        resourceCount,
        signal,
        onActivity: report,
        confirmRecreate: (stack) =>
          ctx.confirm({
            code: CODES.STACK_RECREATE,
            message:
              `Stack ${stackName} is in ${stack.StackStatus} after an earlier failure` +
              (stack.StackStatusReason ? ` (${stack.StackStatusReason})` : '') +
              '. It holds nothing useful and can only be deleted. Delete it and create it again?',
            ifUnattended: stack.StackStatus === 'ROLLBACK_COMPLETE' || stack.StackStatus === 'CREATE_FAILED',
          }),
      });
      const verb = { created: 'Created', updated: 'Updated', unchanged: 'Already up to date:' }[result.change];
      emit(CODES.STACK_DONE, 'success', `${verb} stack ${stackName} (${result.status})`);
      return {
        stackName,
        stackId: result.stackId,
        bucket: result.outputs.BucketName ?? bucket,
        bucketArn: result.outputs.BucketArn ?? `arn:aws:s3:::${bucket}`,
        streamName: result.outputs.StreamName ?? session.names.stream,
        streamArn: result.outputs.StreamArn ?? '',
        roleArn: result.outputs.RoleArn ?? '',
      };
    } catch (error) {
      if (error instanceof StackDeployError) {
        for (const failure of error.failures) {
          emit(CODES.STACK_FAILURE, 'error', `${failure.logicalId} (${failure.type}) ${failure.status}: ${failure.reason}`);
        }
        const fix =
          error.status === 'ROLLBACK_COMPLETE'
            ? ' Fix the cause above, then run the step again: the failed stack is deleted and created anew.'
            : error.status && /DELETE_FAILED|ROLLBACK_FAILED/.test(error.status)
              ? ` Delete it in the CloudFormation console (or: aws cloudformation delete-stack --stack-name ${stackName}), then run the step again.`
              : '';
        throw new Error(error.message + fix);
      }
      throw error;
    }
  },
};
