import { afterAll, describe, expect, test } from '@jest/globals';
import { createServer, type Server } from 'node:net';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs, runSandboxForeground } from '../../src/sandbox/foreground.js';
import { optionsFromEnv } from '../../src/sandbox/options.js';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { makeTempHome, removeHome } from './helpers.js';

function sink() {
  const lines: string[] = [];
  return { lines, write: (text: string) => lines.push(text) };
}

describe('running the sandbox in the foreground', () => {
  const homes: string[] = [];
  afterAll(async () => Promise.all(homes.map(removeHome)));

  test('prints one ready line, answers requests, and stops cleanly when aborted', async () => {
    const home = await makeTempHome();
    homes.push(home);
    const stdout = sink();
    const stderr = sink();
    const stop = new AbortController();
    let running: RunningSandbox | undefined;

    const exit = runSandboxForeground({
      argv: ['--home', home, '--port', '0'],
      env: { THEMEPARK_SANDBOX_TIME_SCALE: '30' },
      stdout,
      stderr,
      stop: stop.signal,
      onReady: (sandbox) => {
        running = sandbox;
        stop.abort();
      },
    });

    expect(await exit).toBe(0);
    expect(stderr.lines).toEqual([]);
    expect(stdout.lines).toHaveLength(1);
    const ready = JSON.parse(stdout.lines[0]!);
    expect(ready).toEqual({ ready: true, endpoint: `http://127.0.0.1:${ready.port}`, port: ready.port });
    expect(ready.port).toBeGreaterThan(0);
    expect(running?.state.timeScale).toBe(30);
    // Closed: the port no longer answers.
    await expect(fetch(ready.endpoint)).rejects.toThrow();
    expect(await readFile(join(home, 'requests.log'), 'utf8')).toBe('');
  });

  test('a port already in use is one line on stderr and exit code 2', async () => {
    const home = await makeTempHome();
    homes.push(home);
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const stdout = sink();
    const stderr = sink();
    try {
      const code = await runSandboxForeground({
        argv: ['--home', home, '--port', String(port)],
        env: {},
        stdout,
        stderr,
        stop: new AbortController().signal,
      });
      expect(code).toBe(2);
      expect(stdout.lines).toEqual([]);
      expect(stderr.lines).toEqual([
        `sandbox: port ${port} is already in use on 127.0.0.1; choose another with --port\n`,
      ]);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  test('bad arguments and bad environment values are exit code 2 with the reason', async () => {
    const stderr = sink();
    const run = (argv: string[], env: NodeJS.ProcessEnv = {}) =>
      runSandboxForeground({ argv, env, stdout: sink(), stderr, stop: new AbortController().signal });

    expect(await run(['--port', '1'])).toBe(2);
    expect(stderr.lines.join('')).toContain('--home DIR is required');
    expect(await run(['--home', '/tmp/x', '--port', 'abc'])).toBe(2);
    expect(stderr.lines.join('')).toContain('--port must be a whole number');
    expect(await run(['--home', '/tmp/x'], { THEMEPARK_SANDBOX_TIME_SCALE: 'fast' })).toBe(2);
    expect(stderr.lines.join('')).toContain('THEMEPARK_SANDBOX_TIME_SCALE must be a positive number');
  });

  test('parses --home=DIR and rejects unknown flags', () => {
    expect(parseArgs(['--home=/a b', '--port=8080'])).toEqual({ home: '/a b', port: 8080 });
    expect(() => parseArgs(['--home', 'h', '--verbose'])).toThrow('unknown argument "--verbose"');
  });

  test('optionsFromEnv passes the other services\' variables through raw', () => {
    expect(
      optionsFromEnv({
        THEMEPARK_SANDBOX_QUOTA: ' 10,5,1 ',
        THEMEPARK_SANDBOX_FAULTS: 'throttle=0.1',
        THEMEPARK_SANDBOX_QUICKSIGHT: 'unsubscribed',
        THEMEPARK_SANDBOX_TIME_SCALE: '',
      }),
    ).toEqual({ quota: '10,5,1', faults: 'throttle=0.1', quickSight: 'unsubscribed' });
    expect(() => optionsFromEnv({ THEMEPARK_SANDBOX_TIME_SCALE: '-1' })).toThrow(/^THEMEPARK_SANDBOX_TIME_SCALE/);
  });
});
