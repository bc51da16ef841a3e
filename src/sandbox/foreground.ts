/**
 * Runs a sandbox until told to stop: the body of `node dist/sandbox/main.js`
 * and of the CLI's `sandbox` sub-command. Prints exactly one JSON line to
 * stdout when listening, so a parent process can wait for it:
 *
 *   {"ready":true,"endpoint":"http://127.0.0.1:PORT","port":PORT}
 */
import { optionsFromEnv, parsePort, type SandboxOptions } from './options.js';
import { SandboxPortInUseError, startSandbox, type RunningSandbox, type StartExtras } from './server.js';

export interface ForegroundIo {
  /** Command-line arguments after the script: `--home DIR [--port N]`. */
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Aborting it closes the sandbox (flushing state) and ends the run. */
  stop: AbortSignal;
  /** Called once listening, for callers that want the running handle (tests). */
  onReady?: (sandbox: RunningSandbox) => void;
  extras?: StartExtras;
}

export const USAGE = 'usage: sandbox --home DIR [--port N]';

/** Exit code: 0 after a clean stop, 2 for bad arguments, a bad environment or a taken port. */
export async function runSandboxForeground(io: ForegroundIo): Promise<number> {
  let options: SandboxOptions;
  try {
    options = { ...parseArgs(io.argv), ...optionsFromEnv(io.env) };
  } catch (error) {
    io.stderr.write(`sandbox: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }

  let sandbox: RunningSandbox;
  try {
    sandbox = await startSandbox(options, io.extras);
  } catch (error) {
    if (error instanceof SandboxPortInUseError) {
      io.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }

  io.stdout.write(`${JSON.stringify({ ready: true, endpoint: sandbox.endpoint, port: sandbox.port })}\n`);
  io.onReady?.(sandbox);
  if (!io.stop.aborted) await new Promise((resolve) => io.stop.addEventListener('abort', resolve, { once: true }));
  await sandbox.close();
  return 0;
}

/** `--home DIR` (required) and `--port N`; also accepts `--home=DIR`. */
export function parseArgs(argv: readonly string[]): Pick<SandboxOptions, 'home' | 'port'> {
  let home: string | undefined;
  let port: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--home') home = value();
    else if (flag === '--port') port = parsePort(value());
    else throw new Error(`unknown argument ${JSON.stringify(argv[i])}`);
  }
  if (!home) throw new Error('--home DIR is required');
  return port === undefined ? { home } : { home, port };
}
