/**
 * Runs the QuickSight actions and checks against an in-process sandbox the
 * way the engine would: a real Session and real SDK clients, events and
 * questions recorded, answers scripted.
 */
import { createClients } from '../../src/aws/clients.js';
import type {
  ActionContext,
  ActionDefinition,
  CheckDefinition,
  Json,
  Outputs,
  Question,
  RunnerEvent,
} from '../../src/engine/types.js';
import { workshopNames } from '../../src/session/names.js';
import type { Session } from '../../src/session/types.js';
import { removeHome } from '../sandbox/helpers.js';
import {
  clients as sdkClients,
  dayLines,
  landDay,
  REGION,
  startQuickSightSandbox,
  TEST_ACCOUNT,
  type TestSandbox,
} from '../sandbox/quicksight-fixtures.js';

export { dayLines, REGION, TEST_ACCOUNT };

export interface Harness {
  sandbox: TestSandbox;
  session: Session;
  events: RunnerEvent[];
  questions: Question[];
  /** Answers to give, by question code, in order; unlisted questions get their unattended answer. */
  answers: Record<string, boolean[]>;
  /** Outputs of the steps run so far, merged as the engine merges them. */
  outputs: Outputs;
  run(action: ActionDefinition): Promise<Outputs>;
  check(check: CheckDefinition, outputs?: Outputs): Promise<{ ok: boolean; detail: string }>;
  codes(): string[];
  messages(code?: string): string[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  setting?: string;
  /** Records to land in the bucket before anything runs (default: a small day). */
  lines?: string[];
  identityArn?: string;
  region?: string;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const region = options.region ?? REGION;
  const sandbox = await startQuickSightSandbox(options.setting);
  const { s3 } = sdkClients(sandbox, region);
  await landDay(s3, options.lines ?? dayLines());
  s3.destroy();

  const session: Session = {
    mode: 'sandbox',
    account: TEST_ACCOUNT,
    region,
    identityArn: options.identityArn ?? `arn:aws:iam::${TEST_ACCOUNT}:user/sandbox-learner`,
    endpoint: sandbox.endpoint,
    home: sandbox.home,
    names: workshopNames(TEST_ACCOUNT, region),
    clients: createClients({
      region,
      endpoint: sandbox.endpoint,
      credentials: { accessKeyId: TEST_ACCOUNT, secretAccessKey: 'sandbox-secret' },
    }),
  };
  const events: RunnerEvent[] = [];
  const questions: Question[] = [];
  const checkpoints: { value?: Json } = {};

  const harness: Harness = {
    sandbox,
    session,
    events,
    questions,
    answers: {},
    outputs: {},
    async run(action) {
      const emit = Object.assign(
        (code: string, level: RunnerEvent['level'], message: string, data?: Record<string, Json>) =>
          void events.push({ code, level, message, ...(data ? { data } : {}), time: Date.now() }),
        {
          live: (code: string, live: NonNullable<RunnerEvent['live']>) =>
            void events.push({ code, level: 'info', message: live.summary, live, time: Date.now() }),
        },
      );
      const ctx: ActionContext = {
        session,
        outputs: { ...harness.outputs },
        options: { scale: 0.001, seed: 7, yes: false },
        emit,
        signal: new AbortController().signal,
        confirm: async (question) => {
          questions.push(question);
          const scripted = harness.answers[question.code]?.shift();
          return scripted ?? question.ifUnattended;
        },
        checkpoint: { get: () => checkpoints.value, set: (value) => (checkpoints.value = value) },
      };
      const outputs = await action.run(ctx);
      Object.assign(harness.outputs, outputs);
      return outputs;
    },
    check: (check, outputs) => check.run({ session, outputs: outputs ?? harness.outputs }),
    codes: () => events.map((e) => e.code),
    messages: (code) => events.filter((e) => !code || e.code === code).map((e) => e.message),
    async close() {
      session.clients.destroy();
      await sandbox.close();
      await removeHome(sandbox.home);
    },
  };
  return harness;
}
