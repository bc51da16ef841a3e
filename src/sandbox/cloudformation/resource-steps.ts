/**
 * One resource at a time: create, update (in place or by replacement) and
 * delete, each with the status events CloudFormation shows for it.
 */
import { runGraph } from './graph-run.js';
import type { ResourceRecord, UpdateJournal } from './model.js';
import { provisionerFor, ProvisionError, unsupportedTypeReason } from './resources/index.js';
import {
  canonical,
  provisionContext,
  reasonOf,
  simulatedWait,
  stopIfStopping,
  type RunEnv,
} from './run-env.js';
import {
  dependencyGraph,
  dependents,
  resolveValue,
  type ResolveContext,
  type ResourceDeclaration,
  type StackPlan,
  type Template,
  type TemplateObject,
} from './template/index.js';

const REPLACING_REASON =
  'Requested update requires the creation of a new physical resource; hence creating one.';

/**
 * Creates `logicalId`. With `replacing`, it is the new physical resource of
 * an update that needs one: its events say UPDATE_* as CloudFormation's do.
 */
export async function createResource(
  env: RunEnv,
  plan: StackPlan,
  context: ResolveContext,
  logicalId: string,
  replacing = false,
): Promise<void> {
  const { recorder } = env;
  const declaration = plan.template.resources[logicalId]!;
  const record: ResourceRecord = {
    logicalId,
    type: declaration.Type,
    status: 'CREATE_IN_PROGRESS',
    timestamp: '',
  };
  const inProgress = replacing ? 'UPDATE_IN_PROGRESS' : 'CREATE_IN_PROGRESS';
  recorder.resourceStatus(record, inProgress, replacing ? REPLACING_REASON : undefined);

  try {
    const provisioner = provisionerFor(declaration.Type);
    if (!provisioner) throw new ProvisionError(unsupportedTypeReason(declaration.Type));
    const properties = resolveProperties(declaration, context);
    await simulatedWait(env, provisioner.seconds.create);

    let announced = false;
    const initiated = (physicalId: string) => {
      record.physicalId = physicalId;
      recorder.resourceStatus(record, inProgress, 'Resource creation Initiated');
      announced = true;
    };
    const made = await provisioner.create(properties, provisionContext(env, logicalId, initiated));
    if (!announced) initiated(made.physicalId);
    record.physicalId = made.physicalId;
    record.properties = properties;
    record.attributes = made.attributes;
    recorder.resourceStatus(record, replacing ? 'UPDATE_COMPLETE' : 'CREATE_COMPLETE');
  } catch (error) {
    stopIfStopping(env);
    recorder.resourceStatus(record, replacing ? 'UPDATE_FAILED' : 'CREATE_FAILED', reasonOf(error));
    throw error;
  }
}

/**
 * Brings `logicalId` to the new plan during an update, noting in the journal
 * what it did so a rollback can undo it. Unchanged resources get no events.
 */
export async function updateResource(
  env: RunEnv,
  plan: StackPlan,
  context: ResolveContext,
  journal: UpdateJournal,
  logicalId: string,
): Promise<void> {
  const { recorder } = env;
  const declaration = plan.template.resources[logicalId]!;
  const existing = recorder.stack.resources[logicalId];
  const note = (kind: 'created' | 'updated' | 'replaced') => {
    journal.changes.push({ logicalId, kind });
    recorder.save();
  };

  if (!existing || existing.physicalId === undefined || existing.status.startsWith('DELETE')) {
    note('created');
    return createResource(env, plan, context, logicalId);
  }

  let properties: TemplateObject;
  try {
    properties = resolveProperties(declaration, context);
  } catch (error) {
    recorder.resourceStatus(existing, 'UPDATE_FAILED', reasonOf(error));
    throw error;
  }
  const previous = existing.properties ?? {};
  if (existing.type === declaration.Type && canonical(properties) === canonical(previous)) return;

  const provisioner = provisionerFor(declaration.Type);
  const replace =
    existing.type !== declaration.Type ||
    !provisioner?.update ||
    (provisioner.replaceOn ?? []).some((key) => canonical(properties[key]) !== canonical(previous[key]));

  if (replace) {
    const nameKey = provisioner?.nameProperty;
    if (
      nameKey &&
      properties[nameKey] !== undefined &&
      canonical(properties[nameKey]) === canonical(previous[nameKey])
    ) {
      const reason =
        'CloudFormation cannot update a stack when a custom-named resource requires replacing. ' +
        `Rename ${String(properties[nameKey])} and update the stack again.`;
      recorder.resourceStatus(existing, 'UPDATE_FAILED', reason);
      throw new ProvisionError(reason);
    }
    note('replaced');
    await createResource(env, plan, context, logicalId, true);
    journal.cleanup.push(existing);
    recorder.save();
    return;
  }

  note('updated');
  recorder.resourceStatus(existing, 'UPDATE_IN_PROGRESS');
  try {
    await simulatedWait(env, provisioner!.seconds.update);
    const made = await provisioner!.update!(
      existing.physicalId,
      properties,
      previous,
      provisionContext(env, logicalId, () => {}),
    );
    existing.physicalId = made.physicalId;
    existing.properties = properties;
    existing.attributes = made.attributes;
    recorder.resourceStatus(existing, 'UPDATE_COMPLETE');
  } catch (error) {
    stopIfStopping(env);
    recorder.resourceStatus(existing, 'UPDATE_FAILED', reasonOf(error));
    throw error;
  }
}

/** Puts an updated resource back to the properties it had (update rollback). */
export async function revertResource(
  env: RunEnv,
  current: ResourceRecord,
  old: ResourceRecord,
): Promise<void> {
  const { recorder } = env;
  const provisioner = provisionerFor(current.type);
  recorder.resourceStatus(current, 'UPDATE_IN_PROGRESS');
  try {
    if (provisioner?.update && current.physicalId !== undefined) {
      await simulatedWait(env, provisioner.seconds.update);
      const made = await provisioner.update(
        current.physicalId,
        old.properties ?? {},
        current.properties ?? {},
        provisionContext(env, current.logicalId, () => {}),
      );
      current.attributes = made.attributes;
    }
    current.properties = old.properties;
    recorder.resourceStatus(current, 'UPDATE_COMPLETE');
  } catch (error) {
    stopIfStopping(env);
    recorder.resourceStatus(current, 'UPDATE_FAILED', reasonOf(error));
    throw error;
  }
}

/**
 * Deletes one resource. `inStack: false` is for physical resources the stack
 * no longer counts as its own (replaced or removed by an update).
 */
export async function deleteResource(
  env: RunEnv,
  record: ResourceRecord,
  declaration: ResourceDeclaration | undefined,
  inStack = true,
): Promise<void> {
  const { recorder } = env;
  const retained =
    declaration?.DeletionPolicy === 'Retain' || recorder.stack.retain?.includes(record.logicalId);
  if (retained) {
    recorder.resourceStatus(record, 'DELETE_SKIPPED', undefined, inStack);
    return;
  }
  recorder.resourceStatus(record, 'DELETE_IN_PROGRESS', undefined, inStack);
  try {
    const provisioner = provisionerFor(record.type);
    // Nothing to remove when creation never got as far as the service (or the type is unsupported).
    if (provisioner && record.physicalId !== undefined) {
      await simulatedWait(env, provisioner.seconds.delete);
      await provisioner.delete(
        record.physicalId,
        record.properties ?? {},
        provisionContext(env, record.logicalId, () => {}),
      );
    }
    recorder.resourceStatus(record, 'DELETE_COMPLETE', undefined, inStack);
  } catch (error) {
    stopIfStopping(env);
    recorder.resourceStatus(record, 'DELETE_FAILED', reasonOf(error), inStack);
    throw error;
  }
}

/**
 * Deletes records in reverse dependency order (per `template`), going on with
 * whatever does not depend on a failure. Returns the logical ids left undeleted.
 */
export async function deleteResources(
  env: RunEnv,
  records: ResourceRecord[],
  template: Template | undefined,
  inStack = true,
): Promise<string[]> {
  const byId = new Map(records.map((record) => [record.logicalId, record]));
  const mustWaitFor = template
    ? dependents(dependencyGraph(template.resources))
    : new Map<string, string[]>();
  const result = await runGraph(
    [...byId.keys()],
    mustWaitFor,
    (logicalId) => deleteResource(env, byId.get(logicalId)!, template?.resources[logicalId], inStack),
    { continueAfterFailure: true },
  );
  stopIfStopping(env);
  return [...result.failed.map((failure) => failure.node), ...result.skipped];
}

function resolveProperties(declaration: ResourceDeclaration, context: ResolveContext): TemplateObject {
  return (resolveValue(declaration.Properties, context) ?? {}) as TemplateObject;
}
