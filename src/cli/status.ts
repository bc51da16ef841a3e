/** `themepark-workshop status`: the saved progress for the current account and region. */
import { homeFrom, openFromFlags } from './context.js';
import type { SessionOptions } from './flags.js';
import { loadShippedWorkshop } from '../engine/load.js';
import { ProgressStore } from '../engine/progress-store.js';
import { DEFAULT_SANDBOX_ACCOUNT, DEFAULT_SANDBOX_REGION } from '../session/open.js';

export async function runStatus(flags: SessionOptions & { json?: boolean }): Promise<number> {
  const home = homeFrom(flags);
  // On the sandbox the account and region are known without starting it.
  let account: string;
  let region: string;
  let mode: string;
  if (flags.sandbox) {
    account = flags.sandboxAccount ?? DEFAULT_SANDBOX_ACCOUNT;
    region = flags.region ?? DEFAULT_SANDBOX_REGION;
    mode = 'sandbox';
  } else {
    const opened = await openFromFlags(flags, { interactive: false });
    ({ account, region, mode } = opened.session);
    await opened.close();
  }

  const { steps } = loadShippedWorkshop();
  const store = new ProgressStore(home, account, region, mode);
  const { progress, movedAside } = store.load();
  const rows = steps.map((step) => ({
    id: step.id,
    section: step.section.id,
    title: step.title,
    status: progress.steps[step.id]?.status ?? 'pending',
    at: progress.steps[step.id]?.at ?? null,
    outputs: progress.steps[step.id]?.outputs ?? {},
    problems: progress.steps[step.id]?.problems ?? [],
  }));
  const done = rows.filter((r) => r.status === 'done').length;

  if (flags.json) {
    process.stdout.write(JSON.stringify({ account, region, mode, file: store.path, done, total: rows.length, steps: rows }, null, 2) + '\n');
    return 0;
  }
  if (movedAside) process.stdout.write(`! The progress file could not be read and was moved to ${movedAside}.\n`);
  process.stdout.write(`Account ${account} · ${region} · ${mode} — ${done} of ${rows.length} steps done\n`);
  const mark: Record<string, string> = { done: '✓', skipped: '↷', failed: '✗', pending: ' ' };
  let section = '';
  for (const row of rows) {
    if (row.section !== section) {
      section = row.section;
      process.stdout.write(`\n${steps.find((s) => s.section.id === section)!.section.title}\n`);
    }
    process.stdout.write(`  ${mark[row.status]} ${row.id.padEnd(28)} ${row.title}\n`);
    for (const [key, value] of Object.entries(row.outputs)) process.stdout.write(`      ${key}: ${JSON.stringify(value)}\n`);
    for (const problem of row.problems) process.stdout.write(`      ✗ ${problem}\n`);
  }
  process.stdout.write(`\nProgress file: ${store.path}\n`);
  return 0;
}
