/**
 * Stack operations run in the background after the API call returns. One
 * operation per stack at a time (a DeleteStack during a creation waits for
 * it); all of them stop, wherever they are, when the sandbox stops.
 *
 * What happens to an operation cut short by a stop or a crash is decided at
 * the next start (recoverStacks): nothing is left IN_PROGRESS for ever.
 *   CREATE_IN_PROGRESS, ROLLBACK_IN_PROGRESS          -> roll back (ROLLBACK_COMPLETE)
 *   UPDATE_IN_PROGRESS, UPDATE_ROLLBACK_IN_PROGRESS,
 *   UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS      -> roll the update back (UPDATE_ROLLBACK_COMPLETE)
 *   UPDATE_COMPLETE_CLEANUP_IN_PROGRESS              -> finish the cleanup (UPDATE_COMPLETE)
 *   DELETE_IN_PROGRESS                                -> finish deleting
 * A creation is rolled back rather than resumed because the sandbox cannot
 * know whether the request in flight reached the other service.
 */
import type { SandboxRuntime } from '../types.js';
import { isInProgress, type StackRecord, type StackStatus } from './model.js';
import { StackRecorder } from './recorder.js';
import type { RunEnv } from './run-env.js';
import {
  runCreateRollback,
  runDelete,
  runUpdateCleanup,
  runUpdateRollback,
  runUpdateRollbackCleanup,
} from './stack-runs.js';
import { accountStacks } from './stacks.js';

interface OperationMemory {
  controller: AbortController;
  /** The last operation started per stack id; the next one waits for it. */
  running: Map<string, Promise<void>>;
}

function memoryOf(sandbox: SandboxRuntime): OperationMemory {
  return sandbox.memory('cloudformation-operations', () => ({
    controller: new AbortController(),
    running: new Map(),
  }));
}

/** What an unexpected error (a sandbox bug) turns an in-progress status into, so it does not hang. */
const BROKEN: Partial<Record<StackStatus, StackStatus>> = {
  CREATE_IN_PROGRESS: 'CREATE_FAILED',
  ROLLBACK_IN_PROGRESS: 'ROLLBACK_FAILED',
  DELETE_IN_PROGRESS: 'DELETE_FAILED',
  UPDATE_IN_PROGRESS: 'UPDATE_ROLLBACK_FAILED',
  UPDATE_ROLLBACK_IN_PROGRESS: 'UPDATE_ROLLBACK_FAILED',
  UPDATE_COMPLETE_CLEANUP_IN_PROGRESS: 'UPDATE_COMPLETE',
  UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS: 'UPDATE_ROLLBACK_COMPLETE',
};

/**
 * Runs `work` for the stack once any operation already running on it has
 * ended. `before` runs at that moment (e.g. setting DELETE_IN_PROGRESS); when
 * it returns false the work is skipped (the stack no longer needs it).
 */
export function launch(
  sandbox: SandboxRuntime,
  account: string,
  stack: StackRecord,
  work: (env: RunEnv) => Promise<void>,
  before?: (env: RunEnv) => boolean | void,
): void {
  const memory = memoryOf(sandbox);
  const stacks = accountStacks(sandbox, account);
  const env: RunEnv = {
    sandbox,
    account,
    stacks,
    recorder: new StackRecorder(stack, stacks, () => sandbox.now()),
    signal: memory.controller.signal,
  };
  const previous = memory.running.get(stack.stackId) ?? Promise.resolve();
  const next = previous.then(async () => {
    if (env.signal.aborted) return;
    try {
      if (before?.(env) === false) return;
      await work(env);
    } catch (error) {
      if (env.signal.aborted) return;
      const broken = BROKEN[stack.status];
      if (broken)
        env.recorder.stackStatus(broken, `Internal failure in the themepark sandbox: ${String(error)}`);
      process.emitWarning(
        `sandbox cloudformation: ${stack.stackName}: ${error instanceof Error ? error.stack : String(error)}`,
      );
    }
  });
  memory.running.set(stack.stackId, next);
  void next.finally(() => {
    if (memory.running.get(stack.stackId) === next) memory.running.delete(stack.stackId);
  });
}

/** True while an operation is running or queued on the stack. */
export function isBusy(sandbox: SandboxRuntime, stackId: string): boolean {
  return memoryOf(sandbox).running.has(stackId);
}

/** Ends every operation's waits and lets them finish unwinding; their stacks keep their IN_PROGRESS status. */
export async function stopOperations(sandbox: SandboxRuntime): Promise<void> {
  const memory = memoryOf(sandbox);
  memory.controller.abort(new Error('the sandbox is stopping'));
  await Promise.allSettled([...memory.running.values()]);
}

/** Picks up every stack a previous run of the sandbox left in progress (see the table above). */
export function recoverStacks(sandbox: SandboxRuntime): void {
  for (const account of sandbox.store.accounts()) {
    const stacks = accountStacks(sandbox, account);
    for (const stack of stacks.state.stacks) {
      if (isInProgress(stack.status)) recover(sandbox, account, stack);
    }
  }
}

const INTERRUPTED = 'The themepark sandbox stopped while this operation was in progress.';

function recover(sandbox: SandboxRuntime, account: string, stack: StackRecord): void {
  switch (stack.status) {
    case 'CREATE_IN_PROGRESS':
      launch(sandbox, account, stack, runCreateRollback, (env) => {
        cancelInProgressResources(env);
        env.recorder.stackStatus('ROLLBACK_IN_PROGRESS', `${INTERRUPTED} Rollback requested by the sandbox.`);
      });
      return;
    case 'ROLLBACK_IN_PROGRESS':
      launch(sandbox, account, stack, runCreateRollback);
      return;
    case 'DELETE_IN_PROGRESS':
      launch(sandbox, account, stack, runDelete);
      return;
    case 'UPDATE_IN_PROGRESS':
      launch(sandbox, account, stack, runUpdateRollback, (env) => {
        cancelInProgressResources(env);
        env.recorder.stackStatus('UPDATE_ROLLBACK_IN_PROGRESS', INTERRUPTED);
      });
      return;
    case 'UPDATE_ROLLBACK_IN_PROGRESS':
      launch(sandbox, account, stack, runUpdateRollback);
      return;
    case 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS':
      launch(sandbox, account, stack, runUpdateCleanup);
      return;
    case 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS':
      launch(sandbox, account, stack, runUpdateRollbackCleanup);
      return;
    default:
      return;
  }
}

/** Resources caught mid-change are marked failed, "Resource creation cancelled" in AWS's words. */
function cancelInProgressResources(env: RunEnv): void {
  for (const record of Object.values(env.recorder.stack.resources)) {
    if (record.status === 'CREATE_IN_PROGRESS') {
      env.recorder.resourceStatus(record, 'CREATE_FAILED', 'Resource creation cancelled');
    } else if (record.status === 'UPDATE_IN_PROGRESS') {
      env.recorder.resourceStatus(record, 'UPDATE_FAILED', 'Resource update cancelled');
    } else if (record.status === 'DELETE_IN_PROGRESS') {
      env.recorder.resourceStatus(record, 'DELETE_FAILED', 'Resource deletion cancelled');
    }
  }
}
