import { Box } from 'ink';
import type { ReactNode } from 'react';

import { useTheme } from '../hooks/use-theme.js';

export interface PanelProps {
  width: number;
  height: number;
  children: ReactNode;
}

/** The rounded frame the step list and the step text sit in; what does not fit is cut, never wrapped out. */
export function Panel({ width, height, children }: PanelProps) {
  const theme = useTheme();
  return (
    <Box
      flexDirection="column"
      borderStyle="round"
      borderColor={theme.color('border')}
      paddingX={1}
      width={width}
      height={height}
      overflow="hidden"
    >
      {children}
    </Box>
  );
}
