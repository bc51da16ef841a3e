import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { captureOutput } from '../helpers/capture.js';
import { tempHome } from '../helpers/fixture-workshop.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

describe('command line', () => {
  it('documents every command and flag in --help, exiting 0', async () => {
    const { result, stdout } = await captureOutput(() => main(['--help']));
    expect(result).toBe(0);
    for (const word of ['--sandbox', '--profile', '--region', '--step', '--yes', '--home', '--debug', '--scale', '--seed', 'status', 'sandbox', 'verify', 'cleanup', 'simulate', 'insights']) {
      expect(stdout).toContain(word);
    }
  });

  it('prints the version', async () => {
    const { result, stdout } = await captureOutput(() => main(['--version']));
    expect(result).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  const usageErrors: Array<[string, string[], RegExp]> = [
    ['an unknown flag', ['--sandbx'], /unknown option '--sandbx'/],
    ['a flag missing its value', ['--region'], /argument missing/],
    ['a scale out of range', ['--scale', '3'], /between 0 and 1/],
    ['a seed that is not a number', ['--seed', 'abc'], /whole number/],
    ['a bad sandbox account', ['--sandbox-account', '12'], /12-digit/],
    ['a bad sandbox port', ['sandbox', '--port', 'x'], /port from 0/],
    ['an unknown sub-command flag', ['status', '--jsn'], /unknown option '--jsn'/],
    ['an unknown time zone for insights', ['insights', '--sandbox', '--time-zone', 'Mars/Base'], /Unknown time zone "Mars\/Base"/],
    ['simulate with no destination', ['simulate'], /exactly one destination/],
    ['verify with a bad concurrency', ['verify', '--concurrency', '0'], /from 1 to 64/],
  ];
  it.each(usageErrors)('rejects %s with one line and exit code 2', async (_name, argv, expected) => {
    const { result, stderr } = await captureOutput(() => main(argv));
    expect(result).toBe(2);
    expect(stderr).toMatch(expected);
    expect(stderr).toMatch(/--help/);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
  });

  it('rejects an unknown step id with exit code 2 and the list of ids', async () => {
    const { result, stderr } = await captureOutput(() => main(['--sandbox', '--yes', '--step', 'no-such-step', '--home', tempHome()]));
    expect(result).toBe(2);
    expect(stderr).toMatch(/There is no step "no-such-step"/);
    expect(stderr).toMatch(/before-you-start/);
  });

  it('refuses a --home that is a file, saying what to do, exit 1', async () => {
    const file = join(tempHome(), 'not-a-folder');
    writeFileSync(file, 'x');
    const saved = process.env.THEMEPARK_HOME;
    delete process.env.THEMEPARK_HOME;
    try {
      const { result, stderr } = await captureOutput(() => main(['status', '--sandbox', '--home', file]));
      expect(result).toBe(1);
      expect(stderr).toMatch(/is a file, not a folder/);
      expect(stderr).toMatch(/--home DIR/);
      expect(stderr).not.toMatch(/\n\s+at /);
    } finally {
      if (saved !== undefined) process.env.THEMEPARK_HOME = saved;
    }
  });

  it('refuses a --home it cannot create', async () => {
    const file = join(tempHome(), 'a-file');
    writeFileSync(file, 'x');
    const { result, stderr } = await captureOutput(() => main(['status', '--sandbox', '--home', join(file, 'below')]));
    expect(result).toBe(1);
    expect(stderr).toMatch(/Cannot create the home folder/);
  });
});
