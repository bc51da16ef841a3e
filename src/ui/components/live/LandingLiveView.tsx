import { Box, Text } from 'ink';

import { formatBytes, formatCount, formatDuration, truncate } from '../../format.js';
import { useTheme } from '../../hooks/use-theme.js';
import { readNumber, readString, type LiveState } from '../../live-state.js';
import { ProgressBar } from '../ProgressBar.js';
import type { LiveViewProps } from './types.js';

/**
 * Waiting for Firehose to land objects in S3. Firehose holds records until its buffer fills or its
 * interval passes, so a quiet bucket for a minute is normal. When the action reconciles what landed
 * with what was sent (`expected`), the bar shows records landed; otherwise it shows the wait.
 *
 * State: objects, bytes, newestKey, waitingSeconds, deadlineSeconds (seconds left before the action
 * gives up), and optionally landed, expected, missing, duplicates.
 */
export function LandingLiveView({ update, width }: LiveViewProps) {
  const theme = useTheme();
  const { state } = update;
  const muted = theme.color('muted');
  const newest = readString(state, 'newestKey');
  const waiting = readNumber(state, 'waitingSeconds');
  const left = readNumber(state, 'deadlineSeconds');
  const expected = readNumber(state, 'expected');
  const landed = readNumber(state, 'landed');
  const duplicates = readNumber(state, 'duplicates');
  // The landed line carries four figures after its bar; the bar gives way first on a narrow terminal.
  const barWidth = Math.max(10, Math.min(30, width - 72));

  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold>Objects in S3 </Text>
        {formatCount(readNumber(state, 'objects'))} ({formatBytes(readNumber(state, 'bytes'))})
        <Text color={muted}> · newest </Text>
        {newest ? truncate(newest, Math.max(20, width - 40)) : <Text color={muted}>none yet</Text>}
      </Text>

      {expected > 0 && (
        <Text wrap="truncate-end">
          <Text color={muted}>Landed </Text>
          <ProgressBar fraction={landed / expected} width={barWidth} /> {formatCount(landed)} of{' '}
          {formatCount(expected)} records
          <Text color={muted}> · missing </Text>
          {formatCount(readNumber(state, 'missing', expected - landed))}
          <Text color={muted}> · duplicates </Text>
          <Text color={duplicates > 0 ? theme.color('warning') : undefined}>{formatCount(duplicates)}</Text>
        </Text>
      )}

      <Text wrap="truncate-end">
        <Text color={muted}>Waiting </Text>
        {formatDuration(waiting)}
        {expected === 0 && (
          <>
            {' '}
            <ProgressBar fraction={waiting + left > 0 ? waiting / (waiting + left) : 0} width={barWidth} />
          </>
        )}
        <Text color={muted}> · gives up in {formatDuration(left)}</Text>
      </Text>
    </Box>
  );
}

export function landingRows(state: LiveState): number {
  return readNumber(state, 'expected') > 0 ? 3 : 2;
}
