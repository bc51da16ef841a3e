import { mkdtempSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { actions, checks } from '../../src/engine/load.js';
import { lintWorkshop, loadWorkshop, ContentError } from '../../src/engine/manifest.js';
import { packagePath } from '../../src/engine/paths.js';
import type { WorkshopManifest } from '../../src/engine/types.js';
import { FIXTURE_DIR, fixtureRegistries } from '../helpers/fixture-workshop.js';

describe('workshop content', () => {
  it('the shipped workshop in steps/ passes the lint', () => {
    const stepsDir = packagePath('steps');
    const loaded = loadWorkshop({ actions, checks }, stepsDir);
    expect(loaded.steps.length).toBeGreaterThan(0);
    for (const step of loaded.steps) expect(step.markdown.trim().length).toBeGreaterThan(40);
  });

  it('every check in the registry is listed by some step, so verify runs it', () => {
    const loaded = loadWorkshop({ actions, checks });
    const listed = new Set(loaded.steps.flatMap((s) => s.checks));
    expect(Object.keys(checks).filter((id) => !listed.has(id))).toEqual([]);
  });

  describe('lint finds', () => {
    const registries = fixtureRegistries({ things: new Set(), used: 0, failNextMake: false });
    const base = (): WorkshopManifest => ({
      version: 1,
      title: 'T',
      sections: [{ id: 'one', title: 'One', steps: [{ id: 'make-thing', title: 'M', text: 'make-thing.md', action: 'makeThing', checks: ['thingExists'] }] }],
    });
    const cases: Array<[string, (m: WorkshopManifest) => void, RegExp]> = [
      ['a duplicate id', (m) => m.sections[0].steps.push({ ...m.sections[0].steps[0], checks: [] }), /used twice/],
      ['a missing text file', (m) => (m.sections[0].steps[0].text = 'nope.md'), /does not exist/],
      ['an unknown action', (m) => (m.sections[0].steps[0].action = 'launchRocket'), /action "launchRocket"/],
      ['an unknown check', (m) => (m.sections[0].steps[0].checks = ['isMagic']), /check "isMagic"/],
      ['a badly formed id', (m) => (m.sections[0].steps[0].id = 'Make Thing'), /lower-case words/],
      ['a section with no steps', (m) => (m.sections[0].steps = []), /has no steps/],
      ['a wrong version', (m) => ((m as { version: number }).version = 2), /version must be 1/],
    ];
    it.each(cases)('%s', (_name, damage, expected) => {
      const manifest = base();
      expect(lintWorkshop(manifest, FIXTURE_DIR, registries)).toEqual([]);
      damage(manifest);
      expect(lintWorkshop(manifest, FIXTURE_DIR, registries).join('\n')).toMatch(expected);
    });

    it('every problem at once when loading, as a ContentError', () => {
      const dir = mkdtempSync(join(tmpdir(), 'themepark-content-'));
      cpSync(FIXTURE_DIR, dir, { recursive: true });
      const manifest = base();
      manifest.sections[0].steps[0].action = 'nope';
      manifest.sections[0].steps[0].checks = ['nada'];
      writeFileSync(join(dir, 'workshop.yaml'), stringify(manifest));
      expect(() => loadWorkshop(registries, dir)).toThrow(ContentError);
      try {
        loadWorkshop(registries, dir);
      } catch (error) {
        expect((error as ContentError).problems).toHaveLength(2);
      }
    });
  });
});
