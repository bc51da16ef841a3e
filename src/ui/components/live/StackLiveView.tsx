import { Box, Text } from 'ink';

import { formatDuration, truncate } from '../../format.js';
import { useTheme } from '../../hooks/use-theme.js';
import { readNumber, readString, type LiveState } from '../../live-state.js';
import { pickVisibleResources, readResources, statusTone, TONE_LOOKS } from './stack-resources.js';
import type { LiveViewProps } from './types.js';

/** Enough to see what is moving without pushing the step text off the screen. */
const MAX_RESOURCE_ROWS = 6;

/** A CloudFormation deploy: the stack's status, then one row per resource with its elapsed time. */
export function StackLiveView({ update, width }: LiveViewProps) {
  const theme = useTheme();
  const { state } = update;
  const resources = readResources(state);
  const { shown, hidden } = pickVisibleResources(resources, MAX_RESOURCE_ROWS);
  const stackStatus = readString(state, 'status');
  const stackLook = TONE_LOOKS[statusTone(stackStatus)];
  const total = readNumber(state, 'total', resources.length);
  const done = readNumber(state, 'done');

  const idWidth = Math.min(28, Math.max(10, ...shown.map((r) => r.logicalId.length)));
  const statusWidth = Math.min(22, Math.max(8, ...shown.map((r) => r.status.length)));
  const typeWidth = Math.max(8, Math.min(36, width - idWidth - statusWidth - 16));

  return (
    <Box flexDirection="column">
      <Text>
        <Text bold>Stack {readString(state, 'stackName', '?')}</Text>
        {'  '}
        <Text color={theme.color(stackLook.role)}>{stackStatus}</Text>
        {'  '}
        <Text color={theme.color('muted')}>
          {done}/{total} resources
        </Text>
      </Text>

      {shown.map((resource) => {
        const look = TONE_LOOKS[statusTone(resource.status)];
        return (
          <Box key={resource.logicalId} flexDirection="column">
            <Text wrap="truncate-end">
              {'  '}
              <Text color={theme.color(look.role)}>{look.symbol}</Text>
              {` ${resource.logicalId.padEnd(idWidth)} `}
              <Text color={theme.color('muted')}>
                {truncate(resource.type, typeWidth).padEnd(typeWidth)}
              </Text>{' '}
              <Text color={theme.color(look.role)}>{resource.status.padEnd(statusWidth)}</Text>{' '}
              {formatDuration(resource.elapsedSeconds).padStart(6)}
            </Text>
            {resource.reason && statusTone(resource.status) === 'error' && (
              <Text color={theme.color('error')} wrap="truncate-end">
                {'      '}
                {resource.reason}
              </Text>
            )}
          </Box>
        );
      })}

      {hidden > 0 && <Text color={theme.color('muted')}>{`    … and ${hidden} more finished`}</Text>}
    </Box>
  );
}

export function stackRows(state: LiveState): number {
  const { shown, hidden } = pickVisibleResources(readResources(state), MAX_RESOURCE_ROWS);
  const reasons = shown.filter((r) => r.reason && statusTone(r.status) === 'error').length;
  return 1 + shown.length + reasons + (hidden > 0 ? 1 : 0);
}
