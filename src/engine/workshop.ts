/**
 * The engine: runs a step's action, then its checks, and saves progress.
 *
 *   run(step) ──> action.run(ctx) ──> outputs ──┐
 *                     │ events                   ▼
 *                     ▼                  checks, one by one ──> status ──> progress file
 *               subscribers (Ink app, plain printer, log file)
 *
 * The same Workshop serves the Ink app and plain mode through the
 * WorkshopController interface.
 */
import type { SectionView, WorkshopController, WorkshopView } from './controller.js';
import { CODES } from './codes.js';
import type { LoadedWorkshop } from './manifest.js';
import type { ProgressFile, ProgressStore } from './progress-store.js';
import type {
  ActionDefinition,
  CheckDefinition,
  CheckOutcome,
  Emitter,
  Json,
  Level,
  LiveUpdate,
  LoadedStep,
  Outputs,
  Question,
  RunnerEvent,
  RunOptions,
  StepOutcome,
  StepStatus,
} from './types.js';
import type { Session } from '../session/types.js';

export interface WorkshopProps {
  workshop: LoadedWorkshop;
  session: Session;
  store: ProgressStore;
  actions: Record<string, ActionDefinition>;
  checks: Record<string, CheckDefinition>;
  options: RunOptions;
  /**
   * Turns an action's error into the line the learner reads, e.g. expired
   * credentials into "sign in again". @default the error's own message
   */
  describeError?: (error: unknown) => string;
}

export class Workshop implements WorkshopController {
  private readonly listeners = new Set<(event: RunnerEvent) => void>();
  private progress: ProgressFile;
  private questionHandler?: (question: Question) => Promise<boolean>;
  private running?: AbortController;
  /** A problem found while loading, told to the first subscriber. */
  private pendingNotice?: string;

  constructor(private readonly props: WorkshopProps) {
    const loaded = props.store.load();
    this.progress = loaded.progress;
    if (loaded.movedAside) {
      // Reported once the front end has subscribed, from the first call that emits.
      this.pendingNotice = `The progress file could not be read; it was moved to ${loaded.movedAside} and progress starts afresh.`;
    }
  }

  get steps(): LoadedStep[] {
    return this.props.workshop.steps;
  }

  view(): WorkshopView {
    const { manifest } = this.props.workshop;
    const { session } = this.props;
    const sections: SectionView[] = manifest.sections.map((section) => ({
      id: section.id,
      title: section.title,
      steps: section.steps.map((step) => ({ id: step.id, title: step.title, status: this.status(step.id) })),
    }));
    const where = session.mode === 'sandbox' ? 'sandbox' : 'AWS';
    return {
      title: manifest.title,
      where: `${where} · account ${session.account} · ${session.region}`,
      sections,
      currentStepId: this.currentStepId(),
    };
  }

  /** The first step that is neither done nor skipped. */
  currentStepId(): string | null {
    const step = this.steps.find((s) => !['done', 'skipped'].includes(this.status(s.id)));
    return step?.id ?? null;
  }

  status(stepId: string): StepStatus {
    return this.progress.steps[stepId]?.status ?? 'pending';
  }

  step(id: string): LoadedStep {
    const step = this.steps.find((s) => s.id === id);
    if (!step) throw new Error(`No step with id "${id}"`);
    return step;
  }

  subscribe(listener: (event: RunnerEvent) => void): () => void {
    this.listeners.add(listener);
    if (this.pendingNotice) {
      const message = this.pendingNotice;
      this.pendingNotice = undefined;
      this.publish({ code: CODES.STATE_CORRUPT, level: 'warn', message, time: Date.now() });
    }
    return () => this.listeners.delete(listener);
  }

  onQuestion(handler: (question: Question) => Promise<boolean>): void {
    this.questionHandler = handler;
  }

  commands(stepId: string): string[] {
    const step = this.step(stepId);
    if (!step.action) return [];
    return this.props.actions[step.action].commands(this.props.session);
  }

  cancel(): void {
    this.running?.abort(new Error('Cancelled'));
  }

  /** Outputs of every step before this one, merged in order. */
  outputsBefore(stepId: string): Outputs {
    const merged: Outputs = {};
    for (const step of this.steps) {
      if (step.id === stepId) break;
      Object.assign(merged, this.progress.steps[step.id]?.outputs ?? {});
    }
    return merged;
  }

  async run(stepId: string): Promise<StepOutcome> {
    const step = this.step(stepId);
    const emit = this.emitterFor(step.id);
    emit(CODES.STEP_START, 'info', `${step.title}`);

    let outputs: Outputs = this.progress.steps[step.id]?.outputs ?? {};
    if (step.action) {
      const action = this.props.actions[step.action];
      const abort = new AbortController();
      this.running = abort;
      try {
        outputs = await action.run({
          session: this.props.session,
          outputs: this.outputsBefore(step.id),
          options: this.props.options,
          emit,
          signal: abort.signal,
          confirm: (question) => this.ask(question),
          checkpoint: {
            get: () => this.progress.checkpoints[step.id],
            set: (value) => {
              if (value === undefined) delete this.progress.checkpoints[step.id];
              else this.progress.checkpoints[step.id] = value;
              this.props.store.save(this.progress);
            },
          },
        });
      } catch (error) {
        const cancelled = abort.signal.aborted;
        const message = this.props.describeError?.(error) ?? (error instanceof Error ? error.message : String(error));
        emit(cancelled ? CODES.ACTION_CANCELLED : CODES.ACTION_ERROR, cancelled ? 'warn' : 'error', cancelled ? 'Stopped before it finished; run the step again to resume.' : message, {
          ...(error instanceof Error && error.stack ? { stack: error.stack } : {}),
        });
        this.record(step.id, 'failed', outputs, [message]);
        return { stepId: step.id, status: 'failed', checks: [], error: message };
      } finally {
        this.running = undefined;
      }
    }
    return this.finish(step, outputs);
  }

  async check(stepId: string): Promise<StepOutcome> {
    const step = this.step(stepId);
    return this.finish(step, this.progress.steps[step.id]?.outputs ?? {});
  }

  skip(stepId: string): void {
    const step = this.step(stepId);
    this.record(step.id, 'skipped', this.progress.steps[step.id]?.outputs ?? {});
    this.emitterFor(step.id)(CODES.STEP_SKIPPED, 'warn', `Skipped "${step.title}"; verify will still report its checks.`);
  }

  /** Run every check of a step, in order; a check that throws fails with its message. */
  async runChecks(step: LoadedStep, outputs: Outputs): Promise<CheckOutcome[]> {
    const results: CheckOutcome[] = [];
    for (const id of step.checks) {
      const check = this.props.checks[id];
      let result;
      try {
        result = await check.run({ session: this.props.session, outputs: { ...this.outputsBefore(step.id), ...outputs } });
      } catch (error) {
        result = { ok: false, detail: `the check itself failed: ${error instanceof Error ? error.message : String(error)}` };
      }
      results.push({ id, step: step.id, title: check.title, ...result });
    }
    return results;
  }

  private async finish(step: LoadedStep, outputs: Outputs): Promise<StepOutcome> {
    const emit = this.emitterFor(step.id);
    const checks = await this.runChecks(step, outputs);
    for (const check of checks) {
      emit(check.ok ? CODES.CHECK_PASSED : CODES.CHECK_FAILED, check.ok ? 'success' : 'error', `${check.title}: ${check.detail}`, {
        check: check.id,
      });
    }
    const failed = checks.filter((c) => !c.ok);
    const status: StepStatus = failed.length === 0 ? 'done' : 'failed';
    this.record(step.id, status, outputs, failed.map((c) => `${c.title}: ${c.detail}`));
    if (status === 'done') emit(CODES.STEP_PASSED, 'success', `Done: ${step.title}`);
    else emit(CODES.STEP_FAILED, 'error', `${failed.length} of ${checks.length} check(s) failed for "${step.title}"`);
    return { stepId: step.id, status, checks };
  }

  private record(stepId: string, status: StepStatus, outputs: Outputs, problems?: string[]): void {
    this.progress.steps[stepId] = {
      status,
      at: new Date().toISOString(),
      outputs,
      ...(problems && problems.length > 0 ? { problems } : {}),
    };
    this.props.store.save(this.progress);
  }

  private async ask(question: Question): Promise<boolean> {
    if (this.props.options.yes || !this.questionHandler) return question.ifUnattended;
    return this.questionHandler(question);
  }

  private publish(event: RunnerEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private emitterFor(stepId: string): Emitter {
    const emit = ((code: string, level: Level, message: string, data?: Record<string, Json>) => {
      this.publish({ code, level, message, stepId, time: Date.now(), ...(data ? { data } : {}) });
    }) as Emitter;
    emit.live = (code: string, update: LiveUpdate) => {
      this.publish({ code, level: 'info', message: update.summary, stepId, live: update, time: Date.now() });
    };
    return emit;
  }
}
