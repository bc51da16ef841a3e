import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { UserError } from '../cli/errors.js';

/**
 * The home folder holds progress per account and region, logs, and the
 * sandbox's data. `$THEMEPARK_HOME` wins over `--home` (the documented
 * contract: a class machine can pin it for every learner), then
 * ~/.themepark-workshop.
 */
export function resolveHome(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (env.THEMEPARK_HOME) return resolve(env.THEMEPARK_HOME);
  if (flag) return resolve(flag);
  return join(homedir(), '.themepark-workshop');
}

/** Create the folder if needed and prove we can write to it, before any work starts. */
export function ensureHome(dir: string): string {
  let isFolder = false;
  try {
    isFolder = statSync(dir).isDirectory();
    if (!isFolder) {
      throw new UserError(`The home folder ${dir} is a file, not a folder.`, 'Pass a folder with --home DIR (or THEMEPARK_HOME).');
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    try {
      mkdirSync(dir, { recursive: true });
    } catch (cause) {
      throw new UserError(`Cannot create the home folder ${dir}: ${(cause as Error).message}.`, 'Pass a folder you can write to with --home DIR.');
    }
  }
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new UserError(`Cannot write to the home folder ${dir}.`, 'Pass a folder you can write to with --home DIR.');
  }
  return dir;
}
