import { afterEach, describe, expect, it } from '@jest/globals';
import { cleanup } from 'ink-testing-library';

import { CODES } from '../../src/engine/codes.js';

import { FakeController, SAMPLE_SECTIONS, type FakeSection } from './fake-controller.js';
import { countOf, KEYS, renderApp, tick } from './harness.js';

afterEach(() => cleanup());

/** The sample workshop with the first `done` steps already done. */
function sectionsWithDone(done: number): FakeSection[] {
  let index = 0;
  return SAMPLE_SECTIONS.map((section) => ({
    ...section,
    steps: section.steps.map((step) => ({ ...step, status: index++ < done ? 'done' : 'pending' })),
  }));
}

describe('the workshop screen', () => {
  it('shows the title, where it runs, the steps and the current step text', async () => {
    const app = await renderApp(new FakeController());

    const frame = await app.waitFor((f) => f.includes('The region holds it all.'));
    expect(frame).toContain('Analyzing visitor stats');
    expect(frame).toContain('sandbox · us-east-1');
    expect(frame).toContain('1 The delivery stream');
    expect(frame).toContain('2 The simulator');
    expect(frame).toContain('› ○ Pick a region');
    expect(frame).toContain('1.1  Pick a region');
  });

  it('opens the first unfinished step, or the one asked for', async () => {
    const resumed = await renderApp(new FakeController(sectionsWithDone(1)));
    expect(await resumed.waitFor((f) => f.includes('1.2  Deploy the stream'))).toContain(
      '› ○ Deploy the stream',
    );
    resumed.unmount();

    const chosen = await renderApp(new FakeController(), { startStepId: 'send' });
    expect(await chosen.waitFor((f) => f.includes('2.1  Send a park day'))).toContain('one day');
  });

  it('runs the current step on Enter and shows each check with its detail', async () => {
    const controller = new FakeController();
    const app = await renderApp(controller);

    await app.press(KEYS.enter);

    const frame = await app.waitFor((f) => f.includes('found region'));
    expect(controller.callsOf('run')).toEqual([{ method: 'run', stepId: 'region' }]);
    expect(frame).toContain('✓ region exists');
    expect(frame).toContain('› ✓ Pick a region');
    expect(frame).toContain('Done: the check passes');
  });

  it('shows a failed check and the action error with a hint', async () => {
    const controller = new FakeController();
    controller.nextOutcome = (stepId) => ({
      stepId,
      status: 'failed',
      error: 'AccessDenied: not allowed to create roles',
      checks: [
        { id: 'c', step: stepId, title: 'Role exists', ok: false, detail: 'No role theme-park-firehose' },
      ],
    });
    const app = await renderApp(controller);

    await app.press('r');

    const frame = await app.waitFor((f) => f.includes('No role theme-park-firehose'));
    expect(frame).toContain('✗ Role exists');
    expect(frame).toContain('AccessDenied: not allowed to create roles');
    expect(frame).toContain('press c to check again');
  });

  it('re-checks the selected step on c', async () => {
    const controller = new FakeController();
    const app = await renderApp(controller);

    await app.press('c');

    await app.waitFor((f) => f.includes('found region'));
    expect(controller.callsOf('check')).toEqual([{ method: 'check', stepId: 'region' }]);
    expect(controller.callsOf('run')).toEqual([]);
  });

  it('asks before skipping, and skips only on y', async () => {
    const controller = new FakeController();
    const app = await renderApp(controller);

    // Given the prompt, when the learner says no, nothing is skipped.
    await app.press('s');
    expect(await app.waitFor((f) => f.includes('Skip'))).toContain(
      'Skip Pick a region? The checks will still report it. y/n',
    );
    await app.press('n');
    expect(app.frame()).not.toContain('Skip Pick a region?');
    expect(controller.callsOf('skip')).toEqual([]);

    // When the learner says yes, the step is skipped and the next one is selected.
    await app.press('s');
    await app.press('y');
    expect(controller.callsOf('skip')).toEqual([{ method: 'skip', stepId: 'region' }]);
    const frame = await app.waitFor((f) => f.includes('1.2  Deploy the stream'));
    expect(frame).toContain('↷ Pick a region');
  });

  it('moves between steps with the arrows and n/b, and runs the selected one', async () => {
    const controller = new FakeController();
    const app = await renderApp(controller);

    await app.press(KEYS.right);
    await app.waitFor((f) => f.includes('1.2  Deploy the stream'));
    await app.press('n');
    await app.waitFor((f) => f.includes('2.1  Send a park day'));
    await app.press('b');
    await app.press(KEYS.left);
    await app.waitFor((f) => f.includes('1.1  Pick a region'));
    await app.press(KEYS.right);
    await app.press(KEYS.enter);

    await app.waitFor((f) => f.includes('found deploy'));
    expect(controller.callsOf('run')).toEqual([{ method: 'run', stepId: 'deploy' }]);
  });

  it('shows the commands on ? and the text again on h', async () => {
    const controller = new FakeController();
    const app = await renderApp(controller, { startStepId: 'deploy' });
    await app.waitFor((f) => f.includes('Firehose writes to theme-park-data.'));

    await app.press('?');
    const frame = await app.waitFor((f) => f.includes('aws cloudformation deploy'));
    expect(frame).toContain('AWS CLI · 1.2  Deploy the stream');
    expect(frame).not.toContain('Firehose writes to');
    expect(controller.callsOf('commands')).toContainEqual({ method: 'commands', stepId: 'deploy' });

    await app.press('h');
    expect(await app.waitFor((f) => !f.includes('aws cloudformation'))).toContain(
      'Firehose writes to theme-park-data.',
    );
  });

  it('scrolls a long text with the arrow keys', async () => {
    const long = Array.from({ length: 80 }, (_, i) => `Paragraph number ${i + 1}.`).join('\n\n');
    const controller = new FakeController([
      { id: 'only', title: 'Only', steps: [{ id: 'long', title: 'A long read', markdown: long }] },
    ]);
    const app = await renderApp(controller);

    const first = await app.waitFor((f) => f.includes('Paragraph number 1.'));
    expect(first).toContain('more below');
    expect(first).not.toContain('Paragraph number 80.');

    await app.press('G');
    const last = await app.waitFor((f) => f.includes('Paragraph number 80.'));
    expect(last).not.toContain('Paragraph number 1.');
    expect(last).toContain('lines above');

    await app.press(KEYS.up);
    await app.press('g');
    expect(await app.waitFor((f) => f.includes('Paragraph number 1.'))).not.toContain('lines above');
  });
});

describe('the live part', () => {
  it('freezes finished lines in Static, above the live region', async () => {
    const controller = new FakeController();
    controller.holdRuns = true;
    const app = await renderApp(controller);
    await app.press(KEYS.enter);

    // When a line is followed by many live frames, it is still printed exactly once, above the app.
    controller.emit('Created bucket theme-park-data-123', 'success');
    await tick(40);
    for (let minute = 0; minute < 30; minute += 1) {
      controller.emitLive('send', { clockMinute: minute * 20, clock: `m${minute}` });
      await tick(15);
    }

    const frame = await app.waitFor((f) => f.includes('m29'));
    expect(countOf(frame, 'Created bucket theme-park-data-123')).toBe(1);
    expect(frame.indexOf('Created bucket')).toBeLessThan(frame.indexOf('Analyzing visitor stats'));
    expect(frame.indexOf('▶ Running 1.1 Pick a region')).toBeLessThan(frame.indexOf('Created bucket'));
    controller.finish();
  });

  it('draws far fewer frames than it gets live updates', async () => {
    const controller = new FakeController();
    controller.holdRuns = true;
    const app = await renderApp(controller, { frameMs: 100 });
    await app.press(KEYS.enter);
    await app.waitFor((f) => f.includes('● Running'));
    const before = app.frames().length;

    // When 40 updates arrive one by one, each in its own turn of the event loop, ...
    for (let i = 1; i <= 40; i += 1) {
      controller.emitLive('mystery', { count: i }, `counted ${i}`);
      await tick(2);
    }

    // ... they are drawn a frame at a time (one render per update would be 40 frames).
    await app.waitFor((f) => f.includes('counted 40'));
    expect(app.frames().length - before).toBeLessThan(20);
    controller.finish();
  });

  it('draws only the newest state of a burst', async () => {
    const controller = new FakeController();
    controller.holdRuns = true;
    const app = await renderApp(controller);
    await app.press(KEYS.enter);
    await app.waitFor((f) => f.includes('● Running'));
    const before = app.frames().length;

    for (let i = 1; i <= 500; i += 1) controller.emitLive('mystery', { count: i }, `counted ${i}`);

    await app.waitFor((f) => f.includes('counted 500'));
    expect(
      app
        .frames()
        .slice(before)
        .some((f) => f.includes('counted 499')),
    ).toBe(false);
    controller.finish();
  });

  it('hides debug events unless debug is on', async () => {
    const quiet = new FakeController();
    const app = await renderApp(quiet);
    await app.waitFor((f) => f.includes('Pick a region'));
    quiet.emit('signed request to firehose', 'debug');
    quiet.emit('stream is ACTIVE', 'success');
    expect(await app.waitFor((f) => f.includes('stream is ACTIVE'))).not.toContain('signed request');
    app.unmount();

    const loud = new FakeController();
    const debugApp = await renderApp(loud, { debug: true });
    await debugApp.waitFor((f) => f.includes('Pick a region'));
    loud.emit('signed request to firehose', 'debug');
    expect(await debugApp.waitFor((f) => f.includes('signed request'))).toContain('TPW_I9001');
  });

  it("leaves the engine's step start and end lines to the app's own, which number the step", async () => {
    const controller = new FakeController();
    const app = await renderApp(controller);
    await app.waitFor((f) => f.includes('Pick a region'));

    controller.emit('Pick a region', 'info', { code: CODES.STEP_START });
    controller.emit('Done: Pick a region', 'success', { code: CODES.STEP_PASSED });
    controller.emit('Region us-east-1 offers Firehose', 'success', { code: CODES.CHECK_PASSED });
    await app.press(KEYS.enter);

    const frame = await app.waitFor(
      (f) => f.includes('Region us-east-1 offers Firehose') && f.includes('found region'),
    );
    expect(frame).not.toContain('Done: Pick a region');
    expect(frame).toContain('▶ Running 1.1 Pick a region');
    expect(frame).toContain('✓ 1.1 Pick a region — done: the check passes');
  });

  it("asks an action's question and resolves it with the answer", async () => {
    const controller = new FakeController();
    controller.holdRuns = true;
    const app = await renderApp(controller);
    await app.press(KEYS.enter);

    const first = controller.ask({ code: 'TPW_Q1', message: 'Delete the old bucket?', ifUnattended: false });
    await app.waitFor((f) => f.includes('Delete the old bucket? y/n'));
    await app.press('y');
    await expect(first).resolves.toBe(true);

    const second = controller.ask({ code: 'TPW_Q2', message: 'Send a second day?', ifUnattended: true });
    await app.waitFor((f) => f.includes('Send a second day? y/n'));
    // A stray key answers nothing; only y or n do.
    await app.press('x');
    expect(app.frame()).toContain('Send a second day?');
    await app.press('n');
    await expect(second).resolves.toBe(false);
    expect(await app.waitFor((f) => !f.includes('Send a second day?'))).toContain('● Running');
    controller.finish();
  });

  it('stops a running action on q and asks before quitting', async () => {
    const controller = new FakeController();
    controller.holdRuns = true;
    const app = await renderApp(controller);
    await app.press(KEYS.enter);
    await app.waitFor((f) => f.includes('● Running'));

    await app.press('q');

    expect(controller.callsOf('cancel')).toHaveLength(1);
    expect(await app.waitFor((f) => f.includes('Quit the workshop?'))).toContain('asked to stop');
    await app.press('n');
    await app.waitFor((f) => !f.includes('Quit the workshop?'));
    controller.finish({ stepId: 'region', status: 'pending', checks: [], error: 'cancelled' });
    expect(await app.waitFor((f) => f.includes('stopped before it finished'))).toContain('cancelled');
  });

  it('does not start a second run while one is running', async () => {
    const controller = new FakeController();
    controller.holdRuns = true;
    const app = await renderApp(controller);

    await app.press(KEYS.enter);
    await app.press(KEYS.enter);
    await app.press('c');

    expect(controller.callsOf('run')).toHaveLength(1);
    expect(controller.callsOf('check')).toHaveLength(0);
    controller.finish();
    await app.waitFor((f) => f.includes('found region'));
  });
});

describe('the end and the errors', () => {
  it('shows the finished screen after the last step, with verify and cleanup', async () => {
    const controller = new FakeController(sectionsWithDone(2));
    const app = await renderApp(controller);
    await app.waitFor((f) => f.includes('2.1  Send a park day'));

    await app.press(KEYS.enter);

    const frame = await app.waitFor((f) => f.includes('What next'));
    expect(frame).toContain('You made it to the end of the workshop.');
    expect(frame).toContain('3 of 3 steps done');
    expect(frame).toContain('themepark-workshop verify');
    expect(frame).toContain('themepark-workshop cleanup');
  });

  it('goes past the last step to a summary and back', async () => {
    const app = await renderApp(new FakeController(), { startStepId: 'send' });
    await app.waitFor((f) => f.includes('2.1  Send a park day'));

    await app.press(KEYS.right);
    const summary = await app.waitFor((f) => f.includes('What next'));
    expect(summary).toContain('This is the end of the workshop.');
    expect(summary).toContain('3 still to do');

    await app.press('b');
    await app.waitFor((f) => f.includes('2.1  Send a park day'));
  });

  it('shows an error screen for an unexpected exception, with the stack only in debug', async () => {
    const controller = new FakeController();
    controller.holdRuns = true;
    const app = await renderApp(controller);
    await app.press(KEYS.enter);
    controller.explode(new Error('controller fell over'));

    const frame = await app.waitFor((f) => f.includes('ERROR'));
    expect(frame).toContain('controller fell over');
    expect(frame).toContain('This is a bug in themepark-workshop');
    expect(frame).not.toMatch(/app\.test\.tsx/);
    app.unmount();

    const debugged = new FakeController();
    debugged.holdRuns = true;
    const debugApp = await renderApp(debugged, { debug: true });
    await debugApp.press(KEYS.enter);
    debugged.explode(new Error('controller fell over'));
    expect(await debugApp.waitFor((f) => f.includes('ERROR'))).toMatch(/app\.test\.tsx/);
  });
});
