import { Box, Static, Text } from 'ink';

import { formatClock } from '../format.js';
import type { LogEntry } from '../hooks/use-runner-events.js';
import { useTheme } from '../hooks/use-theme.js';
import { describeOutcome } from '../outcome-text.js';
import { LEVEL_LOOKS, STEP_LOOKS } from '../status.js';

export interface EventLogProps {
  entries: LogEntry[];
  /** Show each event's code, for bug reports. */
  debug?: boolean;
}

/**
 * Finished lines, printed once above the app into the terminal's scrollback and never drawn again:
 * Ink's <Static> renders only the entries added since the last frame.
 */
export function EventLog({ entries, debug = false }: EventLogProps) {
  return <Static items={entries}>{(entry) => <LogLine key={entry.id} entry={entry} debug={debug} />}</Static>;
}

function LogLine({ entry, debug }: { entry: LogEntry; debug: boolean }) {
  const theme = useTheme();

  if (entry.kind === 'step-start') {
    const verb = entry.mode === 'run' ? 'Running' : 'Checking';
    return (
      <Box marginTop={1}>
        <Text bold>
          <Text color={theme.color('accent')}>▶</Text> {verb} {entry.number} {entry.title}
        </Text>
      </Box>
    );
  }

  if (entry.kind === 'step-end') {
    const look = STEP_LOOKS[entry.outcome.status];
    return (
      <Text>
        <Text color={theme.color(look.role ?? 'muted')}>{look.symbol}</Text> {entry.number} {entry.title}
        <Text color={theme.color('muted')}> — {describeOutcome(entry.outcome)}</Text>
      </Text>
    );
  }

  const { event } = entry;
  const look = LEVEL_LOOKS[event.level];
  return (
    <Text>
      <Text color={theme.color('muted')}>{`  ${formatClock(event.time)} `}</Text>
      <Text color={theme.color(look.role ?? 'muted')}>{look.symbol}</Text> {event.message}
      {debug && <Text color={theme.color('muted')}>{`  ${event.code}`}</Text>}
    </Text>
  );
}
