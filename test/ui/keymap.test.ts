import { describe, expect, it } from '@jest/globals';

import { intentFor, type Intent, type KeyMode } from '../../src/ui/keymap.js';

type Case = [KeyMode, string, Record<string, boolean>, Intent | null];

describe('intentFor', () => {
  it.each<Case>([
    ['steps', '', { return: true }, 'run'],
    ['steps', 'r', {}, 'run'],
    ['steps', 'c', {}, 'check'],
    ['steps', 's', {}, 'skip'],
    ['steps', 'b', {}, 'back'],
    ['steps', '', { leftArrow: true }, 'back'],
    ['steps', 'n', {}, 'next'],
    ['steps', '', { rightArrow: true }, 'next'],
    ['steps', '?', {}, 'commands'],
    ['steps', 'h', {}, 'commands'],
    ['steps', 'q', {}, 'quit'],
    ['steps', 'c', { ctrl: true }, 'interrupt'],
    ['steps', '', { upArrow: true }, 'scroll-up'],
    ['steps', 'j', {}, 'scroll-down'],
    ['steps', ' ', {}, 'page-down'],
    ['steps', '', { pageUp: true }, 'page-up'],
    ['steps', 'g', {}, 'top'],
    ['steps', 'G', {}, 'bottom'],
    ['steps', 'y', {}, null],
    ['steps', 'x', {}, 'cleanup'],
    ['finished', 'x', {}, 'cleanup'],
    ['steps', 'z', {}, null],
    // In a prompt only the answers and Ctrl-C count: n means "no", not "next step".
    ['prompt', 'y', {}, 'yes'],
    ['prompt', 'Y', {}, 'yes'],
    ['prompt', 'n', {}, 'no'],
    ['prompt', '', { escape: true }, 'no'],
    ['prompt', '', { return: true }, null],
    ['prompt', 'q', {}, null],
    ['prompt', 'c', { ctrl: true }, 'interrupt'],
    // On the finished screen Enter leaves rather than running anything.
    ['finished', '', { return: true }, 'quit'],
    ['finished', 'q', {}, 'quit'],
    ['finished', 'b', {}, 'back'],
    ['finished', 's', {}, null],
  ])('in %s mode, %j %j means %s', (mode, input, key, expected) => {
    expect(intentFor(mode, input, key)).toBe(expected);
  });
});
