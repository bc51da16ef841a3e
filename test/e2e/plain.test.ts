import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBinary } from '../helpers/binary.js';
import { tempHome } from '../helpers/fixture-workshop.js';

describe('the binary, unattended on the sandbox', () => {
  it('runs from the start to the end, one line per event, and exits 0', async () => {
    const home = tempHome();
    const result = await runBinary(['--sandbox', '--yes', '--scale', '0.01'], home);

    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/sandbox · account 000000000000 · us-east-1/);
    expect(result.stdout).toMatch(/✓ Credentials work: signed in as arn:aws:iam::000000000000:/);
    expect(result.stdout).toMatch(/All steps passed/);
    // No colour codes when NO_COLOR is set.
    expect(result.stdout).not.toMatch(/\u001b\[/);
    const progress = JSON.parse(readFileSync(join(home, 'progress', '000000000000-us-east-1.json'), 'utf8'));
    expect(progress.steps['before-you-start'].status).toBe('done');
    expect(readdirSync(join(home, 'logs')).length).toBe(1);
  });

  it('acts as another sandbox account with --sandbox-account, keeping its own progress', async () => {
    const home = tempHome();
    const result = await runBinary(['--sandbox', '--yes', '--sandbox-account', '111122223333', '--step', 'before-you-start', '--scale', '0.005'], home);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/account 111122223333/);
    const status = await runBinary(['status', '--sandbox', '--sandbox-account', '111122223333', '--json'], home);
    expect(JSON.parse(status.stdout)).toMatchObject({ account: '111122223333', done: expect.any(Number) });
    expect(JSON.parse(status.stdout).steps[0]).toMatchObject({ id: 'before-you-start', status: 'done' });
  });

  it('without credentials and without --sandbox, fails in one line naming both fixes', async () => {
    const result = await runBinary(['--yes', '--region', 'us-east-1'], tempHome());
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/No AWS credentials were found/);
    expect(result.stderr).toMatch(/--sandbox/);
    expect(result.stderr).toMatch(/aws sso login/);
    expect(result.stderr.trim().split('\n')).toHaveLength(2);
  });

  it('prints the AWS CLI equivalents with --show-commands', async () => {
    const result = await runBinary(['--sandbox', '--yes', '--show-commands', '--step', 'before-you-start', '--scale', '0.005'], tempHome());
    expect(result.stdout).toMatch(/\$ aws sts get-caller-identity/);
  });
});
