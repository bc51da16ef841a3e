import { useCallback, useState } from 'react';

import { clampScroll } from '../scroll.js';
import type { ScrollIntent } from './use-workshop-keys.js';

export interface TextScroll {
  /** The first visible line, always within the text. */
  top: number;
  scroll(intent: ScrollIntent): void;
  /** Back to the first line, when the pane shows something new. */
  reset(): void;
}

/** Scrolling for a text of `totalLines` shown `visibleLines` at a time. */
export function useTextScroll(totalLines: number, visibleLines: number): TextScroll {
  const [wanted, setWanted] = useState(0);
  // Clamped on read too: the text or the pane may have changed size since the last key.
  const top = clampScroll(wanted, totalLines, visibleLines);

  const scroll = useCallback(
    (intent: ScrollIntent) => {
      const page = Math.max(1, visibleLines - 1);
      const delta: Record<ScrollIntent, number> = {
        'scroll-up': -1,
        'scroll-down': 1,
        'page-up': -page,
        'page-down': page,
        top: -Infinity,
        bottom: Infinity,
      };
      setWanted(clampScroll(top + delta[intent], totalLines, visibleLines));
    },
    [top, totalLines, visibleLines],
  );

  const reset = useCallback(() => setWanted(0), []);

  return { top, scroll, reset };
}
