/** The key hints and prompt texts for each state of the workshop screen. */
import type { Question } from '../engine/types.js';
import type { KeyHint } from './components/KeyHints.js';
import type { PromptState } from './hooks/use-workshop-keys.js';
import type { KeyMode } from './keymap.js';

export interface HintState {
  running: boolean;
  /** The selected step is done: "next" is the likely key, and Enter would run it again. */
  selectedDone: boolean;
}

export function hintsFor(mode: KeyMode, state: HintState): KeyHint[] {
  if (mode === 'prompt') {
    return [
      { keys: 'y', label: 'yes' },
      { keys: 'n', label: 'no' },
    ];
  }
  if (mode === 'finished') {
    return [
      { keys: '⏎/q', label: 'leave', emphasis: true },
      { keys: 'x', label: 'clean up now' },
      { keys: '←/b', label: 'back to the steps' },
    ];
  }
  if (state.running) {
    return [
      { keys: '←→', label: 'look at other steps', optional: true },
      { keys: '?', label: 'commands', optional: true },
      { keys: '↑↓', label: 'scroll', optional: true },
      { keys: 'q', label: 'stop' },
    ];
  }
  return [
    { keys: '⏎', label: state.selectedDone ? 'run again' : 'run', emphasis: !state.selectedDone },
    { keys: 'c', label: 'check' },
    { keys: 's', label: 'skip', optional: true },
    { keys: '←', label: 'back', optional: true },
    { keys: '→', label: 'next', emphasis: state.selectedDone },
    { keys: '?', label: 'commands', optional: true },
    { keys: '↑↓', label: 'scroll', optional: true },
    { keys: 'x', label: 'clean up', optional: true },
    { keys: 'q', label: 'quit' },
  ];
}

/** The line above the hints: an action's question first, then the UI's own prompts. */
export function promptMessage(
  question: Question | null,
  prompt: PromptState | null,
  quitting: boolean,
): string | null {
  if (question) return question.message;
  if (prompt?.kind === 'skip') return `Skip ${prompt.title}? The checks will still report it.`;
  if (prompt?.kind === 'quit') return 'The action was asked to stop. Quit the workshop?';
  if (quitting) return 'Stopping the action, then leaving. Press q or Ctrl-C again to leave now.';
  return null;
}
