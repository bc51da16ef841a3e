/**
 * Turns a stream of runner events into frames, at most one per `frameMs`.
 *
 *   events ──push──> pending lines (kept in order)     ──┐
 *                    latest live update per view (only ─┴─ timer ──> onFrame(frame) ──> one React update
 *                    the newest counts: states are whole)
 *
 * The simulator can report thousands of updates a second; a terminal needs ten, and React must not
 * render once per record (DESIGN.md's performance budget).
 */
import type { RunnerEvent } from '../engine/types.js';

export interface EventFrame {
  /** Events that add a line, in the order they happened. */
  lines: RunnerEvent[];
  /** The newest event per live view name; older states of the same view are dropped. */
  live: Map<string, RunnerEvent>;
}

export interface FrameTimers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const REAL_TIMERS: FrameTimers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class EventCoalescer {
  private lines: RunnerEvent[] = [];
  private live = new Map<string, RunnerEvent>();
  private timer: unknown = null;

  constructor(
    private readonly onFrame: (frame: EventFrame) => void,
    private readonly frameMs: number,
    private readonly timers: FrameTimers = REAL_TIMERS,
  ) {}

  push(event: RunnerEvent): void {
    if (event.live) this.live.set(event.live.view, event);
    else this.lines.push(event);

    // Trailing edge only: the first event of a burst waits one frame, so the burst becomes one render.
    if (this.timer === null) this.timer = this.timers.set(() => this.flush(), this.frameMs);
  }

  /** Deliver what is pending now, e.g. when an action ends and its outcome should follow its lines. */
  flush(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    if (this.lines.length === 0 && this.live.size === 0) return;

    const frame: EventFrame = { lines: this.lines, live: this.live };
    this.lines = [];
    this.live = new Map();
    this.onFrame(frame);
  }

  /** Drop anything pending; nothing is delivered after this. */
  dispose(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    this.lines = [];
    this.live = new Map();
  }
}
