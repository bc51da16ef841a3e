/**
 * The contracts between the engine, the actions and checks that do the work,
 * and the front ends that render what happens.
 *
 *   cli ──> session ──> engine ──────────> ui (Ink, or plain lines)
 *                         │  RunnerEvent      renders events only
 *                         ▼
 *                 actions / checks ──> aws ──> AWS or the sandbox
 *
 * Actions never print: everything a learner sees is a RunnerEvent.
 */
import type { Session } from '../session/types.js';

/** A JSON value, as kept in the progress file. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** What actions return and later steps read: names, ARNs, counts. */
export type Outputs = Record<string, Json>;

export type Level = 'debug' | 'info' | 'success' | 'warn' | 'error';

/**
 * One thing that happened. `code` follows a numbered scheme with the level as
 * a letter: TPW_I2001 is information from the stack deploy, TPW_E4002 an error
 * from delivery. See src/engine/codes.ts.
 */
export interface RunnerEvent {
  code: string;
  level: Level;
  message: string;
  /** The step that was running, when there was one. */
  stepId?: string;
  /**
   * Present on events that update a live view instead of adding a line: the
   * TUI redraws the view named `view` with `state`; plain mode prints one
   * summary line every few seconds at most.
   */
  live?: LiveUpdate;
  /** Extra facts for logs and `--json` output. */
  data?: Record<string, Json>;
  time: number;
}

export interface LiveUpdate {
  /** Which live view renders it: 'stack', 'send', 'landing', 'ingestion', ... */
  view: string;
  /** The full state of that view (not a delta), so a dropped frame is harmless. */
  state: Record<string, Json>;
  /** A one-line summary for plain mode and logs. */
  summary: string;
}

export interface Emitter {
  (code: string, level: Level, message: string, data?: Record<string, Json>): void;
  /** Replace the content of a live view. Throttling is the front end's job. */
  live(code: string, update: LiveUpdate): void;
}

/** A yes/no question an action may ask; `--yes` and plain mode answer `ifUnattended`. */
export interface Question {
  code: string;
  message: string;
  /** The answer when nobody is there to ask. Destructive or paid things say false. */
  ifUnattended: boolean;
}

/** Options that change what a run does, from the command line. */
export interface RunOptions {
  /** Share of the full simulated crowd, 1 = the whole day. */
  scale: number;
  /** Seed for the simulator; the same seed and scale give the same records. */
  seed: number;
  /** Answer every question with its unattended default. */
  yes: boolean;
}

export interface ActionContext {
  session: Session;
  /** Outputs of every step that has run so far, merged in step order. */
  outputs: Outputs;
  options: RunOptions;
  emit: Emitter;
  signal: AbortSignal;
  confirm(question: Question): Promise<boolean>;
  /**
   * A small JSON value the action may save while it works and read back when
   * it runs again, so an interrupted run resumes (the sender keeps the count
   * of acknowledged records here). Saved atomically with the progress file.
   */
  checkpoint: Checkpoint;
}

export interface Checkpoint {
  get(): Json | undefined;
  set(value: Json | undefined): void;
}

export interface ActionDefinition {
  /** A short line for the step list, e.g. "Deploy the delivery stream stack". */
  title: string;
  /**
   * The AWS CLI commands that would do the same by hand, shown on request so
   * the tool still teaches what it automates.
   */
  commands(session: Session): string[];
  run(ctx: ActionContext): Promise<Outputs>;
}

export interface CheckContext {
  session: Session;
  /**
   * Saved outputs, for detail only: a check must find resources by their
   * names (session.names), so that `verify` works on accounts where the
   * runner was never used.
   */
  outputs: Outputs;
}

export interface CheckResult {
  ok: boolean;
  /** One line: what was found, or what is wrong and how to fix it. */
  detail: string;
}

export interface CheckDefinition {
  title: string;
  run(ctx: CheckContext): Promise<CheckResult>;
}

// ---------------------------------------------------------------------------
// The workshop as data (steps/workshop.yaml)

export interface StepDefinition {
  id: string;
  title: string;
  /** Markdown text, relative to steps/. */
  text: string;
  /** A name in the action registry, or absent for a reading-only step. */
  action?: string;
  checks: string[];
}

export interface SectionDefinition {
  id: string;
  title: string;
  steps: StepDefinition[];
}

export interface WorkshopManifest {
  version: 1;
  title: string;
  sections: SectionDefinition[];
}

/** A step with its section and its Markdown loaded. */
export interface LoadedStep extends StepDefinition {
  section: SectionDefinition;
  markdown: string;
  index: number;
}

// ---------------------------------------------------------------------------
// Progress

export type StepStatus = 'pending' | 'done' | 'skipped' | 'failed';

export interface StepProgress {
  status: StepStatus;
  /** ISO time of the last change. */
  at: string;
  outputs: Outputs;
  /** Failing check details from the last run, when status is failed. */
  problems?: string[];
}

export interface CheckOutcome extends CheckResult {
  id: string;
  step: string;
  title: string;
}

export interface StepOutcome {
  stepId: string;
  status: StepStatus;
  checks: CheckOutcome[];
  /** Present when the action itself threw. */
  error?: string;
}
