/** Finding and saving stacks in an account's persisted state. */
import type { SandboxRuntime } from '../types.js';
import { type CloudFormationSlice, isLive, type StackRecord } from './model.js';

/** Deleted stacks kept for DescribeStacks by ARN and ListStacks; the oldest go first. */
const DELETED_STACKS_KEPT = 50;

export interface AccountStacks {
  readonly state: CloudFormationSlice;
  /** Schedules a write of the account's state; call after every change. */
  save(): void;
}

export function accountStacks(sandbox: SandboxRuntime, account: string): AccountStacks {
  const slices = sandbox.store.account(account);
  const state = slices.slice<CloudFormationSlice>('cloudformation', () => ({ stacks: [] }));
  return { state, save: () => slices.markDirty() };
}

/** By ARN (deleted stacks too) or by name (live stacks only), in one region. */
export function findStack(stacks: AccountStacks, region: string, nameOrId: string): StackRecord | undefined {
  if (nameOrId.startsWith('arn:')) return stacks.state.stacks.find((stack) => stack.stackId === nameOrId);
  return stacks.state.stacks.find(
    (stack) => stack.region === region && stack.stackName === nameOrId && isLive(stack),
  );
}

export function stacksIn(stacks: AccountStacks, region: string): StackRecord[] {
  return stacks.state.stacks.filter((stack) => stack.region === region);
}

/** Drops the oldest deleted stacks beyond what is kept. */
export function pruneDeleted(stacks: AccountStacks): void {
  const deleted = stacks.state.stacks.filter((stack) => !isLive(stack));
  const excess = deleted.length - DELETED_STACKS_KEPT;
  if (excess <= 0) return;
  const drop = new Set(deleted.slice(0, excess));
  stacks.state.stacks = stacks.state.stacks.filter((stack) => !drop.has(stack));
  stacks.save();
}
