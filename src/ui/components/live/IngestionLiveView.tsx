import { Text } from 'ink';

import { formatCount, formatDuration } from '../../format.js';
import { useTheme } from '../../hooks/use-theme.js';
import type { ColorRole } from '../../theme.js';
import { readNumber, readString } from '../../live-state.js';
import type { LiveViewProps } from './types.js';

/** QuickSight ingestion statuses: QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED. */
function ingestionRole(status: string): ColorRole {
  if (status === 'COMPLETED') return 'success';
  if (status === 'FAILED' || status === 'CANCELLED') return 'error';
  return 'running';
}

/** A SPICE ingestion: its status and the rows it took in or dropped (dropped rows mean bad JSON). */
export function IngestionLiveView({ update }: LiveViewProps) {
  const theme = useTheme();
  const { state } = update;
  const muted = theme.color('muted');
  const status = readString(state, 'status', 'QUEUED');
  const dropped = readNumber(state, 'rowsDropped');

  return (
    <Text wrap="truncate-end">
      <Text bold>QuickSight ingestion </Text>
      <Text color={theme.color(ingestionRole(status))}>{status}</Text>
      <Text color={muted}> · </Text>
      {formatCount(readNumber(state, 'rowsIngested'))} rows in
      <Text color={muted}> · </Text>
      <Text color={dropped > 0 ? theme.color('warning') : undefined}>{formatCount(dropped)} dropped</Text>
      <Text color={muted}> · {formatDuration(readNumber(state, 'elapsedSeconds'))}</Text>
    </Text>
  );
}

export function ingestionRows(): number {
  return 1;
}
