/**
 * The front end for `--yes`, CI and pipes: no prompts, one line per event,
 * and a live view's summary at most every few seconds. It goes from the
 * saved position to the end and reports whether every step's checks passed.
 */
import { Chalk } from 'chalk';
import type { Workshop } from '../engine/workshop.js';
import type { Level, RunnerEvent } from '../engine/types.js';
import { CODES } from '../engine/codes.js';

export interface PlainProps {
  startStepId?: string;
  showCommands: boolean;
  noColor: boolean;
  out: NodeJS.WritableStream;
  /** Least time between two lines of the same live view. @default 3000 */
  liveIntervalMs?: number;
  /** Print an action's stack trace under its error. @default false */
  debug?: boolean;
}

/** Events that close a live view: its last state is worth one more line first. */
const FLUSH_BEFORE = new Set<string>([CODES.SEND_DONE, CODES.LANDING_DONE, CODES.STACK_DONE, CODES.CHECK_PASSED, CODES.CHECK_FAILED, CODES.STEP_PASSED, CODES.STEP_FAILED, CODES.ACTION_ERROR]);

const SYMBOLS: Record<Level, string> = { debug: '·', info: '·', success: '✓', warn: '!', error: '✗' };

export function createPlainPrinter(props: Pick<PlainProps, 'noColor' | 'out' | 'liveIntervalMs' | 'debug'>) {
  const chalk = new Chalk({ level: props.noColor ? 0 : 1 });
  const paint: Record<Level, (text: string) => string> = {
    debug: chalk.gray,
    info: (text) => text,
    success: chalk.green,
    warn: chalk.yellow,
    error: chalk.red,
  };
  const interval = props.liveIntervalMs ?? 3000;
  const lastLive = new Map<string, { at: number; event: RunnerEvent; printed: boolean }>();
  const write = (line: string) => props.out.write(line + '\n');

  function print(event: RunnerEvent): void {
    if (event.level === 'debug') return;
    if (event.live) {
      const previous = lastLive.get(event.live.view);
      const due = !previous || event.time - previous.at >= interval;
      lastLive.set(event.live.view, { at: due ? event.time : previous!.at, event, printed: due });
      if (due) write(`  ${chalk.cyan('…')} ${event.live.summary}`);
      return;
    }
    if (FLUSH_BEFORE.has(event.code)) flushLive();
    const indent = event.code === CODES.STEP_START ? '' : '  ';
    const text = event.code === CODES.STEP_START ? chalk.bold(`▸ ${event.message}`) : `${SYMBOLS[event.level]} ${event.message}`;
    write(indent + paint[event.level](text));
    if (props.debug && typeof event.data?.stack === 'string') write(chalk.gray(event.data.stack));
  }

  function flushLive(): void {
    for (const [view, entry] of lastLive) {
      if (!entry.printed) write(`  ${chalk.cyan('…')} ${entry.event.live!.summary}`);
      lastLive.delete(view);
    }
  }

  return { print, flushLive, write, chalk };
}

export async function runPlain(workshop: Workshop, props: PlainProps): Promise<number> {
  const printer = createPlainPrinter(props);
  const unsubscribe = workshop.subscribe(printer.print);
  try {
    const steps = workshop.steps;
    const view = workshop.view();
    printer.write(printer.chalk.bold(view.title) + `  (${view.where})`);

    const startId = props.startStepId ?? workshop.currentStepId();
    if (startId === null) {
      printer.write('Every step is already done; checking them all again.');
    }
    const start = startId === null ? 0 : steps.findIndex((s) => s.id === startId);

    for (const step of steps.slice(start)) {
      if (props.showCommands) {
        for (const command of workshop.commands(step.id)) printer.write(printer.chalk.gray(`  $ ${command}`));
      }
      // A done step is only checked again, except the one named with --step, which runs.
      const trusted = workshop.status(step.id) === 'done' && step.id !== props.startStepId;
      let outcome = trusted ? await workshop.check(step.id) : undefined;
      if (!outcome || outcome.status !== 'done') outcome = await workshop.run(step.id);
      if (outcome.status !== 'done') {
        printer.write(`Stopped at "${step.title}". Fix what is shown above, then run again; it resumes at this step.`);
        return 1;
      }
    }
    printer.write(printer.chalk.green('All steps passed.'));
    return 0;
  } finally {
    unsubscribe();
  }
}
