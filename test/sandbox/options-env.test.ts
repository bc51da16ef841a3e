import { optionsFromEnv } from '../../src/sandbox/options.js';

describe('sandbox settings from the environment', () => {
  const bad: Array<[string, Record<string, string>, RegExp]> = [
    ['a quota with a missing figure', { THEMEPARK_SANDBOX_QUOTA: '1000,50' }, /THEMEPARK_SANDBOX_QUOTA/],
    ['a quota that is not numbers', { THEMEPARK_SANDBOX_QUOTA: 'fast' }, /THEMEPARK_SANDBOX_QUOTA/],
    ['an unknown fault', { THEMEPARK_SANDBOX_FAULTS: 'explode=0.1' }, /THEMEPARK_SANDBOX_FAULTS/],
    ['a fault share above 1', { THEMEPARK_SANDBOX_FAULTS: 'drop=2' }, /THEMEPARK_SANDBOX_FAULTS/],
    ['a time scale of zero', { THEMEPARK_SANDBOX_TIME_SCALE: '0' }, /THEMEPARK_SANDBOX_TIME_SCALE/],
  ];
  it.each(bad)('refuses %s with one line naming the variable', (_name, env, expected) => {
    let message = '';
    try {
      optionsFromEnv(env);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(expected);
    expect(message.split('\n')).toHaveLength(1);
  });

  it('passes good settings through, with the fault seed inside the faults text', () => {
    expect(
      optionsFromEnv({ THEMEPARK_SANDBOX_QUOTA: '1000,50,1', THEMEPARK_SANDBOX_FAULTS: 'partial=0.1', THEMEPARK_SANDBOX_FAULT_SEED: '7', THEMEPARK_SANDBOX_TIME_SCALE: '60' }),
    ).toEqual({ quota: '1000,50,1', faults: 'partial=0.1,seed=7', timeScale: 60 });
  });
});
