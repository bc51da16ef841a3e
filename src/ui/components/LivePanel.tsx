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
}

const INDENT = 2;

/** What the running action is doing right now: a line saying so, then each live view it reports. */
export function LivePanel({ stepLabel, mode, entries, width }: LivePanelProps) {
  const theme = useTheme();

  return (
    <Box flexDirection="column" marginTop={1}>
      <Text color={theme.color('running')} wrap="truncate-end">
        ● {mode === 'run' ? 'Running' : 'Checking'} {stepLabel} …
      </Text>
      {entries.map((entry) => {
        const { Component } = liveViewFor(entry.view);
        return (
          <Box key={entry.view} marginLeft={INDENT}>
            <Component update={entry.update} width={width - INDENT} />
          </Box>
        );
      })}
    </Box>
  );
}

/** Rows the panel takes, margin included, for the layout. */
export function livePanelRows(entries: LiveEntry[]): number {
  return 2 + entries.reduce((sum, entry) => sum + liveViewFor(entry.view).rows(entry.update.state), 0);
}
