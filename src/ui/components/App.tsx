import { useApp } from 'ink';
import { useMemo } from 'react';

import type { WorkshopController } from '../../engine/controller.js';
import { createTheme, ThemeContext } from '../theme.js';
import { ErrorBoundary } from './ErrorBoundary.js';
import { ErrorScreen } from './ErrorScreen.js';
import type { WorkshopExit } from '../workshop-exit.js';
import { Workshop } from './Workshop.js';

export interface AppProps {
  controller: WorkshopController;
  /** Draw no colours at all (--no-color, NO_COLOR). */
  noColor: boolean;
  /** The step to open first. @default the first step that is neither done nor skipped */
  startStepId?: string;
  /** Show event codes, debug events and stack traces. @default false */
  debug?: boolean;
  /**
   * Shortest time between two renders caused by runner events.
   * @default 100 ms: ten frames a second, smooth to the eye and cheap while a day of records streams
   */
  frameMs?: number;
}

export const DEFAULT_FRAME_MS = 100;

/** The theme, the error screen for our own bugs, and the workshop. */
export function App({
  controller,
  noColor,
  startStepId,
  debug = false,
  frameMs = DEFAULT_FRAME_MS,
}: AppProps) {
  const theme = useMemo(() => createTheme(noColor), [noColor]);

  return (
    <ThemeContext.Provider value={theme}>
      <ErrorBoundary fallback={(error) => <CrashScreen error={error} debug={debug} />}>
        <Workshop controller={controller} startStepId={startStepId} debug={debug} frameMs={frameMs} />
      </ErrorBoundary>
    </ThemeContext.Provider>
  );
}

function CrashScreen({ error, debug }: { error: Error; debug: boolean }) {
  const app = useApp();
  const exit: WorkshopExit = { reason: 'quit', allPassed: false, error };
  return <ErrorScreen error={error} debug={debug} onLeave={() => app.exit(exit)} />;
}
