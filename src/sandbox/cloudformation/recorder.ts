/**
 * Every status change of a stack or one of its resources goes through here:
 * the record changes, an event is added (DescribeStackEvents), and the
 * account's state is saved, so what a learner sees and what survives a
 * restart never disagree.
 */
import { randomUUID } from 'node:crypto';
import {
  type ResourceRecord,
  type ResourceStatus,
  STACK_RESOURCE_TYPE,
  type StackRecord,
  type StackStatus,
} from './model.js';
import type { AccountStacks } from './stacks.js';

export class StackRecorder {
  constructor(
    readonly stack: StackRecord,
    private readonly stacks: AccountStacks,
    private readonly now: () => Date,
  ) {}

  /** Changes the stack's status; `reason` is shown on the event and in DescribeStacks. */
  stackStatus(status: StackStatus, reason?: string): void {
    const timestamp = this.now().toISOString();
    this.stack.status = status;
    if (reason === undefined) delete this.stack.statusReason;
    else this.stack.statusReason = reason;
    if (status === 'DELETE_COMPLETE') this.stack.deletionTime = timestamp;
    this.stack.events.push({
      eventId: randomUUID(),
      logicalId: this.stack.stackName,
      physicalId: this.stack.stackId,
      resourceType: STACK_RESOURCE_TYPE,
      timestamp,
      status,
      ...(reason !== undefined ? { reason } : {}),
    });
    this.stacks.save();
  }

  /**
   * Changes a resource's status; the record is added to the stack when it is
   * new to it. Pass `inStack: false` for records that are no longer the
   * stack's own (an old physical resource being cleaned up).
   */
  resourceStatus(record: ResourceRecord, status: ResourceStatus, reason?: string, inStack = true): void {
    const timestamp = this.now().toISOString();
    record.status = status;
    record.timestamp = timestamp;
    if (reason === undefined) delete record.statusReason;
    else record.statusReason = reason;
    if (inStack) this.stack.resources[record.logicalId] = record;
    this.stack.events.push({
      eventId: `${record.logicalId}-${randomUUID()}`,
      logicalId: record.logicalId,
      ...(record.physicalId !== undefined ? { physicalId: record.physicalId } : {}),
      resourceType: record.type,
      timestamp,
      status,
      ...(reason !== undefined ? { reason } : {}),
    });
    this.stacks.save();
  }

  /** Saves a change that is not a status change (a physical id, the journal). */
  save(): void {
    this.stacks.save();
  }
}
