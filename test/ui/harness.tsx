/** Rendering the app for tests, with ink-testing-library, and waiting for frames without timing. */
import { render } from 'ink-testing-library';
import stripAnsi from 'strip-ansi';

import { App, type AppProps } from '../../src/ui/components/App.js';
import type { FakeController } from './fake-controller.js';

export const KEYS = {
  enter: '\r',
  left: '\u001B[D',
  right: '\u001B[C',
  up: '\u001B[A',
  down: '\u001B[B',
  ctrlC: '\u0003',
};

/** Small pause for React and Ink to process input; never asserted on. */
export const tick = (ms = 30) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Wait until `predicate` holds, polling; fail after `timeoutMs`. React runs effects (such as Ink's
 * key subscription) a little after a render, and a slow machine must not fail a test for that.
 */
export async function until(predicate: () => boolean, what = 'condition', timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await tick(10);
  }
}

export interface Rendered {
  frame(): string;
  /** The latest frame with its ANSI codes, for colour tests. */
  raw(): string;
  frames(): string[];
  press(key: string): Promise<void>;
  /** Wait until the latest frame satisfies the predicate; fail with the frame after `timeoutMs`. */
  waitFor(predicate: (frame: string) => boolean, timeoutMs?: number): Promise<string>;
  unmount(): void;
}

/** Render the app and wait until it listens for keys, so the first key press is never lost. */
export async function renderApp(
  controller: FakeController,
  props: Partial<AppProps> = {},
): Promise<Rendered> {
  // A short frame keeps tests quick; the coalescing is the same at any frame length.
  const instance = render(<App controller={controller} noColor={false} frameMs={10} {...props} />);
  const frame = () => stripAnsi(instance.lastFrame() ?? '');
  await until(() => instance.stdin.listenerCount('readable') > 0, 'the app to listen for keys');

  return {
    frame,
    raw: () => instance.lastFrame() ?? '',
    frames: () => instance.frames.map((f) => stripAnsi(f)),
    async press(key) {
      instance.stdin.write(key);
      await tick();
    },
    async waitFor(predicate, timeoutMs = 3000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(frame())) {
        if (Date.now() > deadline) throw new Error(`frame never matched; last frame:\n${frame()}`);
        await tick(10);
      }
      return frame();
    },
    unmount: () => instance.unmount(),
  };
}

export function countOf(text: string, part: string): number {
  return text.split(part).length - 1;
}
