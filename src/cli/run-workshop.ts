/** The default command: the workshop itself, in the Ink app or as plain lines. */
import { UsageError, UserError } from './errors.js';
import { explainCredentials } from '../aws/errors.js';
import type { RunFlags } from './flags.js';
import { openFromFlags, wantsNoColor } from './context.js';
import { actions, checks, loadShippedWorkshop } from '../engine/load.js';
import { ProgressStore } from '../engine/progress-store.js';
import { Workshop } from '../engine/workshop.js';
import { attachLogFile } from '../engine/log-file.js';
import { runPlain } from '../ui/plain.js';

export async function runWorkshop(flags: RunFlags): Promise<number> {
  const loaded = loadShippedWorkshop();
  if (flags.step && !loaded.steps.some((s) => s.id === flags.step)) {
    throw new UsageError(
      `There is no step "${flags.step}".`,
      `Steps: ${loaded.steps.map((s) => s.id).join(', ')}`,
    );
  }
  const interactive = Boolean(process.stdout.isTTY && process.stdin.isTTY && !flags.yes);
  const opened = await openFromFlags(flags, { interactive });
  const { session } = opened;

  // Ctrl-C and kill must still stop the sandbox child and leave progress saved.
  let workshop: Workshop | undefined;
  const onSignal = () => {
    workshop?.cancel();
    void opened.close().finally(() => process.exit(130));
  };
  process.once('SIGTERM', onSignal);
  if (!interactive) process.once('SIGINT', onSignal);

  try {
    workshop = new Workshop({
      workshop: loaded,
      session,
      store: new ProgressStore(session.home, session.account, session.region, session.mode),
      actions,
      checks,
      options: { scale: flags.scale, seed: flags.seed, yes: Boolean(flags.yes) },
      describeError: (error) => {
        const explained = explainCredentials(error);
        if (explained instanceof UserError) return [explained.message, explained.tryThis].filter(Boolean).join(' ');
        return error instanceof Error ? error.message : String(error);
      },
    });
    const detachLog = attachLogFile(workshop, session.home);
    try {
      if (!interactive) {
        return await runPlain(workshop, {
          startStepId: flags.step,
          showCommands: Boolean(flags.showCommands),
          noColor: wantsNoColor(),
          out: process.stdout,
          debug: flags.debug,
        });
      }
      const { renderWorkshop } = await import('../ui/index.js');
      const exit = await renderWorkshop(workshop, { noColor: wantsNoColor(), startStepId: flags.step, debug: flags.debug });
      if (exit.reason === 'cleanup') {
        // The app has let go of the terminal; cleanup asks its question on plain lines.
        const { cleanUpSession } = await import('./cleanup.js');
        return await cleanUpSession(session, { yes: false });
      }
      // Leaving the app is the learner's choice, not a failure (npm start would print an error for
      // a non-zero code); only a crash exits 1. Unattended runs report their checks instead.
      return exit.error ? 1 : 0;
    } finally {
      detachLog();
    }
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    await opened.close();
  }
}
