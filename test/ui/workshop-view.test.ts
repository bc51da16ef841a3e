import { describe, expect, it } from '@jest/globals';

import { commandsMarkdown, withoutTitle } from '../../src/ui/hooks/use-step-text.js';
import { allPassed, isLastStep, neighbour, numberedSteps } from '../../src/ui/workshop-view.js';
import { FakeController } from './fake-controller.js';

describe('the workshop view helpers', () => {
  const view = new FakeController().view();

  it('numbers steps by section', () => {
    expect(numberedSteps(view).map((entry) => `${entry.number} ${entry.step.id}`)).toEqual([
      '1.1 region',
      '1.2 deploy',
      '2.1 send',
    ]);
  });

  it('finds neighbours across sections and stops at either end', () => {
    expect(neighbour(view, 'deploy', 1)?.step.id).toBe('send');
    expect(neighbour(view, 'send', -1)?.step.id).toBe('deploy');
    expect(neighbour(view, 'send', 1)).toBeNull();
    expect(neighbour(view, 'region', -1)).toBeNull();
    expect(isLastStep(view, 'send')).toBe(true);
  });

  it('passes only when every step is done, not skipped', () => {
    const controller = new FakeController();
    expect(allPassed(controller.view())).toBe(false);
    controller.skip('region');
    void controller.run('deploy');
    void controller.run('send');
    expect(allPassed(controller.view())).toBe(false);
    void controller.run('region');
    expect(allPassed(controller.view())).toBe(true);
  });
});

describe('the step text', () => {
  it('drops an opening heading that repeats the step title, and nothing else', () => {
    expect(withoutTitle('# Deploy the stream\n\nText.', 'Deploy the stream')).toBe('Text.');
    expect(withoutTitle('# Something else\n\nText.', 'Deploy the stream')).toBe('# Something else\n\nText.');
    expect(withoutTitle('Text first.\n\n# Deploy the stream', 'Deploy the stream')).toBe(
      'Text first.\n\n# Deploy the stream',
    );
  });

  it('puts each command in its own shell block', () => {
    const markdown = commandsMarkdown(['aws s3 ls', 'aws firehose list-delivery-streams']);
    expect(markdown).toContain('```sh\naws s3 ls\n```');
    expect(markdown).toContain('```sh\naws firehose list-delivery-streams\n```');
    expect(commandsMarkdown([])).toContain('runs no AWS commands');
  });
});
