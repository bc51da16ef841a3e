/**
 * Follows a stack's events as CloudFormation writes them.
 *
 *   StackEventPoller ── new events, oldest first ──> StackActivity ──> live view state
 *        ▲   (DescribeStackEvents pages, newest first,                  (resources, N/M,
 *        │    read until an event already seen)                          failure reasons)
 *        └── poll every second until the stack settles
 *
 * DescribeStackEvents lists newest first and pages backwards in time, so a
 * poll reads pages only until it meets an event it has already seen, or the
 * last event from before the deploy it follows.
 */
import { DescribeStackEventsCommand, type StackEvent } from '@aws-sdk/client-cloudformation';
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';

export class StackEventPoller {
  private readonly seen = new Set<string>();

  constructor(
    private readonly client: CloudFormationClient,
    private readonly stackName: string,
    /**
     * The newest event before this deploy began: it and everything older
     * belong to earlier deploys. Marking the boundary by event rather than by
     * time keeps a skewed local clock from hiding or repeating events.
     * @default none: every event of the stack is this deploy's (a new stack)
     */
    afterEventId?: string,
  ) {
    if (afterEventId) this.seen.add(afterEventId);
  }

  /** The id of the stack's newest event now, to mark where a deploy about to start begins. */
  static async newestEventId(client: CloudFormationClient, stackName: string): Promise<string | undefined> {
    const page = await client.send(new DescribeStackEventsCommand({ StackName: stackName }));
    return page.StackEvents?.[0]?.EventId;
  }

  /** Events not returned before, oldest first. */
  async poll(): Promise<StackEvent[]> {
    const fresh: StackEvent[] = [];
    let nextToken: string | undefined;
    pages: do {
      const page = await this.client.send(new DescribeStackEventsCommand({ StackName: this.stackName, NextToken: nextToken }));
      for (const event of page.StackEvents ?? []) {
        const id = event.EventId ?? `${event.LogicalResourceId}:${event.ResourceStatus}:${event.Timestamp?.toISOString()}`;
        if (this.seen.has(id)) break pages;
        this.seen.add(id);
        fresh.push(event);
      }
      nextToken = page.NextToken;
    } while (nextToken);
    return fresh.reverse();
  }
}

export interface ResourceActivity {
  logicalId: string;
  type: string;
  status: string;
  /** Seconds since this resource's first event of this deploy. */
  elapsedSeconds: number;
  reason?: string;
}

/** What a deploy looks like so far: one row per resource, and every failure reason seen. */
export class StackActivity {
  private readonly resources = new Map<string, ResourceActivity & { startedAt: number; endedAt?: number }>();
  readonly failures: Array<{ logicalId: string; type: string; status: string; reason: string }> = [];
  stackStatus = 'UNKNOWN';

  constructor(
    private readonly stackName: string,
    /** Resources the template declares, so N/M is known before they start. */
    private readonly total: number,
  ) {}

  add(event: StackEvent): void {
    const logicalId = event.LogicalResourceId ?? '?';
    const status = event.ResourceStatus ?? 'UNKNOWN';
    const time = event.Timestamp?.getTime() ?? Date.now();
    if (event.ResourceType === 'AWS::CloudFormation::Stack' && logicalId === this.stackName) {
      this.stackStatus = status;
      return;
    }
    const row = this.resources.get(logicalId) ?? {
      logicalId,
      type: event.ResourceType ?? '?',
      status,
      elapsedSeconds: 0,
      startedAt: time,
    };
    row.status = status;
    if (/_COMPLETE$|_FAILED$|DELETE_SKIPPED/.test(status)) row.endedAt = time;
    if (event.ResourceStatusReason) row.reason = event.ResourceStatusReason;
    // CloudFormation writes "Resource creation cancelled" on resources it gave up
    // on because another failed; the other one's reason is the one that matters.
    if (status.endsWith('_FAILED') && event.ResourceStatusReason && !/cancelled/i.test(event.ResourceStatusReason)) {
      this.failures.push({ logicalId, type: row.type, status, reason: event.ResourceStatusReason });
    }
    this.resources.set(logicalId, row);
  }

  /** Resources whose last status is a finished create or update. */
  done(): number {
    return [...this.resources.values()].filter((r) => /(CREATE|UPDATE)_COMPLETE$/.test(r.status)).length;
  }

  rows(now = Date.now()): ResourceActivity[] {
    return [...this.resources.values()].map(({ startedAt, endedAt, ...row }) => ({
      ...row,
      elapsedSeconds: Math.max(0, Math.round(((endedAt ?? now) - startedAt) / 1000)),
    }));
  }

  get totalResources(): number {
    return Math.max(this.total, this.resources.size);
  }
}

/** Statuses after which nothing more happens without a new request. */
export function isSettled(status: string): boolean {
  return /(_COMPLETE|_FAILED)$/.test(status) && !status.endsWith('_CLEANUP_IN_PROGRESS');
}

export function isSuccess(status: string): boolean {
  return status === 'CREATE_COMPLETE' || status === 'UPDATE_COMPLETE';
}
