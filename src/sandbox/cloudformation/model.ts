/**
 * The stacks the sandbox keeps, as persisted in each account's state
 * document, slice `cloudformation`:
 *
 *   { "stacks": [StackRecord, ...] }   oldest first, deleted stacks included
 *
 * Times are ISO-8601 strings. Everything a running operation needs to carry
 * on after a restart (what it was doing, what to go back to) is in here, not
 * in memory: see recovery.ts.
 */
import type { ResolvedOutput, TemplateObject, TemplateValue } from './template/index.js';

export type StackStatus =
  | 'CREATE_IN_PROGRESS'
  | 'CREATE_FAILED'
  | 'CREATE_COMPLETE'
  | 'ROLLBACK_IN_PROGRESS'
  | 'ROLLBACK_FAILED'
  | 'ROLLBACK_COMPLETE'
  | 'DELETE_IN_PROGRESS'
  | 'DELETE_FAILED'
  | 'DELETE_COMPLETE'
  | 'UPDATE_IN_PROGRESS'
  | 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS'
  | 'UPDATE_COMPLETE'
  | 'UPDATE_FAILED'
  | 'UPDATE_ROLLBACK_IN_PROGRESS'
  | 'UPDATE_ROLLBACK_FAILED'
  | 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS'
  | 'UPDATE_ROLLBACK_COMPLETE';

export type ResourceStatus =
  | 'CREATE_IN_PROGRESS'
  | 'CREATE_FAILED'
  | 'CREATE_COMPLETE'
  | 'DELETE_IN_PROGRESS'
  | 'DELETE_FAILED'
  | 'DELETE_COMPLETE'
  | 'DELETE_SKIPPED'
  | 'UPDATE_IN_PROGRESS'
  | 'UPDATE_FAILED'
  | 'UPDATE_COMPLETE';

export type OnFailure = 'ROLLBACK' | 'DELETE' | 'DO_NOTHING';

export interface ResourceRecord {
  logicalId: string;
  type: string;
  /** Set once the underlying service has the resource. */
  physicalId?: string;
  status: ResourceStatus;
  statusReason?: string;
  timestamp: string;
  /** The resolved properties it was last created or updated with. */
  properties?: TemplateObject;
  /** What Fn::GetAtt can read. */
  attributes?: Record<string, TemplateValue>;
}

export interface StackEventRecord {
  eventId: string;
  logicalId: string;
  physicalId?: string;
  resourceType: string;
  timestamp: string;
  status: StackStatus | ResourceStatus;
  reason?: string;
}

/** What an update changed, so a failed update can be undone (also after a restart). */
export interface UpdateJournal {
  /** The stack as it was before the update. */
  previous: {
    templateBody: string;
    parameters: Record<string, string>;
    capabilities: string[];
    description?: string;
    resources: Record<string, ResourceRecord>;
    outputs: ResolvedOutput[];
  };
  /** Logical ids in the order their change started, with what was done. */
  changes: ResourceChange[];
  /**
   * Physical resources the next cleanup phase deletes: the replaced and
   * removed ones after success, the newly made ones after a rollback.
   */
  cleanup: ResourceRecord[];
  /** Set once the update failed and is being undone. */
  rollingBack?: boolean;
}

export interface ResourceChange {
  logicalId: string;
  kind: 'created' | 'updated' | 'replaced';
  /** Set when a rollback has undone it, so a resumed rollback does not undo it twice. */
  undone?: boolean;
}

export interface StackRecord {
  stackId: string;
  stackName: string;
  region: string;
  status: StackStatus;
  statusReason?: string;
  creationTime: string;
  lastUpdatedTime?: string;
  deletionTime?: string;
  description?: string;
  templateBody: string;
  parameters: Record<string, string>;
  /** Parameters declared NoEcho: shown as `****`. */
  noEcho: string[];
  capabilities: string[];
  tags: Array<{ Key: string; Value: string }>;
  onFailure: OnFailure;
  resources: Record<string, ResourceRecord>;
  outputs: ResolvedOutput[];
  events: StackEventRecord[];
  /** Present while an update, or the rollback of one, is unfinished. */
  update?: UpdateJournal;
  /** Logical ids DeleteStack was asked to keep (RetainResources). */
  retain?: string[];
}

export interface CloudFormationSlice {
  stacks: StackRecord[];
}

export const STACK_RESOURCE_TYPE = 'AWS::CloudFormation::Stack';

export function isInProgress(status: StackStatus): boolean {
  return status.endsWith('_IN_PROGRESS');
}

/** A stack that exists under its name (deleted stacks are found only by their ARN). */
export function isLive(stack: StackRecord): boolean {
  return stack.status !== 'DELETE_COMPLETE';
}
