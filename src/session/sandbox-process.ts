/**
 * Runs the embedded sandbox as a child process: its work (parsing batches,
 * writing objects) runs on the second core, and a crash in it cannot take
 * the terminal UI down with it. The child prints one JSON line when it
 * listens; it exits when its stdin closes, so it never outlives the runner,
 * even after kill -9.
 */
import { execa, type ResultPromise } from 'execa';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { UserError } from '../cli/errors.js';

export interface SandboxProcess {
  endpoint: string;
  /** The child's process id, for benchmarks that read its memory. */
  pid: number | undefined;
  stop(): Promise<void>;
}

export interface SandboxProcessProps {
  /** Folder for the sandbox's data, under the home folder. */
  dataDir: string;
  /** Environment for the child: time scale, quota and faults settings pass through. */
  env?: NodeJS.ProcessEnv;
  /** @default the built entry next to this file, dist/sandbox/main.js */
  entry?: string;
  /** @default 15000 */
  startTimeoutMs?: number;
}

const READY_TIMEOUT_ERR = 'The sandbox did not start within 15 seconds.';

export async function startSandboxProcess(props: SandboxProcessProps): Promise<SandboxProcess> {
  const entry = props.entry ?? fileURLToPath(new URL('../sandbox/main.js', import.meta.url));
  const child: ResultPromise = execa(process.execPath, [entry, '--home', props.dataDir, '--port', '0'], {
    env: { ...props.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    stdin: 'pipe',
    stdout: 'pipe',
    stderr: 'pipe',
    reject: false,
    cleanup: true,
    buffer: false,
  });

  let stderrTail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString()).slice(-2000);
  });

  const endpoint = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new UserError(READY_TIMEOUT_ERR, 'Run again with --debug, or start it alone with: themepark-workshop sandbox'));
    }, props.startTimeoutMs ?? 15000);
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      lines.close();
      try {
        const ready = JSON.parse(line) as { ready?: boolean; endpoint?: string };
        if (ready.ready && ready.endpoint) return resolve(ready.endpoint);
      } catch {
        // fall through to the error below
      }
      reject(new Error(`The sandbox printed an unexpected first line: ${line.slice(0, 200)}`));
    });
    child.then((result) => {
      clearTimeout(timer);
      const why = stderrTail.trim().split('\n').pop() || `exit code ${result.exitCode}`;
      reject(new UserError(`The sandbox stopped before it was ready: ${why}`, 'Run again with --debug for details.'));
    });
  });

  // Keep draining stdout so the child never blocks on a full pipe.
  child.stdout?.resume();

  let stopped: Promise<void> | undefined;
  return {
    endpoint,
    pid: child.pid,
    stop() {
      stopped ??= (async () => {
        child.stdin?.end();
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await child;
        clearTimeout(timer);
      })();
      return stopped;
    },
  };
}
