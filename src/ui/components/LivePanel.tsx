import { Box, Text } from 'ink';

import type { LiveEntry, RunMode } from '../hooks/use-runner-events.js';
import { useTheme } from '../hooks/use-theme.js';
import { liveViewFor } from './live/registry.js';

export interface LivePanelProps {
  /** "1.2 Deploy the delivery stream". */
  stepLabel: string;
  mode: RunMode;
  entries: LiveEntry[];
  width: number;
  /** Rows it may take, margin included. @default as many as it needs */
  maxRows?: number;
}

const INDENT = 2;
/** The margin above and the "Running …" line. */
const HEAD_ROWS = 2;

/**
 * What the running action is doing right now: a line saying so, then each live view it reports.
 * A view that does not fit the rows left shows its one-line summary instead.
 */
export function LivePanel({ stepLabel, mode, entries, width, maxRows = Infinity }: LivePanelProps) {
  const theme = useTheme();
  let left = maxRows - HEAD_ROWS;

  return (
    <Box flexDirection="column" marginTop={1}>
      <Text color={theme.color('running')} wrap="truncate-end">
        ● {mode === 'run' ? 'Running' : 'Checking'} {stepLabel} …
      </Text>
      {entries.map((entry) => {
        const { Component, rows } = liveViewFor(entry.view);
        const needed = rows(entry.update.state);
        if (left <= 0) return null;
        if (needed > left) {
          left -= 1;
          return (
            <Box key={entry.view} marginLeft={INDENT}>
              <Text wrap="truncate-end">{entry.update.summary}</Text>
            </Box>
          );
        }
        left -= needed;
        return (
          <Box key={entry.view} marginLeft={INDENT}>
            <Component update={entry.update} width={width - INDENT} />
          </Box>
        );
      })}
    </Box>
  );
}

/** Rows the panel takes when nothing limits it, margin included, for the layout. */
export function livePanelRows(entries: LiveEntry[]): number {
  return (
    HEAD_ROWS + entries.reduce((sum, entry) => sum + liveViewFor(entry.view).rows(entry.update.state), 0)
  );
}
