/** `themepark-workshop sandbox`: the local cloud on its own, for the AWS CLI or another runner. */
import { join } from 'node:path';
import { homeFrom } from './context.js';
import { DEFAULT_SANDBOX_ACCOUNT, DEFAULT_SANDBOX_REGION } from '../session/open.js';

export async function runSandbox(flags: { port: number; home?: string }): Promise<number> {
  const home = homeFrom(flags);
  const { runSandboxForeground } = await import('../sandbox/foreground.js');
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await runSandboxForeground({
      argv: ['--home', join(home, 'sandbox'), '--port', String(flags.port)],
      env: process.env,
      stop: stop.signal,
      stderr: process.stderr,
      stdout: {
        write(text: string) {
          const ready = JSON.parse(text) as { endpoint: string };
          process.stdout.write(readyMessage(ready.endpoint, join(home, 'sandbox')));
        },
      },
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function readyMessage(endpoint: string, dataDir: string): string {
  return `The themepark sandbox is listening on ${endpoint} (data in ${dataDir}).

Point the AWS CLI at it in another terminal:

  export AWS_ENDPOINT_URL=${endpoint}
  export AWS_ACCESS_KEY_ID=${DEFAULT_SANDBOX_ACCOUNT}   # a 12-digit key id acts as that account
  export AWS_SECRET_ACCESS_KEY=sandbox
  export AWS_REGION=${DEFAULT_SANDBOX_REGION}
  aws sts get-caller-identity
  aws s3 ls        # an IP-address endpoint makes the CLI use path-style S3, as the sandbox needs

Press Ctrl-C to stop it; its state stays on disk for next time.
`;
}
