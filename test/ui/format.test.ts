import { describe, expect, it } from '@jest/globals';

import { formatBytes, formatCount, formatDuration, formatRate, truncate } from '../../src/ui/format.js';
import { describeValue } from '../../src/ui/live-state.js';
import { describeOutcome } from '../../src/ui/outcome-text.js';

describe('figures', () => {
  it.each([
    [0, '0'],
    [457123, '457,123'],
    [12.6, '13'],
  ])('counts %d as %s', (value, text) => expect(formatCount(value)).toBe(text));

  it.each([
    [0, '0 B'],
    [1023, '1,023 B'],
    [1536, '1.5 KiB'],
    [10 * 1024 * 1024, '10.0 MiB'],
    [143_000_000, '136.4 MiB'],
  ])('sizes %d bytes as %s', (value, text) => expect(formatBytes(value)).toBe(text));

  it.each([
    [0, '0s'],
    [45, '45s'],
    [75, '1m 15s'],
    [3725, '1h 02m'],
    [-5, '0s'],
  ])('times %d seconds as %s', (value, text) => expect(formatDuration(value)).toBe(text));

  it('writes rates of counts and of bytes', () => {
    expect(formatRate(1020, 'count')).toBe('1,020/s');
    expect(formatRate(5 * 1024 * 1024, 'bytes')).toBe('5.0 MiB/s');
  });

  it('cuts long text with an ellipsis', () => {
    expect(truncate('AWS::KinesisFirehose::DeliveryStream', 10)).toBe('AWS::Kine…');
    expect(truncate('short', 10)).toBe('short');
  });

  it('describes values of any shape on one line', () => {
    expect(describeValue(null)).toBe('—');
    expect(describeValue(12000)).toBe('12,000');
    expect(describeValue(true)).toBe('yes');
    expect(describeValue([1, 2])).toBe('2 items');
    expect(describeValue({ a: 1 })).toBe('{"a":1}');
  });
});

describe('describeOutcome', () => {
  const check = (ok: boolean) => ({ id: 'c', step: 's', title: 't', ok, detail: 'd' });

  it.each([
    [{ stepId: 's', status: 'done' as const, checks: [check(true), check(true)] }, 'done: all 2 checks pass'],
    [{ stepId: 's', status: 'done' as const, checks: [check(true)] }, 'done: the check passes'],
    [{ stepId: 's', status: 'done' as const, checks: [] }, 'done'],
    [
      { stepId: 's', status: 'failed' as const, checks: [check(true), check(false)] },
      'failed: 1 of 2 checks did not pass',
    ],
    [
      { stepId: 's', status: 'failed' as const, checks: [], error: 'boom' },
      'failed: the action stopped with an error',
    ],
    [{ stepId: 's', status: 'skipped' as const, checks: [] }, 'skipped: its checks will still report it'],
  ])('%j reads "%s"', (outcome, text) => expect(describeOutcome(outcome)).toBe(text));
});
