/**
 * Injected faults for Put calls, decided by a seeded generator so that a test
 * with a fixed seed and a fixed order of calls sees the same faults each run.
 */
import type { FaultSetting } from './settings.js';

/** mulberry32: tiny, fast, and good enough to pick which calls fail. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultInjector {
  private readonly random: () => number;

  constructor(private readonly setting: FaultSetting) {
    this.random = seededRandom(setting.seed);
  }

  /** Whether this whole call is refused with 503 before anything is buffered. */
  throttleCall(): boolean {
    return this.setting.throttle > 0 && this.random() < this.setting.throttle;
  }

  /**
   * Which of `count` records fail inside a 200 reply: an array of flags, or
   * undefined when none fail (the common case, kept allocation-free).
   */
  failedRecords(count: number): boolean[] | undefined {
    if (this.setting.partial <= 0) return undefined;
    let failed: boolean[] | undefined;
    for (let i = 0; i < count; i++) {
      if (this.random() < this.setting.partial) {
        failed ??= new Array<boolean>(count).fill(false);
        failed[i] = true;
      }
    }
    return failed;
  }

  /** Whether this call's connection is cut after its records were buffered. */
  dropConnection(): boolean {
    return this.setting.drop > 0 && this.random() < this.setting.drop;
  }
}
