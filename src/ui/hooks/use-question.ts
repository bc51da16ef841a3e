import { useCallback, useEffect, useRef, useState } from 'react';

import type { WorkshopController } from '../../engine/controller.js';
import type { Question } from '../../engine/types.js';

interface Asked {
  question: Question;
  resolve(answer: boolean): void;
}

export interface PendingQuestion {
  /** The question on screen, or null when no action is asking. */
  question: Question | null;
  answer(yes: boolean): void;
}

/**
 * Takes the questions an action asks and holds them until the learner answers y or n. Questions
 * wait in order if an action asks a second one before the first is answered.
 */
export function useQuestion(controller: WorkshopController): PendingQuestion {
  // The queue lives in a ref so two quick key presses cannot answer the same question twice.
  const queue = useRef<Asked[]>([]);
  const [shown, setShown] = useState<Question | null>(null);

  useEffect(() => {
    controller.onQuestion(
      (question) =>
        new Promise<boolean>((resolve) => {
          queue.current.push({ question, resolve });
          setShown(queue.current[0]!.question);
        }),
    );
    return () => {
      // Leaving the app is not a yes: refuse what is still open, and answer later ones unattended.
      for (const asked of queue.current.splice(0)) asked.resolve(false);
      controller.onQuestion(async (question) => question.ifUnattended);
    };
  }, [controller]);

  const answer = useCallback((yes: boolean) => {
    queue.current.shift()?.resolve(yes);
    setShown(queue.current[0]?.question ?? null);
  }, []);

  return { question: shown, answer };
}
