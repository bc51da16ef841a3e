import { Box, Text } from 'ink';

import { formatBytes, formatCount, formatDuration, formatRate } from '../../format.js';
import { useTheme } from '../../hooks/use-theme.js';
import { readNumber, readOptionalNumber, readString } from '../../live-state.js';
import { ProgressBar } from '../ProgressBar.js';
import type { LiveViewProps } from './types.js';

/** The simulated park day runs 07:00 to 19:00: 720 one-minute ticks. */
const DAY_MINUTES = 720;

/** The simulator sending a park day to Firehose: where the day is, the crowd, and the traffic. */
export function SendLiveView({ update, width }: LiveViewProps) {
  const theme = useTheme();
  const { state } = update;
  const muted = theme.color('muted');
  const minute = readNumber(state, 'clockMinute');
  const recordsQuota = readOptionalNumber(state, 'quotaRecordsPerSecond');
  const bytesQuota = readOptionalNumber(state, 'quotaBytesPerSecond');
  const throttles = readNumber(state, 'throttles');
  const eta = readOptionalNumber(state, 'etaSeconds');
  const barWidth = Math.max(10, Math.min(48, width - 34));

  return (
    <Box flexDirection="column">
      <Text>
        <Text bold>Park day</Text> <Text color={muted}>07:00</Text>{' '}
        <ProgressBar fraction={minute / DAY_MINUTES} width={barWidth} /> <Text color={muted}>19:00</Text>
        {'  '}
        <Text bold>{readString(state, 'clock', '--:--')}</Text>
      </Text>

      <Text wrap="truncate-end">
        <Text color={muted}>In the park </Text>
        {formatCount(readNumber(state, 'inPark'))}
        <Text color={muted}> · entries </Text>
        {formatCount(readNumber(state, 'entries'))}
        <Text color={muted}> · rides </Text>
        {formatCount(readNumber(state, 'rides'))}
        <Text color={muted}> · exits </Text>
        {formatCount(readNumber(state, 'exits'))}
      </Text>

      <Text wrap="truncate-end">
        <Text color={muted}>Sent </Text>
        {formatCount(readNumber(state, 'records'))} records ({formatBytes(readNumber(state, 'bytes'))})
        <Text color={muted}> · </Text>
        {formatRate(readNumber(state, 'recordsPerSecond'), 'count')}
        {recordsQuota !== undefined && <Text color={muted}> of {formatRate(recordsQuota, 'count')}</Text>}
        <Text color={muted}> · </Text>
        {formatRate(readNumber(state, 'bytesPerSecond'), 'bytes')}
        {bytesQuota !== undefined && <Text color={muted}> of {formatRate(bytesQuota, 'bytes')}</Text>}
      </Text>

      <Text wrap="truncate-end">
        <Text color={muted}>Retries </Text>
        {formatCount(readNumber(state, 'retries'))}
        <Text color={muted}> · throttled </Text>
        <Text color={throttles > 0 ? theme.color('warning') : undefined}>{formatCount(throttles)}</Text>
        <Text color={muted}> · elapsed </Text>
        {formatDuration(readNumber(state, 'elapsedSeconds'))}
        {eta !== undefined && <Text color={muted}> · about {formatDuration(eta)} left</Text>}
      </Text>
    </Box>
  );
}

export function sendRows(): number {
  return 4;
}
