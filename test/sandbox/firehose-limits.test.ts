import { describe, expect, it } from '@jest/globals';
import { FaultInjector, seededRandom } from '../../src/sandbox/firehose/faults.js';
import { StreamQuota } from '../../src/sandbox/firehose/quota.js';
import { parseFaults, parseQuota } from '../../src/sandbox/firehose/settings.js';

describe('THEMEPARK_SANDBOX_QUOTA parsing', () => {
  it('reads records/s, requests/s and MiB/s', () => {
    expect(parseQuota('1000,50,1')).toEqual({
      recordsPerSecond: 1000,
      requestsPerSecond: 50,
      bytesPerSecond: 1048576,
    });
    expect(parseQuota(' 10 , 2 , 0.5 ')?.bytesPerSecond).toBe(524288);
  });

  it('means no quota when unset or blank', () => {
    expect(parseQuota(undefined)).toBeUndefined();
    expect(parseQuota('  ')).toBeUndefined();
  });

  it.each(['1000,50', '1000,50,1,2', 'a,b,c', '1000,0,1', '1000,-5,1', '1000,,1'])(
    'refuses %j with a one-line message naming the variable and its form',
    (raw) => {
      expect(() => parseQuota(raw)).toThrow(
        /^THEMEPARK_SANDBOX_QUOTA must be "records\/s,requests\/s,MiB\/s".*\(got /,
      );
    },
  );
});

describe('THEMEPARK_SANDBOX_FAULTS parsing', () => {
  it('reads each share, defaulting the others to 0', () => {
    expect(parseFaults('partial=0.1,throttle=0.05,drop=0.01', '7')).toEqual({
      partial: 0.1,
      throttle: 0.05,
      drop: 0.01,
      seed: 7,
    });
    expect(parseFaults('drop=1', '1')).toEqual({ partial: 0, throttle: 0, drop: 1, seed: 1 });
  });

  it('takes a seed from inside the list as well', () => {
    expect(parseFaults('partial=0.5,seed=42')?.seed).toBe(42);
  });

  it('means no faults when unset', () => {
    expect(parseFaults(undefined, '3')).toBeUndefined();
  });

  it.each(['partial=2', 'explode=0.1', 'partial', 'partial=0.1;drop=0.2', 'drop=-1'])('refuses %j', (raw) => {
    expect(() => parseFaults(raw, '1')).toThrow(/^THEMEPARK_SANDBOX_FAULTS must be .*\(got /);
  });

  it('refuses a seed that is not a whole number', () => {
    expect(() => parseFaults('drop=0.1', 'abc')).toThrow(
      /^THEMEPARK_SANDBOX_FAULT_SEED must be a whole number/,
    );
  });
});

describe('StreamQuota', () => {
  const quota = () =>
    new StreamQuota({ recordsPerSecond: 1000, requestsPerSecond: 5, bytesPerSecond: 1000 }, 0);

  it('allows a one-second burst of requests, then refuses until tokens refill', () => {
    const q = quota();
    const admitted = Array.from({ length: 7 }, () => q.admit(1, 1, 0));
    expect(admitted).toEqual([true, true, true, true, true, false, false]);
    expect(q.admit(1, 1, 199)).toBe(false);
    expect(q.admit(1, 1, 200)).toBe(true);
  });

  it('refuses a call that would overdraw records, without charging its request', () => {
    const q = quota();
    expect(q.admit(600, 10, 0)).toBe(true);
    expect(q.admit(600, 10, 0)).toBe(false);
    expect(q.admit(400, 10, 0)).toBe(true);
  });

  it('lets a call bigger than a second through only when the bucket is full, then makes later calls wait', () => {
    const q = quota();
    expect(q.admit(1, 3000, 0)).toBe(true);
    expect(q.admit(1, 1, 1000)).toBe(false);
    expect(q.admit(1, 1, 3000)).toBe(true);
  });
});

describe('FaultInjector', () => {
  it('repeats the same decisions for the same seed', () => {
    const run = () => {
      const faults = new FaultInjector({ partial: 0.3, throttle: 0.2, drop: 0.1, seed: 99 });
      return Array.from({ length: 20 }, () => [
        faults.throttleCall(),
        faults.failedRecords(5),
        faults.dropConnection(),
      ]);
    };
    expect(run()).toEqual(run());
  });

  it('fails roughly the configured share of records', () => {
    const faults = new FaultInjector({ partial: 0.25, throttle: 0, drop: 0, seed: 5 });
    const flags = faults.failedRecords(4000) ?? [];
    const share = flags.filter(Boolean).length / 4000;
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.3);
  });

  it('never fails anything at share 0', () => {
    const faults = new FaultInjector({ partial: 0, throttle: 0, drop: 0, seed: 5 });
    expect(faults.failedRecords(500)).toBeUndefined();
    expect(faults.throttleCall()).toBe(false);
    expect(faults.dropConnection()).toBe(false);
  });

  it('draws uniformly distributed numbers in [0, 1)', () => {
    const random = seededRandom(1);
    const draws = Array.from({ length: 1000 }, random);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(draws.filter((d) => d < 0.5).length).toBeGreaterThan(400);
  });
});
