import { describe, expect, it } from '@jest/globals';

import type { Json } from '../../src/engine/types.js';
import {
  pickVisibleResources,
  readResources,
  statusTone,
  type StackResource,
} from '../../src/ui/components/live/stack-resources.js';

describe('statusTone', () => {
  it.each([
    ['CREATE_COMPLETE', 'success'],
    ['UPDATE_COMPLETE', 'success'],
    ['CREATE_IN_PROGRESS', 'running'],
    ['DELETE_IN_PROGRESS', 'running'],
    ['CREATE_FAILED', 'error'],
    ['ROLLBACK_COMPLETE', 'error'],
    ['UPDATE_ROLLBACK_IN_PROGRESS', 'error'],
    ['DELETE_COMPLETE', 'muted'],
    ['', 'muted'],
  ])('%s reads as %s', (status, tone) => {
    expect(statusTone(status)).toBe(tone);
  });
});

const resource = (logicalId: string, status: string): StackResource => ({
  logicalId,
  type: 'AWS::S3::Bucket',
  status,
  elapsedSeconds: 1,
});

describe('pickVisibleResources', () => {
  it('shows everything that fits', () => {
    const all = [resource('A', 'CREATE_COMPLETE'), resource('B', 'CREATE_IN_PROGRESS')];
    expect(pickVisibleResources(all, 4)).toEqual({ shown: all, hidden: 0 });
  });

  it('keeps moving and failed resources and the latest finished ones, in stack order', () => {
    const all = [
      resource('A', 'CREATE_COMPLETE'),
      resource('B', 'CREATE_COMPLETE'),
      resource('C', 'CREATE_FAILED'),
      resource('D', 'CREATE_COMPLETE'),
      resource('E', 'CREATE_IN_PROGRESS'),
    ];
    const { shown, hidden } = pickVisibleResources(all, 3);
    expect(shown.map((r) => r.logicalId)).toEqual(['C', 'D', 'E']);
    expect(hidden).toBe(2);
  });

  it('never shows more than the limit, even when everything is moving', () => {
    const all = ['A', 'B', 'C', 'D'].map((id) => resource(id, 'CREATE_IN_PROGRESS'));
    expect(pickVisibleResources(all, 2).shown.map((r) => r.logicalId)).toEqual(['A', 'B']);
  });
});

describe('readResources', () => {
  it('reads well-formed entries and skips the rest', () => {
    const state: Record<string, Json> = {
      resources: [
        {
          logicalId: 'Bucket',
          type: 'AWS::S3::Bucket',
          status: 'CREATE_FAILED',
          elapsedSeconds: 3,
          reason: 'exists',
        },
        'not an object',
        { status: 'CREATE_COMPLETE' },
      ],
    };
    expect(readResources(state)).toEqual([
      {
        logicalId: 'Bucket',
        type: 'AWS::S3::Bucket',
        status: 'CREATE_FAILED',
        elapsedSeconds: 3,
        reason: 'exists',
      },
      { logicalId: '?', type: '', status: 'CREATE_COMPLETE', elapsedSeconds: 0 },
    ]);
    expect(readResources({ resources: 'nope' })).toEqual([]);
  });
});
