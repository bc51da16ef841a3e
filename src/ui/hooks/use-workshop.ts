import { useCallback, useRef, useState } from 'react';

import type { WorkshopController, WorkshopView } from '../../engine/controller.js';
import type { StepOutcome } from '../../engine/types.js';
import { findStep, isLastStep, neighbour, numberedSteps } from '../workshop-view.js';
import type { LogNote, RunMode } from './use-runner-events.js';

export interface Running {
  stepId: string;
  mode: RunMode;
}

export type Screen = 'steps' | 'finished';

export interface WorkshopOptions {
  startStepId?: string;
  note(entry: LogNote): void;
  clearLive(): void;
  /** An exception the controller promised never to throw: shown as a bug, not as a step failure. */
  crash(error: Error): void;
}

export interface Workshop {
  view: WorkshopView;
  selectedId: string;
  screen: Screen;
  running: Running | null;
  /** The last outcome of each step run or checked in this session. */
  outcomes: Readonly<Record<string, StepOutcome>>;
  start(mode: RunMode): void;
  skip(): void;
  /** Move the selection; past the last step shows the finished screen. */
  move(offset: -1 | 1): void;
}

/**
 * The learner's place in the workshop and the one action that may run at a time. The selected step
 * is UI state: the learner may look at any step, and run/check/skip act on the one selected.
 */
export function useWorkshop(controller: WorkshopController, options: WorkshopOptions): Workshop {
  const { note, clearLive, crash } = options;
  const [view, setView] = useState(() => controller.view());
  const [selectedId, setSelectedId] = useState(() => initialStepId(view, options.startStepId));
  const [screen, setScreen] = useState<Screen>(() =>
    !options.startStepId && view.currentStepId === null ? 'finished' : 'steps',
  );
  const [running, setRunning] = useState<Running | null>(null);
  const [outcomes, setOutcomes] = useState<Record<string, StepOutcome>>({});
  // State updates land a render later; the ref stops a quick second Enter from starting a second run.
  const busy = useRef(false);

  const start = useCallback(
    (mode: RunMode) => {
      const step = findStep(view, selectedId);
      if (busy.current || !step) return;
      busy.current = true;

      const label = { number: step.number, title: step.step.title };
      clearLive();
      note({ kind: 'step-start', mode, ...label });
      setRunning({ stepId: step.step.id, mode });

      const work = mode === 'run' ? controller.run(step.step.id) : controller.check(step.step.id);
      work
        .then((outcome) => {
          const next = controller.view();
          note({ kind: 'step-end', outcome, ...label });
          setOutcomes((previous) => ({ ...previous, [outcome.stepId]: outcome }));
          setView(next);
          if (outcome.status === 'done' && finishedAfter(next, step.step.id)) setScreen('finished');
        })
        .catch((error: unknown) => crash(error instanceof Error ? error : new Error(String(error))))
        .finally(() => {
          busy.current = false;
          setRunning(null);
        });
    },
    [controller, view, selectedId, note, clearLive, crash],
  );

  const skip = useCallback(() => {
    const step = findStep(view, selectedId);
    if (busy.current || !step) return;

    controller.skip(step.step.id);
    const next = controller.view();
    const outcome: StepOutcome = { stepId: step.step.id, status: 'skipped', checks: [] };
    note({ kind: 'step-end', number: step.number, title: step.step.title, outcome });
    setView(next);

    // Skipping means "move on": go to the next step, or to the end.
    const following = neighbour(next, step.step.id, 1);
    if (following) setSelectedId(following.step.id);
    else setScreen('finished');
  }, [controller, view, selectedId, note]);

  const move = useCallback(
    (offset: -1 | 1) => {
      if (screen === 'finished') {
        if (offset < 0) setScreen('steps');
        return;
      }
      const target = neighbour(view, selectedId, offset);
      if (target) setSelectedId(target.step.id);
      else if (offset > 0) setScreen('finished');
    },
    [view, selectedId, screen],
  );

  return { view, selectedId, screen, running, outcomes, start, skip, move };
}

/** --step wins when it names a step; then the first unfinished step; then the last step. */
function initialStepId(view: WorkshopView, startStepId: string | undefined): string {
  if (findStep(view, startStepId)) return startStepId!;
  if (view.currentStepId) return view.currentStepId;
  const steps = numberedSteps(view);
  return steps[steps.length - 1]?.step.id ?? '';
}

/** The end screen follows the last step, once nothing is left to do. */
function finishedAfter(view: WorkshopView, stepId: string): boolean {
  return view.currentStepId === null && isLastStep(view, stepId);
}
