import { useInput } from 'ink';
import { useCallback, useLayoutEffect, useRef } from 'react';

import type { WorkshopController } from '../../engine/controller.js';
import { intentFor, type Intent, type KeyMode } from '../keymap.js';
import { findStep } from '../workshop-view.js';
import type { PendingQuestion } from './use-question.js';
import type { Workshop } from './use-workshop.js';
import type { WorkshopExit } from '../workshop-exit.js';

/** A y/n prompt of the UI's own; an action's questions come through PendingQuestion instead. */
export type PromptState = { kind: 'skip'; stepId: string; title: string } | { kind: 'quit' };

export type ScrollIntent = Extract<
  Intent,
  'scroll-up' | 'scroll-down' | 'page-up' | 'page-down' | 'top' | 'bottom'
>;

export interface KeyContext {
  controller: WorkshopController;
  workshop: Workshop;
  question: PendingQuestion;
  prompt: PromptState | null;
  setPrompt(prompt: PromptState | null): void;
  /** Quit was confirmed while an action ran: leave as soon as it has stopped. */
  quitting: boolean;
  setQuitting(quitting: boolean): void;
  toggleCommands(): void;
  scroll(intent: ScrollIntent): void;
  /** The selection moved: the pane shows the new step's text from the top. */
  moved(): void;
  leave(reason: WorkshopExit['reason']): void;
}

/** Wires keys to what they do now. Returns the key mode, which the hints line follows. */
export function useWorkshopKeys(context: KeyContext): KeyMode {
  const { question, prompt, workshop } = context;
  const mode: KeyMode =
    question.question || prompt ? 'prompt' : workshop.screen === 'finished' ? 'finished' : 'steps';

  // Ink re-subscribes a new handler in a passive effect, which can land after the next key: a
  // second quick key press would then act on the state before the first. One stable listener
  // reading the latest render's context avoids that.
  const latest = useRef({ context, mode });
  latest.current = { context, mode };
  // For the same reason the listener can outlive the screen by a moment (e.g. when the error screen
  // replaces it); a layout effect's cleanup runs at once, so it can switch the listener off in time.
  const mounted = useRef(false);
  useLayoutEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const onInput = useCallback((input: string, key: Parameters<typeof intentFor>[2]) => {
    if (!mounted.current) return;
    const { context: current, mode: currentMode } = latest.current;
    const intent = intentFor(currentMode, input, key);
    if (intent) handle(current, currentMode, intent);
  }, []);
  useInput(onInput);

  return mode;
}

function handle(context: KeyContext, mode: KeyMode, intent: Intent): void {
  if (mode === 'prompt') return answer(context, intent);

  const { workshop } = context;
  switch (intent) {
    case 'quit':
    case 'interrupt':
      return stop(context);
    case 'run':
    case 'check':
      if (!workshop.running) workshop.start(intent);
      return;
    case 'skip': {
      const step = findStep(workshop.view, workshop.selectedId);
      if (!workshop.running && step)
        context.setPrompt({ kind: 'skip', stepId: step.step.id, title: step.step.title });
      return;
    }
    case 'back':
    case 'next':
      workshop.move(intent === 'back' ? -1 : 1);
      context.moved();
      return;
    case 'commands':
      context.toggleCommands();
      return;
    case 'cleanup':
      if (!workshop.running) context.leave('cleanup');
      return;
    case 'yes':
    case 'no':
      return;
    default:
      context.scroll(intent);
  }
}

/**
 * q and Ctrl-C: leave at once when nothing runs. While an action runs, the first press asks it to
 * stop and asks whether to quit; a press while it is stopping leaves without waiting for it.
 */
function stop(context: KeyContext): void {
  const { workshop } = context;
  if (workshop.screen === 'finished' && !workshop.running) return context.leave('finished');
  if (!workshop.running) return context.leave('quit');
  if (context.quitting) return context.leave('quit');

  context.controller.cancel();
  context.setPrompt({ kind: 'quit' });
}

function answer(context: KeyContext, intent: Intent): void {
  const { question, prompt, workshop } = context;

  if (question.question) {
    if (intent === 'yes' || intent === 'no') return question.answer(intent === 'yes');
    if (intent === 'interrupt') {
      question.answer(false);
      return stop(context);
    }
    return;
  }

  if (prompt?.kind === 'skip') {
    context.setPrompt(null);
    if (intent === 'yes') {
      workshop.skip();
      context.moved();
    }
    if (intent === 'interrupt') stop(context);
    return;
  }

  if (prompt?.kind === 'quit') {
    context.setPrompt(null);
    if (intent === 'interrupt') return context.leave('quit');
    if (intent === 'yes') {
      if (workshop.running) context.setQuitting(true);
      else context.leave('quit');
    }
  }
}
