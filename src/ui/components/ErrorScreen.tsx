import { Box, Text, useInput } from 'ink';

import { useTheme } from '../hooks/use-theme.js';

export interface ErrorScreenProps {
  error: Error;
  /** Show the stack trace: for the people fixing the bug, not the learner. */
  debug?: boolean;
  /** Called on q, Enter, Esc or Ctrl-C. @default the screen stays until the app is closed otherwise */
  onLeave?: () => void;
}

/** Frames of node's own modules and of dependencies say nothing about where our bug is. */
const NOISE = /node:internal|node_modules/;

/**
 * An exception nobody expected. It is our bug, not the learner's doing, so the screen says so and
 * what to do; the stack trace only appears in debug mode.
 */
export function ErrorScreen({ error, debug = false, onLeave }: ErrorScreenProps) {
  const theme = useTheme();
  useInput(
    (input, key) => {
      if (input === 'q' || key.return || key.escape || (key.ctrl && input === 'c')) onLeave?.();
    },
    { isActive: onLeave !== undefined },
  );
  const frames = (error.stack ?? '')
    .split('\n')
    .slice(1)
    .map((line) => line.trim())
    .filter((line) => line && !NOISE.test(line));

  return (
    <Box flexDirection="column" paddingY={1}>
      <Text>
        <Text bold inverse color={theme.color('error')}>
          {' ERROR '}
        </Text>{' '}
        {error.message || String(error)}
      </Text>

      {debug && frames.length > 0 && (
        <Box flexDirection="column" marginTop={1} marginLeft={2}>
          {frames.map((frame, index) => (
            <Text key={index} color={theme.color('muted')} wrap="truncate-end">
              {frame}
            </Text>
          ))}
        </Box>
      )}

      <Box marginTop={1}>
        <Text color={theme.color('muted')}>
          This is a bug in themepark-workshop, not something you did. Steps that finished are saved; run the
          workshop again to carry on. Press q to leave.
        </Text>
      </Box>
    </Box>
  );
}
