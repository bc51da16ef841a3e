import { describe, expect, it } from '@jest/globals';

import type { RunnerEvent } from '../../src/engine/types.js';
import { EventCoalescer, type EventFrame, type FrameTimers } from '../../src/ui/event-coalescer.js';

/** Timers the test fires by hand, so frames are counted without any real waiting. */
class ManualTimers implements FrameTimers {
  private pending = new Map<number, () => void>();
  private next = 1;
  set(callback: () => void): number {
    const id = this.next++;
    this.pending.set(id, callback);
    return id;
  }
  clear(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  get count(): number {
    return this.pending.size;
  }
  fire(): void {
    const callbacks = [...this.pending.values()];
    this.pending.clear();
    for (const callback of callbacks) callback();
  }
}

const line = (message: string): RunnerEvent => ({ code: 'TPW_I1', level: 'info', message, time: 0 });
const live = (view: string, value: number): RunnerEvent => ({
  code: 'TPW_I2',
  level: 'info',
  message: `${view} ${value}`,
  time: 0,
  live: { view, state: { value }, summary: `${view} ${value}` },
});

function setup() {
  const timers = new ManualTimers();
  const frames: EventFrame[] = [];
  const coalescer = new EventCoalescer((frame) => frames.push(frame), 100, timers);
  return { timers, frames, coalescer };
}

describe('EventCoalescer', () => {
  it('delivers a burst as one frame when the timer fires', () => {
    const { timers, frames, coalescer } = setup();

    coalescer.push(line('a'));
    coalescer.push(line('b'));
    for (let i = 0; i < 1000; i += 1) coalescer.push(live('send', i));

    expect(frames).toHaveLength(0);
    expect(timers.count).toBe(1);
    timers.fire();
    expect(frames).toHaveLength(1);
    expect(frames[0]!.lines.map((event) => event.message)).toEqual(['a', 'b']);
    expect(frames[0]!.live.get('send')!.live!.state).toEqual({ value: 999 });
  });

  it('keeps the newest state of each live view separately', () => {
    const { timers, frames, coalescer } = setup();

    coalescer.push(live('stack', 1));
    coalescer.push(live('send', 1));
    coalescer.push(live('stack', 2));
    timers.fire();

    expect([...frames[0]!.live.keys()]).toEqual(['stack', 'send']);
    expect(frames[0]!.live.get('stack')!.live!.state).toEqual({ value: 2 });
  });

  it('flushes at once on demand and sends nothing when nothing is pending', () => {
    const { timers, frames, coalescer } = setup();

    coalescer.flush();
    expect(frames).toHaveLength(0);

    coalescer.push(line('done'));
    coalescer.flush();
    expect(frames).toHaveLength(1);
    expect(timers.count).toBe(0);
  });

  it('delivers nothing after it is disposed', () => {
    const { timers, frames, coalescer } = setup();

    coalescer.push(line('late'));
    coalescer.dispose();
    timers.fire();
    coalescer.flush();

    expect(frames).toHaveLength(0);
  });
});
