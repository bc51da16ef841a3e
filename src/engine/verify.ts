/**
 * Runs every step's checks against one account without running any action
 * and without reading the local progress file: the checks find resources
 * by the module's names, so this judges an account where the runner was
 * never used just as well. Checks only describe, list, get and head.
 */
import type { LoadedWorkshop } from './manifest.js';
import type { CheckDefinition, Outputs } from './types.js';
import type { Session } from '../session/types.js';

export interface VerifiedCheck {
  id: string;
  step: string;
  section: string;
  title: string;
  ok: boolean;
  detail: string;
}

/** The shape `verify --json` prints, as documented in DESIGN.md. */
export interface VerifyReport {
  ok: boolean;
  account: string;
  region: string;
  checks: VerifiedCheck[];
}

export async function verifyAccount(
  session: Session,
  workshop: LoadedWorkshop,
  checks: Record<string, CheckDefinition>,
  /** Outputs to lend the checks; verify passes none, so resources are judged as found. */
  outputs: Outputs = {},
): Promise<VerifyReport> {
  const results: VerifiedCheck[] = [];
  for (const step of workshop.steps) {
    for (const id of step.checks) {
      const check = checks[id];
      let ok = false;
      let detail: string;
      try {
        ({ ok, detail } = await check.run({ session, outputs }));
      } catch (error) {
        detail = `could not check: ${error instanceof Error ? error.message : String(error)}`;
      }
      results.push({ id, step: step.id, section: step.section.id, title: check.title, ok, detail });
    }
  }
  return { ok: results.every((r) => r.ok), account: session.account, region: session.region, checks: results };
}

/** How many accounts have every check of each section passing. */
export function sectionsFinished(workshop: LoadedWorkshop, reports: VerifyReport[]): Array<{ section: string; title: string; finished: number }> {
  return workshop.manifest.sections.map((section) => ({
    section: section.id,
    title: section.title,
    finished: reports.filter((report) => {
      const mine = report.checks.filter((c) => c.section === section.id);
      return mine.length > 0 && mine.every((c) => c.ok);
    }).length,
  }));
}
