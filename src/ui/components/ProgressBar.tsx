import { Text } from 'ink';

import { useTheme } from '../hooks/use-theme.js';

export interface ProgressBarProps {
  /** Share done, 0..1; values outside are clamped. */
  fraction: number;
  /** Width in columns. */
  width: number;
}

/** A plain block bar: the fill carries the meaning, so it still reads without colour. */
export function ProgressBar({ fraction, width }: ProgressBarProps) {
  const theme = useTheme();
  const size = Math.max(1, Math.floor(width));
  const filled = Math.round(Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0)) * size);

  return (
    <Text>
      <Text color={theme.color('accent')}>{'█'.repeat(filled)}</Text>
      <Text color={theme.color('muted')}>{'░'.repeat(size - filled)}</Text>
    </Text>
  );
}
