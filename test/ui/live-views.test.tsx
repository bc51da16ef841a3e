import { afterEach, describe, expect, it } from '@jest/globals';
import { cleanup, render } from 'ink-testing-library';
import stripAnsi from 'strip-ansi';

import type { Json } from '../../src/engine/types.js';
import { liveViewFor } from '../../src/ui/components/live/registry.js';

afterEach(() => cleanup());

function draw(view: string, state: Record<string, Json>, summary = 'summary line'): string {
  const { Component } = liveViewFor(view);
  const { lastFrame } = render(<Component update={{ view, state, summary }} width={100} />);
  return stripAnsi(lastFrame() ?? '');
}

describe('live views', () => {
  it('draws a stack deploy as a table with coloured statuses, elapsed times and N/M', () => {
    const frame = draw('stack', {
      stackName: 'theme-park-streaming',
      status: 'CREATE_IN_PROGRESS',
      done: 1,
      total: 2,
      resources: [
        {
          logicalId: 'DeliveryBucket',
          type: 'AWS::S3::Bucket',
          status: 'CREATE_COMPLETE',
          elapsedSeconds: 4,
        },
        {
          logicalId: 'DeliveryRole',
          type: 'AWS::IAM::Role',
          status: 'CREATE_FAILED',
          elapsedSeconds: 75,
          reason: 'AccessDenied',
        },
      ],
    });

    expect(frame).toContain('Stack theme-park-streaming  CREATE_IN_PROGRESS  1/2 resources');
    expect(frame).toMatch(/✓ DeliveryBucket\s+AWS::S3::Bucket\s+CREATE_COMPLETE\s+4s/);
    expect(frame).toMatch(/✗ DeliveryRole\s+AWS::IAM::Role\s+CREATE_FAILED\s+1m 15s/);
    expect(frame).toContain('AccessDenied');
  });

  it('folds the finished resources of a big stack into one line', () => {
    const resources = Array.from({ length: 10 }, (_, i) => ({
      logicalId: `Resource${i}`,
      type: 'AWS::S3::Bucket',
      status: i === 9 ? 'CREATE_IN_PROGRESS' : 'CREATE_COMPLETE',
      elapsedSeconds: i,
    }));
    const frame = draw('stack', {
      stackName: 's',
      status: 'CREATE_IN_PROGRESS',
      done: 9,
      total: 10,
      resources,
    });

    expect(frame).toContain('Resource9');
    expect(frame).not.toContain('Resource0 ');
    expect(frame).toContain('… and 4 more finished');
  });

  it("draws the simulator's day as a bar from 07:00 to 19:00 with its figures", () => {
    const frame = draw('send', {
      clockMinute: 360,
      clock: '13:00',
      inPark: 24120,
      entries: 31200,
      rides: 90441,
      exits: 7080,
      records: 128721,
      bytes: 43_300_000,
      recordsPerSecond: 1020,
      bytesPerSecond: 348_000,
      quotaRecordsPerSecond: 5000,
      retries: 3,
      throttles: 2,
      elapsedSeconds: 124,
      etaSeconds: 70,
    });

    const bar = /07:00 ([█░]+) 19:00/.exec(frame)![1]!;
    expect(countOf(bar, '█')).toBe(countOf(bar, '░'));
    expect(frame).toContain('13:00');
    expect(frame).toContain('In the park 24,120 · entries 31,200 · rides 90,441 · exits 7,080');
    expect(frame).toContain('Sent 128,721 records (41.3 MiB)');
    expect(frame).toContain('1,020/s of 5,000/s');
    expect(frame).toContain('throttled 2');
    expect(frame).toContain('about 1m 10s left');
  });

  it('draws the wait for objects in S3, with the seconds left before giving up', () => {
    const frame = draw('landing', {
      objects: 3,
      bytes: 2048,
      newestKey: '2024/05/01/09/part-1',
      waitingSeconds: 60,
      deadlineSeconds: 540,
    });

    expect(frame).toContain('Objects in S3 3 (2.0 KiB) · newest 2024/05/01/09/part-1');
    expect(frame).toMatch(/Waiting 1m 00s [█░]+ · gives up in 9m 00s/);
    expect(
      draw('landing', { objects: 0, bytes: 0, newestKey: null, waitingSeconds: 0, deadlineSeconds: 300 }),
    ).toContain('none yet');
  });

  it('draws how many of the records sent have landed, when the action reconciles them', () => {
    const frame = draw('landing', {
      objects: 27,
      bytes: 158_000_000,
      newestKey: 'k',
      landed: 300_000,
      expected: 400_000,
      missing: 100_000,
      duplicates: 2,
      waitingSeconds: 5,
      deadlineSeconds: 100,
    });

    const bar = /Landed ([█░]+) /.exec(frame)![1]!;
    expect(countOf(bar, '█') / bar.length).toBeCloseTo(0.75, 1);
    expect(frame).toContain('300,000 of 400,000 records · missing 100,000 · duplicates 2');
    expect(frame).toContain('Waiting 5s · gives up in 1m 40s');
  });

  it('draws a QuickSight ingestion', () => {
    const frame = draw('ingestion', {
      status: 'RUNNING',
      rowsIngested: 120000,
      rowsDropped: 5,
      elapsedSeconds: 34,
    });
    expect(frame).toContain('QuickSight ingestion RUNNING · 120,000 rows in · 5 dropped · 34s');
  });

  it('falls back to the summary and the fields for a view it does not know', () => {
    const frame = draw('reconcile', { matched: 456000, missing: 0, lastKey: 'a/b' }, 'Reconciling records');

    expect(frame).toContain('Reconciling records');
    expect(frame).toMatch(/matched\s+456,000/);
    expect(frame).toMatch(/lastKey\s+a\/b/);
  });

  it('still draws when the state has the wrong shape', () => {
    expect(draw('send', { clockMinute: 'soon', records: null })).toContain('--:--');
    expect(draw('stack', {})).toContain('Stack ?');
  });
});

function countOf(text: string, part: string): number {
  return text.split(part).length - 1;
}
