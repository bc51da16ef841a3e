/**
 * A WorkshopController for UI tests: records every call, emits events on demand, and lets a test
 * decide when a run ends and how.
 */
import type { WorkshopController, WorkshopView } from '../../src/engine/controller.js';
import type {
  Json,
  Level,
  LoadedStep,
  Question,
  RunnerEvent,
  StepOutcome,
  StepStatus,
} from '../../src/engine/types.js';

export interface FakeStep {
  id: string;
  title: string;
  markdown: string;
  commands?: string[];
  status?: StepStatus;
}

export interface FakeSection {
  id: string;
  title: string;
  steps: FakeStep[];
}

export interface FakeCall {
  method: 'run' | 'check' | 'skip' | 'cancel' | 'commands';
  stepId?: string;
}

export const SAMPLE_SECTIONS: FakeSection[] = [
  {
    id: 'stream',
    title: 'The delivery stream',
    steps: [
      { id: 'region', title: 'Pick a region', markdown: '# Pick a region\n\nThe **region** holds it all.' },
      {
        id: 'deploy',
        title: 'Deploy the stream',
        markdown: '# Deploy the stream\n\nFirehose writes to `theme-park-data`.',
        commands: ['aws cloudformation deploy --stack-name theme-park-streaming --template-file stream.yaml'],
      },
    ],
  },
  {
    id: 'simulator',
    title: 'The simulator',
    steps: [{ id: 'send', title: 'Send a park day', markdown: 'Run the simulator for *one day*.' }],
  },
];

interface Deferred {
  resolve(outcome: StepOutcome): void;
  reject(error: unknown): void;
}

export class FakeController implements WorkshopController {
  readonly calls: FakeCall[] = [];
  private readonly listeners = new Set<(event: RunnerEvent) => void>();
  private readonly statuses = new Map<string, StepStatus>();
  private questionHandler: ((question: Question) => Promise<boolean>) | null = null;
  private held: Deferred | null = null;
  /** When true, run() and check() wait until the test calls finish(). */
  holdRuns = false;

  constructor(
    private readonly sections: FakeSection[] = SAMPLE_SECTIONS,
    private readonly where = 'sandbox · us-east-1',
  ) {
    for (const step of this.allSteps()) this.statuses.set(step.id, step.status ?? 'pending');
  }

  view(): WorkshopView {
    const steps = this.allSteps();
    const current = steps.find((step) => !['done', 'skipped'].includes(this.statuses.get(step.id)!));
    return {
      title: 'Analyzing visitor stats',
      where: this.where,
      sections: this.sections.map((section) => ({
        id: section.id,
        title: section.title,
        steps: section.steps.map((step) => ({
          id: step.id,
          title: step.title,
          status: this.statuses.get(step.id)!,
        })),
      })),
      currentStepId: current?.id ?? null,
    };
  }

  step(id: string): LoadedStep {
    const steps = this.allSteps();
    const index = steps.findIndex((step) => step.id === id);
    if (index < 0) throw new Error(`no step ${id}`);
    const step = steps[index]!;
    const section = this.sections.find((s) => s.steps.includes(step))!;
    return {
      id: step.id,
      title: step.title,
      text: `${step.id}.md`,
      checks: [],
      markdown: step.markdown,
      index,
      section: { id: section.id, title: section.title, steps: [] },
    };
  }

  subscribe(listener: (event: RunnerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  run(stepId: string): Promise<StepOutcome> {
    this.calls.push({ method: 'run', stepId });
    return this.settle(stepId);
  }

  check(stepId: string): Promise<StepOutcome> {
    this.calls.push({ method: 'check', stepId });
    return this.settle(stepId);
  }

  skip(stepId: string): void {
    this.calls.push({ method: 'skip', stepId });
    this.statuses.set(stepId, 'skipped');
  }

  commands(stepId: string): string[] {
    this.calls.push({ method: 'commands', stepId });
    return this.allSteps().find((step) => step.id === stepId)?.commands ?? [];
  }

  cancel(): void {
    this.calls.push({ method: 'cancel' });
  }

  onQuestion(handler: (question: Question) => Promise<boolean>): void {
    this.questionHandler = handler;
  }

  // ---- test controls ---------------------------------------------------------------------------

  /** The outcome the next un-held run or check gives; by default every check passes. */
  nextOutcome: (stepId: string) => StepOutcome = (stepId) => ({
    stepId,
    status: 'done',
    checks: [
      {
        id: `${stepId}-exists`,
        step: stepId,
        title: `${stepId} exists`,
        ok: true,
        detail: `found ${stepId}`,
      },
    ],
  });

  /** End a held run with this outcome (or the default one). */
  finish(outcome?: StepOutcome): void {
    const held = this.held;
    if (!held) throw new Error('no run is held');
    this.held = null;
    const last = [...this.calls].reverse().find((call) => call.method === 'run' || call.method === 'check')!;
    const result = outcome ?? this.nextOutcome(last.stepId!);
    this.statuses.set(result.stepId, result.status);
    held.resolve(result);
  }

  /** Make a held run throw, which the controller promises never to do. */
  explode(error: Error): void {
    const held = this.held;
    this.held = null;
    held?.reject(error);
  }

  emit(message: string, level: Level = 'info', extra: Partial<RunnerEvent> = {}): void {
    const event: RunnerEvent = {
      code: 'TPW_I9001',
      level,
      message,
      time: Date.UTC(2024, 4, 1, 9, 30),
      ...extra,
    };
    for (const listener of this.listeners) listener(event);
  }

  emitLive(view: string, state: Record<string, Json>, summary = `${view} progress`): void {
    this.emit(summary, 'info', { live: { view, state, summary } });
  }

  ask(question: Question): Promise<boolean> {
    if (!this.questionHandler) return Promise.resolve(question.ifUnattended);
    return this.questionHandler(question);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  callsOf(method: FakeCall['method']): FakeCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  private settle(stepId: string): Promise<StepOutcome> {
    if (this.holdRuns) {
      return new Promise<StepOutcome>((resolve, reject) => {
        this.held = { resolve, reject };
      });
    }
    const outcome = this.nextOutcome(stepId);
    this.statuses.set(outcome.stepId, outcome.status);
    return Promise.resolve(outcome);
  }

  private allSteps(): FakeStep[] {
    return this.sections.flatMap((section) => section.steps);
  }
}
