/**
 * What a front end may do with a workshop. The Ink app and the plain printer
 * both drive the engine only through this interface, so either can be tested
 * with a fake and neither ever touches AWS.
 */
import type { LoadedStep, Question, RunnerEvent, StepOutcome, StepStatus } from './types.js';

export interface StepView {
  id: string;
  title: string;
  status: StepStatus;
}

export interface SectionView {
  id: string;
  title: string;
  steps: StepView[];
}

export interface WorkshopView {
  title: string;
  /** "sandbox" or "AWS", with account and region, for the header. */
  where: string;
  sections: SectionView[];
  /** The first step that is neither done nor skipped, or null when all are. */
  currentStepId: string | null;
}

export interface WorkshopController {
  view(): WorkshopView;
  step(id: string): LoadedStep;
  /** Events from every step's action and checks, in order. Returns an unsubscribe. */
  subscribe(listener: (event: RunnerEvent) => void): () => void;
  /** Run the step's action, then its checks; save progress. Never throws: failures are in the outcome. */
  run(stepId: string): Promise<StepOutcome>;
  /** Run only the step's checks (re-check); save progress. */
  check(stepId: string): Promise<StepOutcome>;
  /** Mark a step skipped. Its checks still report it in verify. */
  skip(stepId: string): void;
  /** The AWS CLI commands that do what the step's action does. */
  commands(stepId: string): string[];
  /** Stop the running action, if any (Ctrl-C, quit). */
  cancel(): void;
  /** The front end answers an action's questions; without a handler, the unattended default is used. */
  onQuestion(handler: (question: Question) => Promise<boolean>): void;
}
