/**
 * Starting an in-process sandbox on a free port with a temporary home, and
 * SDK clients pointed at it, for the sandbox suites.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type RunningSandbox, type StartExtras } from '../../src/sandbox/server.js';
import type { SandboxOptions } from '../../src/sandbox/options.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export const TEST_ACCOUNT = '123456789012';

export async function makeTempHome(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'sandbox-test-'));
}

export async function removeHome(home: string): Promise<void> {
  await rm(home, { recursive: true, force: true });
}

/** A sandbox in a fresh temporary home (or `home` when given). */
export async function startTestSandbox(
  options: Partial<SandboxOptions> = {},
  extras: StartExtras = {},
): Promise<RunningSandbox & { home: string }> {
  const home = options.home ?? (await makeTempHome());
  const sandbox = await startSandbox({ port: 0, ...options, home }, extras);
  return Object.assign(sandbox, { home });
}

/** Client settings for any SDK v3 client: this sandbox, a fixed region, these keys. */
export function clientConfig(sandbox: RunningSandbox, accessKeyId = TEST_ACCOUNT, region = 'eu-west-1') {
  return {
    endpoint: sandbox.endpoint,
    region,
    credentials: { accessKeyId, secretAccessKey: 'sandbox-secret' },
    maxAttempts: 1,
  };
}
