/**
 * The interactive front end. The CLI imports this module lazily, so Ink and React are loaded only
 * when a learner gets the full-screen experience (plain mode and `verify` never pay for them).
 */
import { render } from 'ink';

import type { WorkshopController } from '../engine/controller.js';
import { App, DEFAULT_FRAME_MS } from './components/App.js';
import type { WorkshopExit } from './workshop-exit.js';
import { allPassed } from './workshop-view.js';

export type { WorkshopExit } from './workshop-exit.js';

export interface RenderWorkshopOptions {
  /** Draw no colours (--no-color). Ink's own output already honours the NO_COLOR variable. */
  noColor: boolean;
  /** The step to open first (--step). @default the first step that is neither done nor skipped */
  startStepId?: string;
  /** Show event codes, debug events and stack traces. @default false */
  debug?: boolean;
  /**
   * Streams to draw on and read keys from. Note: stdin must be a terminal that supports raw mode;
   * when it is not, the CLI should use plain mode instead.
   * @default the process's own
   */
  streams?: { stdin?: NodeJS.ReadStream; stdout?: NodeJS.WriteStream; stderr?: NodeJS.WriteStream };
  /** @default 100 ms */
  frameMs?: number;
}

/**
 * Run the workshop in the terminal until the learner leaves. Resolves with how it ended; the
 * terminal is restored (raw mode off, cursor shown) before the promise settles.
 */
export async function renderWorkshop(
  controller: WorkshopController,
  options: RenderWorkshopOptions,
): Promise<WorkshopExit> {
  const instance = render(
    <App
      controller={controller}
      noColor={options.noColor}
      startStepId={options.startStepId}
      debug={options.debug}
      frameMs={options.frameMs ?? DEFAULT_FRAME_MS}
    />,
    {
      ...options.streams,
      // Ctrl-C is a key of the app: the first one stops a running action instead of killing it.
      exitOnCtrlC: false,
      patchConsole: true,
    },
  );

  try {
    const result = await instance.waitUntilExit();
    return isWorkshopExit(result) ? result : { reason: 'quit', allPassed: allPassed(controller.view()) };
  } catch (error) {
    // Ink rejects when something outside our error boundary failed; report it as a crash.
    return {
      reason: 'quit',
      allPassed: false,
      error: error instanceof Error ? error : new Error(String(error)),
    };
  } finally {
    instance.cleanup();
  }
}

const EXIT_REASONS: ReadonlyArray<WorkshopExit['reason']> = ['quit', 'finished', 'cleanup'];

function isWorkshopExit(value: unknown): value is WorkshopExit {
  return (
    typeof value === 'object' &&
    value !== null &&
    EXIT_REASONS.includes((value as WorkshopExit).reason) &&
    typeof (value as WorkshopExit).allPassed === 'boolean'
  );
}
