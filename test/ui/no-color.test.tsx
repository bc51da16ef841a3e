import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import chalk from 'chalk';
import { cleanup } from 'ink-testing-library';

import { FakeController } from './fake-controller.js';
import { KEYS, renderApp } from './harness.js';

/** An SGR code that sets a foreground or background colour (bold, dim and the like are not colours). */
const COLOUR = /\u001B\[(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9;]*)?m/;

describe('colours', () => {
  const level = chalk.level;
  // Under jest stdout is no terminal, so chalk would draw no colour at all and prove nothing.
  beforeAll(() => {
    chalk.level = 1;
  });
  afterAll(() => {
    chalk.level = level;
  });
  afterEach(() => cleanup());

  it('colours statuses and borders by default', async () => {
    const app = await renderApp(new FakeController());
    await app.press(KEYS.enter);
    await app.waitFor((f) => f.includes('found region'));

    expect(app.raw()).toMatch(COLOUR);
  });

  it('draws no colour at all with noColor, in the screen and in the log', async () => {
    const controller = new FakeController();
    const app = await renderApp(controller, { noColor: true });
    controller.emit('a warning', 'warn');
    await app.press(KEYS.enter);
    await app.waitFor((f) => f.includes('found region') && f.includes('a warning'));

    expect(app.raw()).not.toMatch(COLOUR);
  });
});
