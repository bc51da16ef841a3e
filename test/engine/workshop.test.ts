import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RunnerEvent } from '../../src/engine/types.js';
import { fixtureWorkshop, tempHome } from '../helpers/fixture-workshop.js';

describe('Workshop engine', () => {
  it('runs a step\'s action, then its checks, and saves it as done with its outputs', async () => {
    const home = tempHome();
    const { workshop, store } = fixtureWorkshop(home);
    const events: RunnerEvent[] = [];
    workshop.subscribe((e) => events.push(e));

    const outcome = await workshop.run('make-thing');

    expect(outcome.status).toBe('done');
    expect(outcome.checks).toEqual([expect.objectContaining({ id: 'thingExists', ok: true })]);
    const saved = JSON.parse(readFileSync(store.path, 'utf8'));
    expect(saved.steps['make-thing']).toMatchObject({ status: 'done', outputs: { thing: 'demo', runs: 1 } });
    expect(events.map((e) => e.code)).toEqual(['TPW_I1001', 'TPW_I9001', 'TPW_I9002', 'TPW_S1005', 'TPW_S1002']);
    expect(events.every((e) => e.stepId === 'make-thing')).toBe(true);
    expect(events.find((e) => e.code === 'TPW_I9002')?.live?.summary).toBe('made 1');
  });

  it('resumes at the first step that is not done, in a new process', async () => {
    const home = tempHome();
    const first = fixtureWorkshop(home);
    await first.workshop.run('make-thing');
    expect(first.workshop.currentStepId()).toBe('read-only');

    const second = fixtureWorkshop(home, first.world);
    expect(second.workshop.currentStepId()).toBe('read-only');
    expect(second.workshop.view().sections[0].steps.map((s) => s.status)).toEqual(['done', 'pending']);
  });

  it('passes earlier steps\' outputs to later actions', async () => {
    const { workshop, world } = fixtureWorkshop(tempHome());
    await workshop.run('make-thing');
    const outcome = await workshop.run('use-thing');
    expect(outcome.status).toBe('done');
    expect(world.used).toBe(1);
  });

  it('keeps an action\'s checkpoint between runs', async () => {
    const { workshop, store } = fixtureWorkshop(tempHome());
    await workshop.run('make-thing');
    await workshop.run('make-thing');
    const saved = JSON.parse(readFileSync(store.path, 'utf8'));
    expect(saved.steps['make-thing'].outputs.runs).toBe(2);
    expect(saved.checkpoints['make-thing']).toBe(2);
  });

  it('records a failing action as failed with its message, and does not throw', async () => {
    const { workshop, world, store } = fixtureWorkshop(tempHome());
    world.failNextMake = true;
    const events: RunnerEvent[] = [];
    workshop.subscribe((e) => events.push(e));

    const outcome = await workshop.run('make-thing');

    expect(outcome).toMatchObject({ status: 'failed', error: 'the thing factory is closed' });
    expect(events.some((e) => e.level === 'error' && e.message === 'the thing factory is closed')).toBe(true);
    expect(JSON.parse(readFileSync(store.path, 'utf8')).steps['make-thing'].status).toBe('failed');
  });

  it('fails a step whose check fails and keeps the problem for status', async () => {
    const { workshop, world, store } = fixtureWorkshop(tempHome());
    await workshop.run('make-thing');
    world.things.clear();

    const outcome = await workshop.check('make-thing');

    expect(outcome.status).toBe('failed');
    const saved = JSON.parse(readFileSync(store.path, 'utf8'));
    expect(saved.steps['make-thing'].problems).toEqual(['The thing exists: demo is missing; run the step again']);
  });

  it('skips a step, moving the position on, and says the checks will still report it', () => {
    const { workshop } = fixtureWorkshop(tempHome());
    const events: RunnerEvent[] = [];
    workshop.subscribe((e) => events.push(e));
    workshop.skip('make-thing');
    expect(workshop.currentStepId()).toBe('read-only');
    expect(events[0].message).toMatch(/verify will still report/);
  });

  it('moves a truncated progress file aside, tells the learner, and starts afresh', async () => {
    const home = tempHome();
    const { store } = fixtureWorkshop(home);
    mkdirSync(dirname(store.path), { recursive: true });
    writeFileSync(store.path, '{"version":1,"steps":{"make-th');

    const { workshop } = fixtureWorkshop(home);
    const events: RunnerEvent[] = [];
    workshop.subscribe((e) => events.push(e));

    expect(workshop.currentStepId()).toBe('make-thing');
    expect(events[0]).toMatchObject({ code: 'TPW_W1008', level: 'warn' });
    const aside = readdirSync(dirname(store.path)).filter((f) => f.includes('.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(`${dirname(store.path)}/${aside[0]}`, 'utf8')).toBe('{"version":1,"steps":{"make-th');
  });

  it('writes progress atomically: no temp file is left and the file is always whole JSON', async () => {
    const home = tempHome();
    const { workshop, store } = fixtureWorkshop(home);
    await workshop.run('make-thing');
    await workshop.run('read-only');
    const files = readdirSync(dirname(store.path));
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(() => JSON.parse(readFileSync(store.path, 'utf8'))).not.toThrow();
    expect(existsSync(store.path)).toBe(true);
  });

  it('lists the AWS CLI commands of a step\'s action, and none for a reading step', () => {
    const { workshop } = fixtureWorkshop(tempHome());
    expect(workshop.commands('make-thing')).toEqual(['aws thing create --name demo']);
    expect(workshop.commands('read-only')).toEqual([]);
  });

  it('words an action\'s error through describeError, so expired credentials read the same everywhere', async () => {
    const world = { things: new Set<string>(), used: 0, failNextMake: true };
    const { workshop } = fixtureWorkshop(tempHome(), world, (error) => `explained: ${(error as Error).message}`);
    const outcome = await workshop.run('make-thing');
    expect(outcome.error).toBe('explained: the thing factory is closed');
  });
});
