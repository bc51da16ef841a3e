import { describe, expect, it } from '@jest/globals';

import { fitHints } from '../../src/ui/components/KeyHints.js';
import { hintsFor, promptMessage } from '../../src/ui/workshop-hints.js';

const keys = (hints: { keys: string }[]) => hints.map((hint) => hint.keys);

describe('key hints', () => {
  it('offers run, check, skip, moving, commands, scrolling, clean-up and quit while idle', () => {
    expect(keys(hintsFor('steps', { running: false, selectedDone: false }))).toEqual([
      '⏎',
      'c',
      's',
      '←',
      '→',
      '?',
      '↑↓',
      'x',
      'q',
    ]);
  });

  it('points at "next" once the selected step is done', () => {
    const hints = hintsFor('steps', { running: false, selectedDone: true });
    expect(hints.find((hint) => hint.keys === '→')!.emphasis).toBe(true);
    expect(hints.find((hint) => hint.keys === '⏎')!.label).toBe('run again');
  });

  it('offers only y and n in a prompt, and stop while running', () => {
    expect(keys(hintsFor('prompt', { running: true, selectedDone: false }))).toEqual(['y', 'n']);
    expect(hintsFor('steps', { running: true, selectedDone: false }).at(-1)).toMatchObject({
      keys: 'q',
      label: 'stop',
    });
  });

  it('drops optional hints from the end until the line fits, and keeps quit', () => {
    const all = hintsFor('steps', { running: false, selectedDone: false });
    expect(fitHints(all, 200)).toEqual(all);
    const narrow = keys(fitHints(all, 40));
    expect(narrow).toContain('q');
    expect(narrow).toContain('⏎');
    expect(narrow.length).toBeLessThan(all.length);
  });
});

describe('prompt messages', () => {
  it("puts an action's question before the UI's own prompts", () => {
    const question = { code: 'Q', message: 'Delete it?', ifUnattended: false };
    expect(promptMessage(question, { kind: 'quit' }, false)).toBe('Delete it?');
    expect(promptMessage(null, { kind: 'skip', stepId: 'a', title: 'Deploy' }, false)).toBe(
      'Skip Deploy? The checks will still report it.',
    );
    expect(promptMessage(null, null, true)).toContain('Stopping the action');
    expect(promptMessage(null, null, false)).toBeNull();
  });
});
