/** Pure helpers over the controller's WorkshopView: step order, numbers, neighbours, totals. */
import type { SectionView, StepView, WorkshopView } from '../engine/controller.js';
import type { StepStatus } from '../engine/types.js';

export interface NumberedStep {
  step: StepView;
  section: SectionView;
  /** "2.3": section 2, its third step. What the learner reads in the list and the log. */
  number: string;
  /** Position in the whole workshop, from 0. */
  index: number;
}

export function numberedSteps(view: WorkshopView): NumberedStep[] {
  const steps: NumberedStep[] = [];
  view.sections.forEach((section, sectionIndex) => {
    section.steps.forEach((step, stepIndex) => {
      steps.push({ step, section, number: `${sectionIndex + 1}.${stepIndex + 1}`, index: steps.length });
    });
  });
  return steps;
}

export function findStep(view: WorkshopView, id: string | null | undefined): NumberedStep | undefined {
  return id ? numberedSteps(view).find((entry) => entry.step.id === id) : undefined;
}

/** The step `offset` places away from `id`, or null past either end. */
export function neighbour(view: WorkshopView, id: string, offset: number): NumberedStep | null {
  const steps = numberedSteps(view);
  const at = steps.findIndex((entry) => entry.step.id === id);
  return at < 0 ? null : (steps[at + offset] ?? null);
}

export function isLastStep(view: WorkshopView, id: string): boolean {
  const steps = numberedSteps(view);
  return steps.length > 0 && steps[steps.length - 1]!.step.id === id;
}

export type StatusCounts = Record<StepStatus, number> & { total: number };

export function countStatuses(steps: StepView[]): StatusCounts {
  const counts: StatusCounts = { pending: 0, done: 0, skipped: 0, failed: 0, total: steps.length };
  for (const step of steps) counts[step.status] += 1;
  return counts;
}

/** Every step's checks passed: what the CLI's exit code reports. A skipped step has not passed. */
export function allPassed(view: WorkshopView): boolean {
  const steps = numberedSteps(view);
  return steps.length > 0 && steps.every((entry) => entry.step.status === 'done');
}
