import { Box, Text } from 'ink';

import { truncate } from '../../format.js';
import { useTheme } from '../../hooks/use-theme.js';
import { describeValue, type LiveState } from '../../live-state.js';
import type { LiveViewProps } from './types.js';

/** Past this many fields the view would crowd the screen; the summary line says the rest. */
const MAX_FIELDS = 6;

/** Any live view without a view of its own: the summary line, then the state's fields. */
export function GenericLiveView({ update, width }: LiveViewProps) {
  const theme = useTheme();
  const fields = Object.entries(update.state).slice(0, MAX_FIELDS);
  const keyWidth = Math.max(0, ...fields.map(([key]) => key.length));

  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-end">
        {update.summary}
      </Text>
      {fields.map(([key, value]) => (
        <Text key={key} wrap="truncate-end">
          {'  '}
          <Text color={theme.color('muted')}>{key.padEnd(keyWidth)}</Text>
          {'  '}
          {truncate(describeValue(value), Math.max(10, width - keyWidth - 4))}
        </Text>
      ))}
    </Box>
  );
}

export function genericRows(state: LiveState): number {
  return 1 + Math.min(MAX_FIELDS, Object.keys(state).length);
}
