/**
 * A tiny workshop with in-memory "resources", for engine and front-end tests
 * that must not touch AWS: makeThing creates a thing, useThing needs it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ActionDefinition, CheckDefinition } from '../../src/engine/types.js';
import type { Session } from '../../src/session/types.js';
import { loadWorkshop } from '../../src/engine/manifest.js';
import { ProgressStore } from '../../src/engine/progress-store.js';
import { Workshop } from '../../src/engine/workshop.js';
import { workshopNames } from '../../src/session/names.js';

export const FIXTURE_DIR = fileURLToPath(new URL('../fixtures/workshop/', import.meta.url));

export interface World {
  things: Set<string>;
  used: number;
  failNextMake: boolean;
}

export function fixtureRegistries(world: World) {
  const actions: Record<string, ActionDefinition> = {
    makeThing: {
      title: 'Make a thing',
      commands: () => ['aws thing create --name demo'],
      async run({ emit, checkpoint }) {
        if (world.failNextMake) {
          world.failNextMake = false;
          throw new Error('the thing factory is closed');
        }
        const runs = Number(checkpoint.get() ?? 0) + 1;
        checkpoint.set(runs);
        world.things.add('demo');
        emit('TPW_I9001', 'info', 'made demo');
        emit.live('TPW_I9002', { view: 'generic', state: { made: 1 }, summary: 'made 1' });
        return { thing: 'demo', runs };
      },
    },
    useThing: {
      title: 'Use the thing',
      commands: () => [],
      async run({ outputs }) {
        if (!world.things.has(String(outputs.thing))) throw new Error('no thing to use');
        world.used += 1;
        return { used: world.used };
      },
    },
  };
  const checks: Record<string, CheckDefinition> = {
    thingExists: {
      title: 'The thing exists',
      async run() {
        return world.things.has('demo') ? { ok: true, detail: 'demo is there' } : { ok: false, detail: 'demo is missing; run the step again' };
      },
    },
    thingUsed: {
      title: 'The thing was used',
      async run() {
        return world.used > 0 ? { ok: true, detail: `used ${world.used} time(s)` } : { ok: false, detail: 'not used yet' };
      },
    },
  };
  return { actions, checks };
}

export function fakeSession(home: string): Session {
  return {
    mode: 'sandbox',
    account: '000000000000',
    region: 'us-east-1',
    identityArn: 'arn:aws:iam::000000000000:user/test',
    home,
    names: workshopNames('000000000000', 'us-east-1'),
    clients: undefined as never,
  };
}

export function tempHome(): string {
  return mkdtempSync(join(tmpdir(), 'themepark-test-'));
}

export function fixtureWorkshop(
  home: string,
  world: World = { things: new Set(), used: 0, failNextMake: false },
  describeError?: (error: unknown) => string,
) {
  const registries = fixtureRegistries(world);
  const loaded = loadWorkshop(registries, FIXTURE_DIR);
  const session = fakeSession(home);
  const store = new ProgressStore(home, session.account, session.region, session.mode);
  const workshop = new Workshop({ workshop: loaded, session, store, ...registries, options: { scale: 1, seed: 1, yes: true }, describeError });
  return { workshop, world, store, loaded };
}
