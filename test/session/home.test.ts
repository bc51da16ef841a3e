import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ensureHome, resolveHome } from '../../src/session/home.js';
import { tempHome } from '../helpers/fixture-workshop.js';

describe('home folder', () => {
  it('prefers THEMEPARK_HOME, then --home, then ~/.themepark-workshop', () => {
    expect(resolveHome('/b', { THEMEPARK_HOME: '/a' })).toBe('/a');
    expect(resolveHome('/b', {})).toBe('/b');
    expect(resolveHome(undefined, {})).toBe(join(homedir(), '.themepark-workshop'));
  });

  it('creates a missing folder', () => {
    const dir = join(tempHome(), 'new', 'home');
    ensureHome(dir);
    expect(statSync(dir).isDirectory()).toBe(true);
  });

  // Root may write anywhere, so a read-only folder only proves something for other users.
  const asRoot = process.getuid?.() === 0;
  (asRoot ? it.skip : it)('refuses a folder it cannot write to', () => {
    const dir = join(tempHome(), 'locked');
    mkdirSync(dir);
    chmodSync(dir, 0o500);
    expect(() => ensureHome(dir)).toThrow(/Cannot write to the home folder/);
  });
});
