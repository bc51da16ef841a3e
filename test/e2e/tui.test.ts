/**
 * Drives the real binary in a real terminal (tmux), as a learner would:
 * the app draws, Enter runs the first step, q quits, and the progress is
 * saved for the next run.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { BINARY } from '../helpers/binary.js';
import { tempHome } from '../helpers/fixture-workshop.js';

const hasTmux = (() => {
  try {
    execFileSync('tmux', ['-V']);
    return true;
  } catch {
    return false;
  }
})();

const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });
const screen = (session: string) => tmux('capture-pane', '-p', '-t', session);

async function waitFor(session: string, pattern: RegExp, timeoutMs = 30000): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const text = screen(session);
    if (pattern.test(text)) return text;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${pattern}; the screen was:\n${text}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Starts the app on the sandbox in a 120x40 tmux window; returns the file its exit code lands in. */
function startApp(session: string, home: string, args = '--sandbox'): string {
  const exitFile = join(home, 'exit-code');
  const command =
    `env -u AWS_PROFILE -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY -u AWS_SESSION_TOKEN THEMEPARK_HOME=${home} ` +
    `THEMEPARK_SANDBOX_TIME_SCALE=200 AWS_CONFIG_FILE=/nonexistent AWS_SHARED_CREDENTIALS_FILE=/nonexistent AWS_EC2_METADATA_DISABLED=true ` +
    `${process.execPath} ${BINARY} ${args}; echo $? > ${exitFile}; sleep 60`;
  tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '40', command);
  return exitFile;
}

async function exitCodeOf(exitFile: string): Promise<string> {
  const until = Date.now() + 15000;
  while (!existsSync(exitFile) && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
  return readFileSync(exitFile, 'utf8').trim();
}

(hasTmux ? describe : describe.skip)('the binary in a terminal', () => {
  const session = `themepark-${process.pid}`;
  afterEach(() => {
    try {
      tmux('kill-session', '-t', session);
    } catch {
      // already gone
    }
  });

  it('shows the steps, runs one on Enter, and quits on q with progress saved', async () => {
    const home = tempHome();
    const exitFile = startApp(session, home);

    const first = await waitFor(session, /Who and where you are/);
    expect(first).toMatch(/Deploy the delivery stream/);
    expect(first).toMatch(/q quit/);

    tmux('send-keys', '-t', session, 'Enter');
    await waitFor(session, /all 2 checks pass/);

    tmux('send-keys', '-t', session, 'q');
    expect(await exitCodeOf(exitFile)).toBe('0');
    const progress = JSON.parse(readFileSync(join(home, 'progress', '000000000000-us-east-1.json'), 'utf8'));
    expect(progress.steps['before-you-start'].status).toBe('done');
  });

  it('offers cleanup with x, which asks first and then removes everything', async () => {
    const home = tempHome();
    const exitFile = startApp(session, home);
    await waitFor(session, /q quit/);

    tmux('send-keys', '-t', session, 'x');
    await waitFor(session, /Remove all of it\? \[y\/N\]/);
    tmux('send-keys', '-t', session, 'y', 'Enter');
    await waitFor(session, /Everything the module created is gone/);
    expect(await exitCodeOf(exitFile)).toBe('0');
  });

  it('without credentials, offers the sandbox and opens it on Enter', async () => {
    const home = tempHome();
    const exitFile = startApp(session, home, '--region us-east-1');
    await waitFor(session, /No AWS credentials were found\. Run on the local sandbox instead\? \[Y\/n\]/);
    tmux('send-keys', '-t', session, 'Enter');
    await waitFor(session, /sandbox · account 000000000000/);
    tmux('send-keys', '-t', session, 'q');
    expect(await exitCodeOf(exitFile)).toBe('0');
  });
});
