/** `themepark-workshop cleanup`: leave nothing behind that costs money. */
import { rmSync } from 'node:fs';
import { Chalk } from 'chalk';
import { UserError } from './errors.js';
import type { SessionOptions } from './flags.js';
import { askYesNo, openFromFlags, wantsNoColor } from './context.js';
import { cleanupAccount, cleanupPlan } from '../aws/cleanup.js';
import { progressPath } from '../engine/progress-store.js';
import type { Session } from '../session/types.js';

/** What keeping the resources costs, roughly, so the learner can decide. */
const COST_NOTE =
  'Kept, they cost little but not nothing: S3 storage (about $0.023 per GB-month), QuickSight SPICE capacity beyond the free\n' +
  'allowance and any QuickSight subscription (billed per user per month; cancel it in the QuickSight console). Firehose\n' +
  'charges only for data sent, nothing while idle.';

export async function runCleanup(flags: SessionOptions & { yes?: boolean }): Promise<number> {
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  if (!flags.yes && !interactive) {
    throw new UserError('cleanup deletes the module\'s resources and asks first, but there is no terminal to ask.', 'Run it with --yes to confirm.');
  }
  const opened = await openFromFlags(flags, { interactive });
  try {
    return await cleanUpSession(opened.session, { yes: Boolean(flags.yes) });
  } finally {
    await opened.close();
  }
}

/**
 * Lists what goes and what keeping it costs, asks (unless `yes`), removes it,
 * and names whatever could not be removed. Also run from the terminal app's
 * `x` key, on the app's own session.
 */
export async function cleanUpSession(session: Session, options: { yes: boolean }): Promise<number> {
  const chalk = new Chalk({ level: wantsNoColor() ? 0 : 1 });
  const out = (line: string) => process.stdout.write(line + '\n');
  out(chalk.bold(`Cleanup · account ${session.account} · ${session.region} · ${session.mode}`));
  out('This removes:');
  for (const line of cleanupPlan(session)) out(`  - ${line}`);
  out(COST_NOTE);
  if (!options.yes && !(await askYesNo('Remove all of it? [y/N] ', false))) {
    out('Nothing was removed.');
    return 1;
  }

  const items = await cleanupAccount({
    session,
    onItem: (item) => {
      const mark = item.outcome === 'failed' ? chalk.red('✗') : chalk.green('✓');
      const verb = { removed: 'removed', absent: 'already gone', failed: 'not removed' }[item.outcome];
      out(`  ${mark} ${item.what}: ${verb}${item.detail ? ` (${item.detail})` : ''}`);
    },
  });
  const failed = items.filter((i) => i.outcome === 'failed');
  if (failed.length > 0) {
    out(chalk.red(`Could not remove ${failed.length} item(s):`));
    for (const item of failed) out(`  - ${item.what}: ${item.detail}`);
    out('Fix what is named above and run cleanup again; it picks up where it stopped.');
    return 1;
  }
  // The account is empty again, so the saved progress no longer describes it.
  rmSync(progressPath(session.home, session.account, session.region), { force: true });
  out(chalk.green('Everything the module created is gone; progress for this account and region was reset.'));
  return 0;
}
