import { Box, Text } from 'ink';

import { useTheme } from '../hooks/use-theme.js';
import { wrappedRows } from './outcome-plan.js';

export interface PromptLineProps {
  message: string;
  /** A y/n question waits for an answer; a notice (e.g. "stopping…") only informs. */
  kind: 'question' | 'notice';
}

export function PromptLine({ message, kind }: PromptLineProps) {
  const theme = useTheme();

  return (
    <Box marginTop={1}>
      <Text>
        <Text bold color={theme.color(kind === 'question' ? 'warning' : 'running')}>
          {kind === 'question' ? '? ' : '… '}
        </Text>
        <Text bold>{message}</Text>
        {kind === 'question' && <Text color={theme.color('muted')}> y/n</Text>}
      </Text>
    </Box>
  );
}

/** Rows the line takes at this width, its top margin included. */
export function promptLineRows(message: string, width: number): number {
  return 1 + wrappedRows(`? ${message} y/n`, width);
}
