/**
 * The life of a stack operation after the API call has returned, phase by
 * phase, as CloudFormation reports it:
 *
 *   create:  CREATE_IN_PROGRESS ─ok─> CREATE_COMPLETE
 *                 └─fail─> ROLLBACK_IN_PROGRESS ─> ROLLBACK_COMPLETE (or _FAILED)
 *   update:  UPDATE_IN_PROGRESS ─ok─> UPDATE_COMPLETE_CLEANUP_IN_PROGRESS ─> UPDATE_COMPLETE
 *                 └─fail─> UPDATE_ROLLBACK_IN_PROGRESS
 *                            ─> UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS ─> UPDATE_ROLLBACK_COMPLETE
 *   delete:  DELETE_IN_PROGRESS ─> DELETE_COMPLETE (or DELETE_FAILED)
 *
 * Each phase is its own function so a restarted sandbox can resume at the
 * phase a stack was left in (recovery.ts).
 */
import type { ResourceRecord } from './model.js';
import {
  createResource,
  deleteResource,
  deleteResources,
  revertResource,
  updateResource,
} from './resource-steps.js';
import { contextFor, planOf, reasonOf, stopIfStopping, templateOf, type RunEnv } from './run-env.js';
import { runGraph } from './graph-run.js';
import { pruneDeleted } from './stacks.js';
import { resolveOutputs } from './template/index.js';

const failedTo = (verb: string, ids: string[]) =>
  `The following resource(s) failed to ${verb}: [${ids.join(', ')}]. `;

export async function runCreate(env: RunEnv): Promise<void> {
  const { recorder } = env;
  const { stack } = recorder;
  const plan = planOf(stack, env.account);
  const context = contextFor(env, plan);
  const result = await runGraph(plan.order, plan.dependencies, (id) =>
    createResource(env, plan, context, id),
  );
  stopIfStopping(env);

  let reason: string;
  if (result.failed.length === 0) {
    try {
      stack.outputs = resolveOutputs(plan, context);
      recorder.stackStatus('CREATE_COMPLETE');
      return;
    } catch (error) {
      reason = `${reasonOf(error)}. `;
    }
  } else {
    reason = failedTo(
      'create',
      result.failed.map((failure) => failure.node),
    );
  }

  if (stack.onFailure === 'DO_NOTHING') {
    recorder.stackStatus('CREATE_FAILED', reason);
    return;
  }
  recorder.stackStatus('ROLLBACK_IN_PROGRESS', `${reason}Rollback requested by user.`);
  await runCreateRollback(env);
}

/** Deletes every resource of the stack not already gone; returns those that could not be deleted. */
function deleteWhatIsLeft(env: RunEnv): ReturnType<typeof deleteResources> {
  const { stack } = env.recorder;
  const left = Object.values(stack.resources).filter(
    (r) => r.status !== 'DELETE_COMPLETE' && r.status !== 'DELETE_SKIPPED',
  );
  return deleteResources(env, left, templateOf(stack.templateBody));
}

/** Deletes whatever a failed creation made. */
export async function runCreateRollback(env: RunEnv): Promise<void> {
  const { recorder } = env;
  const { stack } = recorder;
  const failed = await deleteWhatIsLeft(env);
  if (failed.length) {
    recorder.stackStatus('ROLLBACK_FAILED', failedTo('delete', failed));
    return;
  }
  recorder.stackStatus('ROLLBACK_COMPLETE');
  if (stack.onFailure === 'DELETE') {
    recorder.stackStatus('DELETE_IN_PROGRESS');
    await runDelete(env);
  }
}

export async function runDelete(env: RunEnv): Promise<void> {
  const { recorder } = env;
  const { stack } = recorder;
  const failed = await deleteWhatIsLeft(env);
  if (failed.length) {
    recorder.stackStatus('DELETE_FAILED', failedTo('delete', failed));
    return;
  }
  delete stack.update;
  delete stack.retain;
  recorder.stackStatus('DELETE_COMPLETE');
  pruneDeleted(env.stacks);
}

export async function runUpdate(env: RunEnv): Promise<void> {
  const { recorder } = env;
  const { stack } = recorder;
  const journal = stack.update!;
  const plan = planOf(stack, env.account);
  const context = contextFor(env, plan);
  const result = await runGraph(plan.order, plan.dependencies, (id) =>
    updateResource(env, plan, context, journal, id),
  );
  stopIfStopping(env);

  let reason: string | undefined;
  if (result.failed.length === 0) {
    try {
      stack.outputs = resolveOutputs(plan, context);
    } catch (error) {
      reason = `${reasonOf(error)}. `;
    }
  } else {
    reason = failedTo(
      'update',
      result.failed.map((failure) => failure.node),
    );
  }
  if (reason !== undefined) {
    recorder.stackStatus('UPDATE_ROLLBACK_IN_PROGRESS', reason);
    await runUpdateRollback(env);
    return;
  }

  // Resources the new template no longer has (or whose condition turned false) go in the cleanup.
  const kept = new Set(plan.order);
  for (const [logicalId, record] of Object.entries(stack.resources)) {
    if (kept.has(logicalId)) continue;
    journal.cleanup.push(record);
    delete stack.resources[logicalId];
  }
  recorder.stackStatus('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS');
  await runUpdateCleanup(env);
}

/**
 * After a successful update: delete replaced and removed physical resources.
 * Failures here do not fail the update (CloudFormation only reports them).
 */
export async function runUpdateCleanup(env: RunEnv): Promise<void> {
  const { recorder } = env;
  const journal = recorder.stack.update;
  if (journal) await deleteResources(env, journal.cleanup, templateOf(journal.previous.templateBody), false);
  delete recorder.stack.update;
  recorder.stackStatus('UPDATE_COMPLETE');
}

/** Undoes a failed update's changes, newest first, then restores the previous template and parameters. */
export async function runUpdateRollback(env: RunEnv): Promise<void> {
  const { recorder } = env;
  const { stack } = recorder;
  const journal = stack.update!;
  const { previous } = journal;
  if (!journal.rollingBack) {
    // The old physical resources queued for deletion are the ones being restored now.
    journal.rollingBack = true;
    journal.cleanup = [];
    recorder.save();
  }
  const newTemplate = templateOf(stack.templateBody);

  for (const change of [...journal.changes].reverse()) {
    if (change.undone) continue;
    const current = stack.resources[change.logicalId];
    const old = previous.resources[change.logicalId];
    try {
      if (change.kind === 'created' && current) {
        await deleteResource(env, current, newTemplate?.resources[change.logicalId]);
        delete stack.resources[change.logicalId];
      } else if (change.kind === 'updated' && current && old) {
        await revertResource(env, current, old);
      } else if (change.kind === 'replaced' && old) {
        if (current && current.physicalId !== undefined && current.physicalId !== old.physicalId) {
          journal.cleanup.push(current);
        }
        const restored: ResourceRecord = structuredClone(old);
        recorder.resourceStatus(restored, 'UPDATE_COMPLETE');
      }
    } catch {
      stopIfStopping(env);
      recorder.stackStatus('UPDATE_ROLLBACK_FAILED', failedTo('update', [change.logicalId]));
      return;
    }
    change.undone = true;
    recorder.save();
  }

  stack.templateBody = previous.templateBody;
  stack.parameters = previous.parameters;
  stack.capabilities = previous.capabilities;
  stack.outputs = previous.outputs;
  if (previous.description === undefined) delete stack.description;
  else stack.description = previous.description;
  recorder.stackStatus('UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS');
  await runUpdateRollbackCleanup(env);
}

/** After an update rollback: delete the physical resources the failed update had made. */
export async function runUpdateRollbackCleanup(env: RunEnv): Promise<void> {
  const { recorder } = env;
  const journal = recorder.stack.update;
  if (journal) await deleteResources(env, journal.cleanup, undefined, false);
  delete recorder.stack.update;
  recorder.stackStatus('UPDATE_ROLLBACK_COMPLETE');
}
