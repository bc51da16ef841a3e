/**
 * `themepark-workshop sandbox` on its own: it says where it listens and how
 * to point the AWS CLI at it, answers the SDK there, and stops cleanly on
 * Ctrl-C with its state kept.
 */
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { BINARY, binaryEnv } from '../helpers/binary.js';
import { tempHome } from '../helpers/fixture-workshop.js';

describe('the sandbox command', () => {
  it('prints the endpoint and the variables, serves the SDK, and stops on SIGINT', async () => {
    const home = tempHome();
    const child = execa(process.execPath, [BINARY, 'sandbox', '--port', '0'], { env: binaryEnv(home), reject: false, stdin: 'ignore' });
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ready message; got: ${output}`)), 30_000);
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ctrl-C')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    const endpoint = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
    expect(endpoint).toBeDefined();
    expect(output).toContain(`export AWS_ENDPOINT_URL=${endpoint}`);
    expect(output).toContain('export AWS_ACCESS_KEY_ID=000000000000');

    const sts = new STSClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: '444455556666', secretAccessKey: 'x' } });
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    sts.destroy();
    expect(identity.Account).toBe('444455556666');

    child.kill('SIGINT');
    const result = await child;
    expect(result.exitCode).toBe(0);
    expect(existsSync(join(home, 'sandbox', 'requests.log'))).toBe(true);
  });
});
