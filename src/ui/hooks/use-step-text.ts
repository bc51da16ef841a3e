import { useMemo } from 'react';

import type { WorkshopController } from '../../engine/controller.js';
import { markdownToLines, type MdLine } from '../markdown/index.js';

/**
 * The selected step's text, or its AWS CLI commands, laid out for the pane. Layout runs only when
 * the step, the mode or the width changes: never on a live frame.
 */
export function useStepText(
  controller: WorkshopController,
  stepId: string,
  showCommands: boolean,
  width: number,
): MdLine[] {
  const markdown = useMemo(() => {
    if (!stepId) return '';
    if (showCommands) return commandsMarkdown(controller.commands(stepId));
    const step = controller.step(stepId);
    return withoutTitle(step.markdown, step.title);
  }, [controller, stepId, showCommands]);

  return useMemo(() => markdownToLines(markdown, width), [markdown, width]);
}

/** The commands as shell blocks, so long ones wrap with a trailing backslash and still paste whole. */
export function commandsMarkdown(commands: string[]): string {
  if (commands.length === 0) {
    return [
      'This step runs no AWS commands: it is reading, or its checks look at what you did yourself.',
      'Press **?** to go back to the text.',
    ].join('\n\n');
  }
  const blocks = commands.map((command) => '```sh\n' + command + '\n```');
  return [
    'What this step does for you, as AWS CLI commands you could run by hand:',
    ...blocks,
    'Press **?** to go back to the text.',
  ].join('\n\n');
}

/** The pane's title already names the step; a text that opens with the same heading would say it twice. */
export function withoutTitle(markdown: string, title: string): string {
  const match = /^\s*#[ \t]+(.+?)[ \t#]*(?:\r?\n|$)/.exec(markdown);
  if (!match || match[1]!.trim().toLowerCase() !== title.trim().toLowerCase()) return markdown;
  return markdown.slice(match[0].length).replace(/^\s+/, '');
}
