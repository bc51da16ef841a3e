/**
 * Keys to intents, per mode. Kept pure so the whole map is one case table in the tests; the app
 * decides what an intent does in its current state.
 */
import type { Key } from 'ink';

export type Intent =
  | 'run'
  | 'check'
  | 'skip'
  | 'back'
  | 'next'
  | 'commands'
  /** Leave, and have the command line run cleanup (it asks first). */
  | 'cleanup'
  | 'quit'
  /** Ctrl-C: like quit, but a second one while stopping leaves at once. */
  | 'interrupt'
  | 'scroll-up'
  | 'scroll-down'
  | 'page-up'
  | 'page-down'
  | 'top'
  | 'bottom'
  | 'yes'
  | 'no';

/** 'prompt' while a y/n question is on screen: only y, n, Esc and Ctrl-C count there. */
export type KeyMode = 'steps' | 'finished' | 'prompt';

type KeyFlags = Pick<
  Key,
  | 'return'
  | 'escape'
  | 'ctrl'
  | 'leftArrow'
  | 'rightArrow'
  | 'upArrow'
  | 'downArrow'
  | 'pageUp'
  | 'pageDown'
  | 'home'
  | 'end'
>;

export function intentFor(mode: KeyMode, input: string, key: Partial<KeyFlags>): Intent | null {
  if (key.ctrl && input === 'c') return 'interrupt';

  if (mode === 'prompt') {
    if (input === 'y' || input === 'Y') return 'yes';
    if (input === 'n' || input === 'N' || key.escape) return 'no';
    return null;
  }

  if (input === 'q') return 'quit';
  if (input === 'b' || key.leftArrow) return 'back';
  if (input === 'x') return 'cleanup';

  if (mode === 'finished') {
    return key.return ? 'quit' : null;
  }

  if (key.return || input === 'r') return 'run';
  if (input === 'c') return 'check';
  if (input === 's') return 'skip';
  if (input === 'n' || key.rightArrow) return 'next';
  if (input === '?' || input === 'h') return 'commands';
  if (input === 'k' || key.upArrow) return 'scroll-up';
  if (input === 'j' || key.downArrow) return 'scroll-down';
  if (key.pageUp) return 'page-up';
  if (key.pageDown || input === ' ') return 'page-down';
  if (input === 'g' || key.home) return 'top';
  if (input === 'G' || key.end) return 'bottom';
  return null;
}
