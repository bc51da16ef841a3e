/**
 * Runs the built binary (npm test builds dist/ first) the way a learner or
 * CI would, with a fresh home folder and a fast sandbox clock.
 */
import { execa, type Options } from 'execa';
import { fileURLToPath } from 'node:url';

export const BINARY = fileURLToPath(new URL('../../bin/themepark-workshop.js', import.meta.url));

export function binaryEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    THEMEPARK_HOME: home,
    THEMEPARK_SANDBOX_TIME_SCALE: '200',
    NO_COLOR: '1',
    // The runner must not find the developer's own credentials or config.
    AWS_PROFILE: '',
    AWS_ACCESS_KEY_ID: '',
    AWS_SECRET_ACCESS_KEY: '',
    AWS_CONFIG_FILE: '/nonexistent',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extra,
  };
}

export interface BinaryResult {
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
}

export async function runBinary(
  args: string[],
  home: string,
  options: Pick<Options, 'timeout' | 'cwd'> & { extraEnv?: Record<string, string> } = {},
): Promise<BinaryResult> {
  const result = await execa(process.execPath, [BINARY, ...args], {
    env: binaryEnv(home, options.extraEnv),
    reject: false,
    stdin: 'ignore',
    timeout: options.timeout ?? 120_000,
    cwd: options.cwd,
  });
  return { exitCode: result.exitCode, stdout: String(result.stdout), stderr: String(result.stderr) };
}
