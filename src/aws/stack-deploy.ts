/**
 * Create a stack, or update it, and follow it until it settles. Converges:
 * running it again with the same template changes nothing.
 */
import {
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStacksCommand,
  UpdateStackCommand,
  type Capability,
  type CloudFormationClient,
  type Stack,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';
import { errorName, isNotFound } from './errors.js';
import { sleep } from '../util/sleep.js';
import { isSettled, isSuccess, StackActivity, StackEventPoller } from './stack-events.js';

export interface DeployProps {
  client: CloudFormationClient;
  stackName: string;
  templateBody: string;
  parameters: Record<string, string>;
  capabilities: Capability[];
  /** How many resources the template declares, for the N/M count. */
  resourceCount: number;
  signal?: AbortSignal;
  /** Called after every poll, with the events that poll found (oldest first). */
  onActivity(activity: StackActivity, fresh: StackEvent[]): void;
  /** A stack that can only be deleted (ROLLBACK_COMPLETE, CREATE_FAILED): may we delete and re-create it? */
  confirmRecreate(stack: Stack): Promise<boolean>;
  /** @default 1000 */
  pollIntervalMs?: number;
}

export interface DeployResult {
  change: 'created' | 'updated' | 'unchanged';
  stackId: string;
  status: string;
  outputs: Record<string, string>;
}

export class StackDeployError extends Error {
  constructor(
    message: string,
    readonly failures: StackActivity['failures'],
    readonly status?: string,
  ) {
    super(message);
    this.name = 'StackDeployError';
  }
}

/** Statuses a stack can only leave by being deleted. */
const DEAD_END = new Set(['ROLLBACK_COMPLETE', 'ROLLBACK_FAILED', 'CREATE_FAILED', 'DELETE_FAILED']);
const NO_UPDATES = /No updates are to be performed/;

export async function describeStack(client: CloudFormationClient, stackName: string): Promise<Stack | undefined> {
  try {
    const out = await client.send(new DescribeStacksCommand({ StackName: stackName }));
    const stack = out.Stacks?.[0];
    return stack && stack.StackStatus !== 'DELETE_COMPLETE' ? stack : undefined;
  } catch (error) {
    // Only "does not exist" means absent; throttling or denial must surface.
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

export async function deployStack(props: DeployProps): Promise<DeployResult> {
  const { client, stackName } = props;
  let existing = await describeStack(client, stackName);

  if (existing && !isSettled(existing.StackStatus ?? '')) {
    existing = await follow(props, await StackEventPoller.newestEventId(client, stackName), existing.StackStatus ?? '');
  }
  if (existing && DEAD_END.has(existing.StackStatus ?? '')) {
    if (!(await props.confirmRecreate(existing))) {
      throw new StackDeployError(
        `Stack ${stackName} is in ${existing.StackStatus} and can only be deleted.`,
        [],
        existing.StackStatus,
      );
    }
    await deleteAndWait(props);
    existing = undefined;
  }

  // The last event of the stack as it is, so the view shows this deploy's events only.
  const boundary = existing ? await StackEventPoller.newestEventId(client, stackName) : undefined;
  const common = {
    StackName: stackName,
    TemplateBody: props.templateBody,
    Parameters: Object.entries(props.parameters).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue })),
    Capabilities: props.capabilities,
  };
  let change: DeployResult['change'];
  if (!existing) {
    await client.send(new CreateStackCommand({ ...common, Tags: [{ Key: 'themepark-workshop', Value: 'module-5' }] }));
    change = 'created';
  } else {
    try {
      await client.send(new UpdateStackCommand(common));
      change = 'updated';
    } catch (error) {
      if (errorName(error) === 'ValidationError' && NO_UPDATES.test((error as Error).message)) {
        return { change: 'unchanged', stackId: existing.StackId ?? '', status: existing.StackStatus ?? '', outputs: outputsOf(existing) };
      }
      throw error;
    }
  }

  const stack = await follow(props, boundary, 'UNKNOWN');
  return { change, stackId: stack?.StackId ?? '', status: stack?.StackStatus ?? '', outputs: outputsOf(stack) };
}

/** Poll events and status until the stack settles; throw with every resource's reason if it failed. */
async function follow(props: DeployProps, afterEventId: string | undefined, initial: string): Promise<Stack | undefined> {
  const poller = new StackEventPoller(props.client, props.stackName, afterEventId);
  const activity = new StackActivity(props.stackName, props.resourceCount);
  activity.stackStatus = initial;
  for (;;) {
    props.signal?.throwIfAborted();
    const events = await poller.poll();
    for (const event of events) activity.add(event);
    const stack = await describeStack(props.client, props.stackName);
    activity.stackStatus = stack?.StackStatus ?? 'DELETE_COMPLETE';
    props.onActivity(activity, events);
    if (!stack) return undefined;
    if (isSettled(activity.stackStatus)) {
      // One more read, so a failure reason written just before the final status is not lost.
      const last = await poller.poll();
      for (const event of last) activity.add(event);
      if (last.length > 0) props.onActivity(activity, last);
      if (isSuccess(activity.stackStatus) || activity.stackStatus === 'DELETE_COMPLETE') return stack;
      const reasons = activity.failures.map((f) => `${f.logicalId} (${f.type}): ${f.reason}`);
      throw new StackDeployError(
        `Stack ${props.stackName} ended in ${activity.stackStatus}` + (reasons.length ? `: ${reasons.join('; ')}` : ` (${stack.StackStatusReason ?? 'no reason given'})`),
        activity.failures,
        activity.stackStatus,
      );
    }
    await sleep(props.pollIntervalMs ?? 1000, props.signal);
  }
}

async function deleteAndWait(props: DeployProps): Promise<void> {
  const outcome = await deleteStackAndWait(props.client, props.stackName, { pollIntervalMs: props.pollIntervalMs, signal: props.signal });
  if (outcome.kind === 'gone') return;
  throw new StackDeployError(`Could not delete stack ${props.stackName}: ${outcome.reason}`, [], outcome.status);
}

export type DeleteOutcome = { kind: 'gone' } | { kind: 'failed' | 'timed-out'; status: string; reason: string };

/** Ask CloudFormation to delete a stack and wait until it is gone, failed, or the time is up. */
export async function deleteStackAndWait(
  client: CloudFormationClient,
  stackName: string,
  options: { pollIntervalMs?: number; timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<DeleteOutcome> {
  await client.send(new DeleteStackCommand({ StackName: stackName }));
  const deadline = Date.now() + (options.timeoutMs ?? Infinity);
  for (;;) {
    options.signal?.throwIfAborted();
    const stack = await describeStack(client, stackName);
    if (!stack) return { kind: 'gone' };
    const status = stack.StackStatus ?? 'UNKNOWN';
    if (status === 'DELETE_FAILED') return { kind: 'failed', status, reason: stack.StackStatusReason ?? 'no reason given' };
    if (Date.now() > deadline) return { kind: 'timed-out', status, reason: `still ${status}` };
    await sleep(options.pollIntervalMs ?? 1000, options.signal);
  }
}

export function outputsOf(stack: Stack | undefined): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const output of stack?.Outputs ?? []) if (output.OutputKey) outputs[output.OutputKey] = output.OutputValue ?? '';
  return outputs;
}
