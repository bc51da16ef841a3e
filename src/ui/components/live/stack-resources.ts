/** Which resources of a stack deploy to show when they do not all fit, and how a status looks. */
import type { ColorRole } from '../../theme.js';
import { readNumber, readString, type LiveState } from '../../live-state.js';

export interface StackResource {
  logicalId: string;
  type: string;
  status: string;
  elapsedSeconds: number;
  reason?: string;
}

export function readResources(state: LiveState): StackResource[] {
  const value = state['resources'];
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return [];
    const reason = readString(item, 'reason');
    return [
      {
        logicalId: readString(item, 'logicalId', '?'),
        type: readString(item, 'type'),
        status: readString(item, 'status'),
        elapsedSeconds: readNumber(item, 'elapsedSeconds'),
        ...(reason ? { reason } : {}),
      },
    ];
  });
}

export type StatusTone = 'success' | 'running' | 'error' | 'muted';

/**
 * CloudFormation statuses by what they mean to the learner. Any ROLLBACK is bad news, even a
 * *_ROLLBACK_COMPLETE, which is why FAILED and ROLLBACK are tested before COMPLETE.
 */
export function statusTone(status: string): StatusTone {
  if (/FAILED|ROLLBACK/.test(status)) return 'error';
  if (/IN_PROGRESS$/.test(status)) return 'running';
  if (status === 'DELETE_COMPLETE') return 'muted';
  if (/COMPLETE$/.test(status)) return 'success';
  return 'muted';
}

export const TONE_LOOKS: Record<StatusTone, { symbol: string; role: ColorRole }> = {
  success: { symbol: '✓', role: 'success' },
  running: { symbol: '●', role: 'running' },
  error: { symbol: '✗', role: 'error' },
  muted: { symbol: '○', role: 'muted' },
};

export interface VisibleResources {
  shown: StackResource[];
  /** Finished resources left out to save rows. */
  hidden: number;
}

/**
 * At most `max` rows: resources still moving or failed come first (that is where the learner
 * looks), then the latest finished ones fill the rest. Shown rows keep the stack's own order.
 */
export function pickVisibleResources(resources: StackResource[], max: number): VisibleResources {
  if (resources.length <= max) return { shown: resources, hidden: 0 };

  const urgent = resources.filter((resource) => statusTone(resource.status) !== 'success');
  const settled = resources.filter((resource) => statusTone(resource.status) === 'success');
  const keep = new Set([
    ...urgent.slice(0, max),
    ...settled.slice(Math.max(0, settled.length - (max - urgent.length))),
  ]);
  const shown = resources.filter((resource) => keep.has(resource)).slice(0, max);
  return { shown, hidden: resources.length - shown.length };
}
