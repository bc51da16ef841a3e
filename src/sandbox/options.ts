/**
 * How a sandbox is configured: by the caller in code, or by THEMEPARK_SANDBOX_*
 * variables when the runner spawns it as a child process.
 */
import { parseFaults, parseQuota } from './firehose/settings.js';
import { parseQuickSightSetting } from './quicksight/settings.js';

export interface SandboxOptions {
  /** The sandbox's data folder: state documents, object bodies, the request log. */
  home: string;
  /**
   * Port on 127.0.0.1.
   * @default 0, any free port
   */
  port?: number;
  /**
   * How much faster than real time simulated waits run: a 60 s Firehose buffer
   * interval waits 60 / timeScale seconds.
   * @default 1
   */
  timeScale?: number;
  /**
   * THEMEPARK_SANDBOX_QUOTA as written; the Firehose service parses it.
   * @default the real service's quotas
   */
  quota?: string;
  /**
   * THEMEPARK_SANDBOX_FAULTS as written; the Firehose service parses it.
   * @default no injected faults
   */
  faults?: string;
  /**
   * THEMEPARK_SANDBOX_QUICKSIGHT as written; the QuickSight service parses it.
   * @default QuickSight's own defaults
   */
  quickSight?: string;
}

/** The options that can come from the environment; `home` and `port` come from flags. */
export type EnvOptions = Pick<SandboxOptions, 'timeScale' | 'quota' | 'faults' | 'quickSight'>;

/**
 * Reads THEMEPARK_SANDBOX_* variables. Throws an Error whose one-line message
 * names the variable and the form it expects, so a typo never silently falls
 * back to a default.
 */
export function optionsFromEnv(env: NodeJS.ProcessEnv): EnvOptions {
  const options: EnvOptions = {};

  const timeScale = env.THEMEPARK_SANDBOX_TIME_SCALE;
  if (timeScale !== undefined && timeScale.trim() !== '') {
    options.timeScale = parseTimeScale(timeScale);
  }

  // Parsed by src/sandbox/firehose/ (owned by the Firehose service); passed through raw here.
  // THEMEPARK_SANDBOX_FAULT_SEED travels inside the faults text as seed=N.
  // Checked here as well, so a typo stops the start with one line and exit 2, not a stack trace.
  const quota = nonEmpty(env.THEMEPARK_SANDBOX_QUOTA);
  if (quota !== undefined) {
    parseQuota(quota);
    options.quota = quota;
  }
  const faults = nonEmpty(env.THEMEPARK_SANDBOX_FAULTS);
  const faultSeed = nonEmpty(env.THEMEPARK_SANDBOX_FAULT_SEED);
  if (faults !== undefined) {
    options.faults = faultSeed === undefined ? faults : `${faults},seed=${faultSeed}`;
    parseFaults(options.faults);
  }

  // Owned by src/sandbox/quicksight/settings.ts; parsed here too so a typo stops the start with its usage line.
  const quickSight = nonEmpty(env.THEMEPARK_SANDBOX_QUICKSIGHT);
  if (quickSight !== undefined) {
    parseQuickSightSetting(quickSight);
    options.quickSight = quickSight;
  }

  return options;
}

function parseTimeScale(raw: string): number {
  const value = Number(raw.trim());
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(
      `THEMEPARK_SANDBOX_TIME_SCALE must be a positive number such as 1 or 60 (got ${JSON.stringify(raw)})`,
    );
  }
  return value;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** Parses a `--port` value: an integer 0–65535. */
export function parsePort(raw: string): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value > 65535) {
    throw new Error(`--port must be a whole number from 0 to 65535 (got ${JSON.stringify(raw)})`);
  }
  return value;
}
