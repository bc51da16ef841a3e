import { Box, Text } from 'ink';

import { formatBytes, formatCount, formatDuration, truncate } from '../../format.js';
import { useTheme } from '../../hooks/use-theme.js';
import { readNumber, readString } from '../../live-state.js';
import { ProgressBar } from '../ProgressBar.js';
import type { LiveViewProps } from './types.js';

/**
 * Waiting for Firehose to land objects in S3. Firehose holds records until its buffer fills or its
 * interval passes, so a quiet bucket for a few minutes is normal: the bar shows how long is left.
 */
export function LandingLiveView({ update, width }: LiveViewProps) {
  const theme = useTheme();
  const { state } = update;
  const muted = theme.color('muted');
  const objects = readNumber(state, 'objects');
  const newest = readString(state, 'newestKey');
  const waiting = readNumber(state, 'waitingSeconds');
  const deadline = readNumber(state, 'deadlineSeconds');
  const barWidth = Math.max(10, Math.min(40, width - 40));

  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold>Objects in S3 </Text>
        {formatCount(objects)} ({formatBytes(readNumber(state, 'bytes'))})
        <Text color={muted}> · newest </Text>
        {newest ? truncate(newest, Math.max(20, width - 40)) : <Text color={muted}>none yet</Text>}
      </Text>

      <Text>
        <Text color={muted}>Waiting </Text>
        {formatDuration(waiting).padEnd(6)}{' '}
        <ProgressBar fraction={deadline > 0 ? waiting / deadline : 0} width={barWidth} />
        <Text color={muted}> gives up after {formatDuration(deadline)}</Text>
      </Text>
    </Box>
  );
}

export function landingRows(): number {
  return 2;
}
