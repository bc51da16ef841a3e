/**
 * `themepark-workshop verify`: every step's checks against one account, or
 * a whole class with --accounts. Read-only by construction: no action runs,
 * and every check only describes, lists, gets or heads.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Chalk } from 'chalk';
import { UsageError, describeFailure } from './errors.js';
import type { SessionOptions } from './flags.js';
import { homeFrom, openFromFlags, wantsNoColor } from './context.js';
import { checks, loadShippedWorkshop } from '../engine/load.js';
import { sectionsFinished, verifyAccount, type VerifyReport } from '../engine/verify.js';
import { openSession } from '../session/open.js';
import { startSandboxProcess } from '../session/sandbox-process.js';

export interface VerifyFlags extends SessionOptions {
  json?: boolean;
  accounts?: string;
  concurrency: number;
}

export async function runVerify(flags: VerifyFlags): Promise<number> {
  return flags.accounts ? verifyClass(flags) : verifyOne(flags);
}

async function verifyOne(flags: VerifyFlags): Promise<number> {
  const workshop = loadShippedWorkshop();
  const opened = await openFromFlags(flags, { interactive: false });
  try {
    const report = await verifyAccount(opened.session, workshop, checks);
    if (flags.json) process.stdout.write(JSON.stringify(report) + '\n');
    else printReport(report, workshop.manifest.sections, new Chalk({ level: wantsNoColor() ? 0 : 1 }));
    return report.ok ? 0 : 1;
  } finally {
    await opened.close();
  }
}

function printReport(report: VerifyReport, sections: Array<{ id: string; title: string }>, chalk: InstanceType<typeof Chalk>): void {
  const out = (line: string) => process.stdout.write(line + '\n');
  out(chalk.bold(`Verify · account ${report.account} · ${report.region}`));
  const width = Math.max(...report.checks.map((c) => c.title.length));
  for (const section of sections) {
    const mine = report.checks.filter((c) => c.section === section.id);
    if (mine.length === 0) continue;
    out(`\n${section.title}`);
    for (const check of mine) {
      const mark = check.ok ? chalk.green('✓') : chalk.red('✗');
      out(`  ${mark} ${check.title.padEnd(width)}  ${check.ok ? check.detail : chalk.red(check.detail)}`);
    }
  }
  const passed = report.checks.filter((c) => c.ok).length;
  out(`\n${passed} of ${report.checks.length} checks pass` + (report.ok ? '.' : '; each ✗ line says what to do.'));
}

/** One line of the accounts file: a profile, a role to assume, or (with --sandbox) a sandbox account id. */
export type AccountSource = { kind: 'profile'; profile: string } | { kind: 'role'; roleArn: string } | { kind: 'sandbox'; account: string };

export function parseAccountsFile(text: string, sandbox: boolean): Array<{ line: string; source: AccountSource }> {
  const entries: Array<{ line: string; source: AccountSource }> = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) return;
    let source: AccountSource;
    if (/^\d{12}$/.test(line)) {
      if (!sandbox) throw new UsageError(`Line ${index + 1}: "${line}" is an account id; outside --sandbox, name a profile or a role ARN.`);
      source = { kind: 'sandbox', account: line };
    } else if (/^arn:aws[\w-]*:iam::\d{12}:role\/.+/.test(line)) {
      source = { kind: 'role', roleArn: line };
    } else if (/^[\w+=,.@-]+$/.test(line)) {
      source = { kind: 'profile', profile: line };
    } else {
      throw new UsageError(`Line ${index + 1} of the accounts file: "${line}" is neither a profile name, a role ARN nor an account id.`);
    }
    if (sandbox && source.kind !== 'sandbox') throw new UsageError(`Line ${index + 1}: with --sandbox, every line must be a 12-digit sandbox account id.`);
    entries.push({ line, source });
  });
  if (entries.length === 0) throw new UsageError('The accounts file names no accounts.');
  return entries;
}

interface ClassRow {
  source: string;
  report?: VerifyReport;
  error?: string;
}

async function verifyClass(flags: VerifyFlags): Promise<number> {
  let text: string;
  try {
    text = readFileSync(flags.accounts!, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read the accounts file ${flags.accounts}: ${(error as Error).message}`);
  }
  const entries = parseAccountsFile(text, Boolean(flags.sandbox));
  const workshop = loadShippedWorkshop();
  const home = homeFrom(flags);
  const chalk = new Chalk({ level: wantsNoColor() ? 0 : 1 });
  const sandbox = flags.sandbox ? await startSandboxProcess({ dataDir: join(home, 'sandbox'), env: process.env }) : undefined;

  const rows: ClassRow[] = [];
  const sections = workshop.manifest.sections;
  if (!flags.json) {
    process.stdout.write(chalk.bold(`Verifying ${entries.length} accounts, ${flags.concurrency} at a time\n`));
    process.stdout.write(`${'account'.padEnd(38)} ${sections.map((s) => s.id).join('  ')}\n`);
  }

  const verifyEntry = async ({ line, source }: (typeof entries)[number]): Promise<ClassRow> => {
    try {
      const opened = await openSession({
        sandbox: source.kind === 'sandbox',
        sandboxAccount: source.kind === 'sandbox' ? source.account : undefined,
        sandboxEndpoint: sandbox?.endpoint,
        profile: source.kind === 'profile' ? source.profile : flags.profile,
        roleArn: source.kind === 'role' ? source.roleArn : undefined,
        region: flags.region,
        home,
      });
      try {
        return { source: line, report: await verifyAccount(opened.session, workshop, checks) };
      } finally {
        await opened.close();
      }
    } catch (error) {
      // One account's denial, expiry or throttling stays on its own row.
      return { source: line, error: describeFailure(error, false).lines[0].replace(/^✗ /, '') };
    }
  };

  const show = (row: ClassRow) => {
    rows.push(row);
    if (flags.json) {
      process.stdout.write(JSON.stringify(row.report ? { source: row.source, ...row.report } : { source: row.source, ok: false, error: row.error }) + '\n');
      return;
    }
    const label = (row.report ? `${row.report.account} ${row.source === row.report.account ? '' : row.source}` : row.source).trim().slice(0, 38).padEnd(38);
    if (!row.report) return void process.stdout.write(`${label} ${chalk.red(`✗ ${row.error}`)}\n`);
    const marks = sections.map((s) => {
      const mine = row.report!.checks.filter((c) => c.section === s.id);
      const ok = mine.every((c) => c.ok);
      const cell = (ok ? '✓' : '✗').padEnd(s.id.length + 1);
      return ok ? chalk.green(cell) : chalk.red(cell);
    });
    const firstFailure = row.report.checks.find((c) => !c.ok);
    process.stdout.write(`${label} ${marks.join(' ')}${firstFailure ? `  ${firstFailure.title}: ${firstFailure.detail}` : ''}\n`);
  };

  try {
    await inBatches(entries, flags.concurrency, async (entry) => show(await verifyEntry(entry)));
  } finally {
    await sandbox?.stop();
  }

  const reports = rows.flatMap((r) => (r.report ? [r.report] : []));
  const allOk = rows.every((r) => r.report?.ok);
  if (!flags.json) {
    const finished = sectionsFinished(workshop, reports).map((s) => `${s.title}: ${s.finished}/${rows.length}`);
    const failedToAnswer = rows.filter((r) => !r.report).length;
    process.stdout.write(`\n${finished.join(' · ')}` + (failedToAnswer ? ` · ${failedToAnswer} could not be checked` : '') + '\n');
  }
  return allOk ? 0 : 1;
}

/** Runs `work` over items with at most `limit` at once; rows appear as they finish. */
async function inBatches<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  });
  await Promise.all(lanes);
}
