/**
 * What every command that acts on an account needs: the home folder, the
 * session and the loaded workshop. Kept apart from main.ts so that this
 * module, and the SDK with it, loads only when such a command runs.
 */
import { createInterface } from 'node:readline/promises';
import { UserError } from './errors.js';
import type { SessionOptions } from './flags.js';
import { ensureHome, resolveHome } from '../session/home.js';
import { openSession, type OpenSession } from '../session/open.js';
import { isCredentialsMissing, NO_CREDENTIALS_ERR } from '../aws/errors.js';

export interface OpenOptions {
  /** May we ask the person at the terminal a question? */
  interactive: boolean;
}

/** The home folder from the flags, created and proven writable. */
export function homeFrom(flags: { home?: string }): string {
  return ensureHome(resolveHome(flags.home));
}

/**
 * Opens the session the flags ask for. Without credentials, an interactive
 * run offers the sandbox; an unattended one fails naming both fixes.
 */
export async function openFromFlags(flags: SessionOptions, options: OpenOptions): Promise<OpenSession> {
  const home = homeFrom(flags);
  const base = { sandbox: Boolean(flags.sandbox), sandboxAccount: flags.sandboxAccount, profile: flags.profile, region: flags.region, home };
  try {
    return await openSession(base);
  } catch (error) {
    const missing = error instanceof UserError && error.message === NO_CREDENTIALS_ERR;
    if (!flags.sandbox && (missing || isCredentialsMissing(error)) && options.interactive) {
      if (await askYesNo('No AWS credentials were found. Run on the local sandbox instead? [Y/n] ', true)) {
        return openSession({ ...base, sandbox: true });
      }
    }
    throw error;
  }
}

export async function askYesNo(question: string, fallback: boolean): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = (await rl.question(question)).trim().toLowerCase();
    if (answer === '') return fallback;
    return answer === 'y' || answer === 'yes';
  } finally {
    rl.close();
  }
}

/** True when the terminal wants no colour: NO_COLOR set (any value), or output is not a terminal. */
export function wantsNoColor(stream: NodeJS.WriteStream = process.stdout): boolean {
  return process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '' ? true : !stream.isTTY;
}
