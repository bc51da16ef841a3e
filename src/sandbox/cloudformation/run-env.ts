/**
 * What one running stack operation works with: the stack, its recorder, the
 * sandbox, and a signal that ends every simulated wait when the sandbox stops.
 */
import type { SandboxRuntime } from '../types.js';
import type { StackRecord } from './model.js';
import type { StackRecorder } from './recorder.js';
import { ProvisionError, type ProvisionContext } from './resources/index.js';
import type { AccountStacks } from './stacks.js';
import {
  CloudFormationError,
  loadTemplate,
  planStack,
  ResolveError,
  resolutionContext,
  type PseudoParameters,
  type ResolveContext,
  type StackPlan,
  type Template,
} from './template/index.js';

export interface RunEnv {
  sandbox: SandboxRuntime;
  account: string;
  stacks: AccountStacks;
  recorder: StackRecorder;
  /** Aborted when the sandbox stops: the operation ends where it is, to be recovered at the next start. */
  signal: AbortSignal;
}

export function pseudoOf(stack: StackRecord, account: string): PseudoParameters {
  return { accountId: account, region: stack.region, stackName: stack.stackName, stackId: stack.stackId };
}

/**
 * The plan for the stack's current template and parameters. They were
 * checked when the API call was accepted, so this does not fail for lack of
 * capabilities or values.
 */
export function planOf(stack: StackRecord, account: string, templateBody = stack.templateBody): StackPlan {
  return planStack({
    template: loadTemplate(templateBody),
    parameters: Object.entries(stack.parameters).map(([ParameterKey, ParameterValue]) => ({
      ParameterKey,
      ParameterValue,
    })),
    capabilities: ['CAPABILITY_NAMED_IAM'],
    pseudo: pseudoOf(stack, account),
  });
}

/** The template, or undefined when it cannot be read (then resources are handled without it). */
export function templateOf(body: string): Template | undefined {
  try {
    return loadTemplate(body);
  } catch {
    return undefined;
  }
}

/** Intrinsics see the stack's resources as they are at this moment, and other stacks' exports. */
export function contextFor(env: RunEnv, plan: StackPlan): ResolveContext {
  const { stack } = env.recorder;
  return resolutionContext(plan.template, plan.parameters, pseudoOf(stack, env.account), {
    refResource(logicalId) {
      const physicalId = stack.resources[logicalId]?.physicalId;
      if (physicalId === undefined)
        throw new ResolveError(`Template error: resource ${logicalId} has not been created`);
      return physicalId;
    },
    getAtt(logicalId, attribute) {
      const record = stack.resources[logicalId];
      if (record?.physicalId === undefined) {
        throw new ResolveError(`Template error: resource ${logicalId} has not been created`);
      }
      const value = record.attributes?.[attribute];
      if (value === undefined) {
        throw new ResolveError(
          `Template error: resource ${logicalId} does not support attribute type ${attribute} in Fn::GetAtt`,
        );
      }
      return value;
    },
    importValue(name) {
      const value = findExport(env.stacks, stack.region, name, stack.stackId);
      if (value === undefined) throw new ResolveError(`No export named ${name} found.`);
      return value;
    },
  });
}

/** An export of a live stack (other than `exceptStackId`) in this account and region. */
export function findExport(
  stacks: AccountStacks,
  region: string,
  name: string,
  exceptStackId?: string,
): string | undefined {
  for (const stack of stacks.state.stacks) {
    if (stack.region !== region || stack.stackId === exceptStackId || stack.status === 'DELETE_COMPLETE')
      continue;
    const output = stack.outputs.find((o) => o.ExportName === name);
    if (output) return output.OutputValue;
  }
  return undefined;
}

export function provisionContext(
  env: RunEnv,
  logicalId: string,
  initiated: (physicalId: string) => void,
): ProvisionContext {
  const { stack } = env.recorder;
  return {
    sandbox: env.sandbox,
    account: env.account,
    region: stack.region,
    stackName: stack.stackName,
    stackId: stack.stackId,
    logicalId,
    wait: (seconds) => simulatedWait(env, seconds),
    initiated,
  };
}

export function simulatedWait(env: RunEnv, seconds: number): Promise<void> {
  const { signal } = env;
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, env.sandbox.scaledMs(seconds));
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Ends the operation without recording anything when the sandbox is stopping. */
export function stopIfStopping(env: RunEnv): void {
  if (env.signal.aborted) throw env.signal.reason;
}

/** A failure as a ResourceStatusReason. */
export function reasonOf(error: unknown): string {
  if (
    error instanceof ProvisionError ||
    error instanceof ResolveError ||
    error instanceof CloudFormationError
  ) {
    return error.message;
  }
  return `Internal failure in the themepark sandbox: ${error instanceof Error ? error.message : String(error)}`;
}

/** JSON with sorted keys, so two property sets compare equal whatever their key order. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}
