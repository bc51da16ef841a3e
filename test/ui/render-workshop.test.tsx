import { describe, expect, it } from '@jest/globals';
import { EventEmitter } from 'node:events';

import { renderWorkshop, type RenderWorkshopOptions } from '../../src/ui/index.js';
import { FakeController, SAMPLE_SECTIONS, type FakeSection } from './fake-controller.js';
import { KEYS, tick, until } from './harness.js';

/** A terminal-like pair of streams: enough for Ink to draw and to read keys in raw mode. */
function fakeTerminal(columns = 100, rows = 40) {
  const stdout = Object.assign(new EventEmitter(), {
    columns,
    rows,
    isTTY: true,
    output: [] as string[],
    write(chunk: string) {
      stdout.output.push(chunk);
      return true;
    },
  });
  const stdin = Object.assign(new EventEmitter(), {
    isTTY: true,
    rawMode: false,
    pending: [] as string[],
    setRawMode(on: boolean) {
      stdin.rawMode = on;
    },
    setEncoding() {},
    resume() {},
    pause() {},
    ref() {},
    unref() {},
    read() {
      return stdin.pending.shift() ?? null;
    },
  });
  const press = async (key: string) => {
    stdin.pending.push(key);
    stdin.emit('readable');
    await tick();
  };
  const streams = { stdout, stdin, stderr: stdout } as unknown as RenderWorkshopOptions['streams'];
  return { stdout, stdin, press, streams };
}

function allDone(): FakeSection[] {
  return SAMPLE_SECTIONS.map((section) => ({
    ...section,
    steps: section.steps.map((step) => ({ ...step, status: 'done' as const })),
  }));
}

describe('renderWorkshop', () => {
  it('resolves with quit when the learner presses q, and gives the terminal back', async () => {
    const terminal = fakeTerminal();
    const controller = new FakeController();
    const exit = renderWorkshop(controller, { noColor: true, streams: terminal.streams, frameMs: 10 });
    await until(() => terminal.stdin.rawMode, 'raw mode');

    await terminal.press('q');

    await expect(exit).resolves.toEqual({ reason: 'quit', allPassed: false });
    expect(terminal.stdin.rawMode).toBe(false);
    expect(controller.listenerCount).toBe(0);
  });

  it('prints a finished line once, however many live frames follow it', async () => {
    const terminal = fakeTerminal();
    const controller = new FakeController();
    controller.holdRuns = true;
    const exit = renderWorkshop(controller, { noColor: true, streams: terminal.streams, frameMs: 10 });
    await until(() => terminal.stdin.rawMode, 'raw mode');
    await terminal.press(KEYS.enter);

    controller.emit('Created bucket theme-park-data-123', 'success');
    for (let minute = 1; minute <= 20; minute += 1) {
      controller.emitLive('send', { clockMinute: minute * 30, clock: `tick-${minute}` });
      await tick(15);
    }
    await until(() => terminal.stdout.output.join('').includes('tick-20'), 'the last live frame');

    // Ink rewrites the live region on every frame; a line in <Static> is written to the terminal once.
    const written = terminal.stdout.output.join('');
    expect(written.split('Created bucket theme-park-data-123').length - 1).toBe(1);
    expect(written.split('Analyzing visitor stats').length - 1).toBeGreaterThan(1);

    controller.finish();
    await until(() => terminal.stdout.output.join('').includes('found region'), 'the outcome');
    await terminal.press('q');
    await expect(exit).resolves.toMatchObject({ reason: 'quit' });
  });

  it('resolves with finished from the end screen, and reports that every step passed', async () => {
    const terminal = fakeTerminal();
    const exit = renderWorkshop(new FakeController(allDone()), {
      noColor: true,
      streams: terminal.streams,
      frameMs: 10,
    });
    await until(() => terminal.stdin.rawMode, 'raw mode');
    expect(terminal.stdout.output.join('')).toContain('themepark-workshop cleanup');

    await terminal.press(KEYS.enter);

    await expect(exit).resolves.toEqual({ reason: 'finished', allPassed: true });
  });

  it('waits for a cancelled action to stop before it leaves', async () => {
    const terminal = fakeTerminal();
    const controller = new FakeController();
    controller.holdRuns = true;
    let settled = false;
    const exit = renderWorkshop(controller, {
      noColor: true,
      streams: terminal.streams,
      frameMs: 10,
    }).finally(() => {
      settled = true;
    });
    await until(() => terminal.stdin.rawMode, 'raw mode');

    // Given a running action, when the learner quits and confirms, the action is cancelled ...
    await terminal.press(KEYS.enter);
    await terminal.press(KEYS.ctrlC);
    expect(controller.callsOf('cancel')).toHaveLength(1);
    await terminal.press('y');
    await until(() => terminal.stdout.output.join('').includes('Stopping the action'), 'the stopping notice');
    // ... and the app stays until the action has actually stopped.
    expect(settled).toBe(false);

    controller.finish({ stepId: 'region', status: 'pending', checks: [], error: 'cancelled' });
    await expect(exit).resolves.toEqual({ reason: 'quit', allPassed: false });
  });

  it('leaves at once on a second Ctrl-C while the action is stopping', async () => {
    const terminal = fakeTerminal();
    const controller = new FakeController();
    controller.holdRuns = true;
    const exit = renderWorkshop(controller, { noColor: true, streams: terminal.streams, frameMs: 10 });
    await until(() => terminal.stdin.rawMode, 'raw mode');

    await terminal.press(KEYS.enter);
    await terminal.press(KEYS.ctrlC);
    await terminal.press(KEYS.ctrlC);

    await expect(exit).resolves.toEqual({ reason: 'quit', allPassed: false });
  });

  it('reports an unexpected exception in the result after the error screen', async () => {
    const terminal = fakeTerminal();
    const controller = new FakeController();
    controller.holdRuns = true;
    const exit = renderWorkshop(controller, { noColor: true, streams: terminal.streams, frameMs: 10 });
    await until(() => terminal.stdin.rawMode, 'raw mode');

    await terminal.press(KEYS.enter);
    controller.explode(new Error('engine bug'));
    await until(() => terminal.stdout.output.join('').includes('engine bug'), 'the error screen');
    // The error screen starts listening a moment after it is drawn; keep pressing q until it hears.
    let done = false;
    void exit.then(() => (done = true));
    for (let tries = 0; !done && tries < 100; tries += 1) await terminal.press('q');

    const result = await exit;
    expect(result.reason).toBe('quit');
    expect(result.allPassed).toBe(false);
    expect(result.error?.message).toBe('engine bug');
  });

  it('stacks a strip of steps above the text on a narrow terminal', async () => {
    const terminal = fakeTerminal(70);
    const exit = renderWorkshop(new FakeController(), {
      noColor: true,
      streams: terminal.streams,
      frameMs: 10,
    });
    await until(() => terminal.stdout.output.join('').includes('The region holds it all.'), 'the step text');

    const written = terminal.stdout.output.join('');
    expect(written).toContain('Step 1 of 3 · The delivery stream');
    expect(written).not.toContain('│ Steps');
    expect(written).toContain('q quit');

    await terminal.press('q');
    await exit;
  });

  it('keeps the screen shorter than a classic 80x24 terminal when the outcome is long', async () => {
    const terminal = fakeTerminal(80, 24);
    const long = Array.from({ length: 40 }, (_, i) => `Paragraph ${i + 1}.`).join('\n\n');
    const controller = new FakeController([
      { id: 'one', title: 'One', steps: [{ id: 'deploy', title: 'Deploy', markdown: long }] },
    ]);
    const detail =
      'theme-park-streaming-data is ACTIVE, delivering to s3://theme-park-data-000000000000-us-east-1';
    controller.nextOutcome = (stepId) => ({
      stepId,
      status: 'failed',
      checks: ['stack', 'stream', 'bucket', 'policy', 'role'].map((id) => ({
        id,
        step: stepId,
        title: `${id} is ready`,
        ok: id !== 'bucket',
        detail,
      })),
    });
    const exit = renderWorkshop(controller, { noColor: true, streams: terminal.streams, frameMs: 10 });
    await until(() => terminal.stdout.output.join('').includes('Paragraph 1.'), 'the step text');

    await terminal.press(KEYS.enter);
    await until(
      () => terminal.stdout.output.some((chunk) => chunk.includes('bucket is ready')),
      'the outcome',
    );

    // Ink clears the whole terminal on every frame once its output reaches the terminal's height.
    const frame = terminal.stdout.output.filter((chunk) => chunk.includes('bucket is ready')).at(-1)!;
    expect(frame.split('\n').length).toBeLessThan(24);
    expect(frame).toContain('✗ bucket is ready');

    await terminal.press('q');
    await exit;
  });
});
