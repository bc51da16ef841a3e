import { useCallback, useEffect, useRef, useState } from 'react';

import { CODES } from '../../engine/codes.js';
import type { WorkshopController } from '../../engine/controller.js';
import type { LiveUpdate, RunnerEvent, StepOutcome } from '../../engine/types.js';
import { EventCoalescer } from '../event-coalescer.js';

export type RunMode = 'run' | 'check';

/** A finished line of the log. Once added it never changes, so it can live in Ink's <Static>. */
export type LogEntry =
  | { id: number; kind: 'event'; event: RunnerEvent }
  | { id: number; kind: 'step-start'; number: string; title: string; mode: RunMode }
  | { id: number; kind: 'step-end'; number: string; title: string; outcome: StepOutcome };

/** LogEntry without the id; the hook numbers entries so <Static> gets stable keys. */
export type LogNote =
  | { kind: 'step-start'; number: string; title: string; mode: RunMode }
  | { kind: 'step-end'; number: string; title: string; outcome: StepOutcome };

/** The current state of one live view, e.g. the stack being deployed. */
export interface LiveEntry {
  view: string;
  update: LiveUpdate;
  stepId?: string;
}

export interface RunnerEventsOptions {
  /** Show debug-level events in the log. @default false: they are too much detail for a learner. */
  showDebug?: boolean;
  /** Shortest time between two renders caused by events. */
  frameMs: number;
}

export interface RunnerEvents {
  log: LogEntry[];
  live: LiveEntry[];
  /** Add a line of the UI's own (a step starting or ending), after every event received so far. */
  note(entry: LogNote): void;
  /** Forget the live views, when a new action starts. */
  clearLive(): void;
}

/**
 * The engine's own step start and end lines: the app writes richer ones (with the step's number and
 * its checks counted), so these would only say the same thing twice. Debug mode keeps them.
 */
const SAID_BY_THE_APP = new Set<string>([
  CODES.STEP_START,
  CODES.STEP_PASSED,
  CODES.STEP_FAILED,
  CODES.STEP_SKIPPED,
]);

/** Subscribes to the controller and turns its events into log lines and live views, a frame at a time. */
export function useRunnerEvents(controller: WorkshopController, options: RunnerEventsOptions): RunnerEvents {
  const { frameMs, showDebug = false } = options;
  const [log, setLog] = useState<LogEntry[]>([]);
  const [live, setLive] = useState<LiveEntry[]>([]);
  const coalescer = useRef<EventCoalescer | null>(null);
  const nextId = useRef(0);

  useEffect(() => {
    const frames = new EventCoalescer((frame) => {
      const lines = frame.lines.filter(
        (event) => showDebug || (event.level !== 'debug' && !SAID_BY_THE_APP.has(event.code)),
      );
      if (lines.length > 0) {
        const entries = lines.map((event): LogEntry => ({ id: nextId.current++, kind: 'event', event }));
        setLog((previous) => [...previous, ...entries]);
      }
      if (frame.live.size > 0) setLive((previous) => mergeLive(previous, frame.live));
    }, frameMs);

    coalescer.current = frames;
    const unsubscribe = controller.subscribe((event) => frames.push(event));
    return () => {
      unsubscribe();
      frames.dispose();
      coalescer.current = null;
    };
  }, [controller, frameMs, showDebug]);

  const note = useCallback((entry: LogNote) => {
    coalescer.current?.flush();
    setLog((previous) => [...previous, { ...entry, id: nextId.current++ }]);
  }, []);

  const clearLive = useCallback(() => setLive([]), []);

  return { log, live, note, clearLive };
}

/**
 * Views keep the place where they first appeared, so the screen does not jump as states change.
 * TODO: key by view and code if one step ever runs two views of the same kind at once (two stacks
 * deploying side by side); today the later one would replace the earlier.
 */
function mergeLive(previous: LiveEntry[], updates: Map<string, RunnerEvent>): LiveEntry[] {
  const merged = previous.map((entry) => {
    const event = updates.get(entry.view);
    return event?.live ? { view: entry.view, update: event.live, stepId: event.stepId } : entry;
  });
  for (const [view, event] of updates) {
    if (event.live && !previous.some((entry) => entry.view === view)) {
      merged.push({ view, update: event.live, stepId: event.stepId });
    }
  }
  return merged;
}
