/**
 * The two environment variables that shape the sandbox's Firehose under load,
 * parsed strictly: a typo must fail loudly rather than run without the quota
 * or faults a test meant to exercise.
 */

/** Per-stream Direct PUT quota, enforced with token buckets (see quota.ts). */
export interface QuotaSetting {
  recordsPerSecond: number;
  requestsPerSecond: number;
  bytesPerSecond: number;
}

/** Shares (0–1) of calls or records that get an injected fault (see faults.ts). */
export interface FaultSetting {
  /** Share of records failed inside a 200 reply (not buffered). */
  partial: number;
  /** Share of calls answered 503 ServiceUnavailableException as a whole (nothing buffered). */
  throttle: number;
  /** Share of calls whose connection is cut after their records were buffered. */
  drop: number;
  /** Seed for the fault decisions; the same seed and call order give the same faults. */
  seed: number;
}

/** Text for the README: what the two variables mean and accept. */
export const FIREHOSE_ENV_DOC = `\
THEMEPARK_SANDBOX_QUOTA="records/s,requests/s,MiB/s"  e.g. "1000,50,1"
  Per-stream Direct PUT quota (PutRecord and PutRecordBatch together), like the
  real service's. Each figure is a token bucket refilled every second that can
  hold one second's worth (a one-second burst). A call that would overdraw any
  of the three is refused whole with 503 ServiceUnavailableException "Slow
  down." and nothing of it is buffered; the SDK retries it. A single call larger
  than a whole second's worth is let through when the bucket is full, so it
  is slowed down, never refused forever. Default: no quota.

THEMEPARK_SANDBOX_FAULTS="partial=P,throttle=T,drop=D"  e.g. "partial=0.1,throttle=0.05,drop=0.01"
  Injected faults, each a share from 0 to 1, each optional:
    partial   that share of records fail inside a 200 reply (FailedPutCount,
              ErrorCode ServiceUnavailableException, "Slow down."); they are not
              buffered, so the sender must resend them.
    throttle  that share of Put calls get 503 ServiceUnavailableException whole.
    drop      that share of Put calls have their connection cut after the
              records were accepted and buffered: the client sees a network
              error, retries, and the records arrive twice (at-least-once).
  THEMEPARK_SANDBOX_FAULT_SEED=<integer> (or seed=<integer> inside the list)
  makes the faults repeatable. Default: no faults.`;

const QUOTA_FORM =
  'THEMEPARK_SANDBOX_QUOTA must be "records/s,requests/s,MiB/s" with three positive numbers, e.g. "1000,50,1"';
const FAULTS_FORM =
  'THEMEPARK_SANDBOX_FAULTS must be comma-separated name=share pairs with names partial, throttle, drop ' +
  'and shares from 0 to 1 (plus an optional seed=<integer>), e.g. "partial=0.1,throttle=0.05,drop=0.01"';
const SEED_FORM = 'THEMEPARK_SANDBOX_FAULT_SEED must be a whole number, e.g. 42';

/** Parses THEMEPARK_SANDBOX_QUOTA; undefined or blank means no quota. */
export function parseQuota(raw: string | undefined): QuotaSetting | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const parts = raw.split(',').map((part) => part.trim());
  const numbers = parts.map((part) => (part === '' ? NaN : Number(part)));
  if (numbers.length !== 3 || numbers.some((n) => !Number.isFinite(n) || n <= 0)) {
    throw new Error(`${QUOTA_FORM} (got ${JSON.stringify(raw)})`);
  }
  const [records, requests, mebibytes] = numbers as [number, number, number];
  return { recordsPerSecond: records, requestsPerSecond: requests, bytesPerSecond: mebibytes * 1024 * 1024 };
}

/**
 * Parses THEMEPARK_SANDBOX_FAULTS and THEMEPARK_SANDBOX_FAULT_SEED; undefined
 * or blank faults mean none. Without a seed one is drawn at random.
 */
export function parseFaults(raw: string | undefined, rawSeed?: string): FaultSetting | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const setting: FaultSetting = { partial: 0, throttle: 0, drop: 0, seed: parseSeed(rawSeed) };
  for (const pair of raw.split(',')) {
    const seed = /^\s*seed\s*=\s*(-?\d+)\s*$/.exec(pair);
    if (seed) {
      setting.seed = Number(seed[1]) >>> 0;
      continue;
    }
    const match = /^\s*(partial|throttle|drop)\s*=\s*([0-9.]+)\s*$/.exec(pair);
    const share = match ? Number(match[2]) : NaN;
    if (!match || !Number.isFinite(share) || share < 0 || share > 1) {
      throw new Error(`${FAULTS_FORM} (got ${JSON.stringify(raw)})`);
    }
    setting[match[1] as 'partial' | 'throttle' | 'drop'] = share;
  }
  return setting;
}

function parseSeed(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return Math.floor(Math.random() * 2 ** 32);
  if (!/^\s*-?\d+\s*$/.test(raw)) throw new Error(`${SEED_FORM} (got ${JSON.stringify(raw)})`);
  return Number(raw.trim()) >>> 0;
}
