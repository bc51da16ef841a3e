import { Box, Text } from 'ink';
import { Fragment } from 'react';

import { useTheme } from '../hooks/use-theme.js';

export interface KeyHint {
  keys: string;
  label: string;
  /** Drawn in the accent colour: the key the learner most likely wants next. */
  emphasis?: boolean;
  /** May be left out when the line is too narrow. @default false: always shown */
  optional?: boolean;
}

export interface KeyHintsProps {
  hints: KeyHint[];
  /** Columns available. */
  width: number;
}

const GAP = '  ';

/** Leave out optional hints, last first, until the line fits: a whole hint gone beats half of "quit". */
export function fitHints(hints: KeyHint[], width: number): KeyHint[] {
  const kept = [...hints];
  const length = () =>
    kept.reduce(
      (sum, hint, i) => sum + (i > 0 ? GAP.length : 0) + hint.keys.length + 1 + hint.label.length,
      0,
    );
  while (length() > width) {
    const index = kept.map((hint) => hint.optional).lastIndexOf(true);
    if (index < 0) break;
    kept.splice(index, 1);
  }
  return kept;
}

/** One line of keys at the bottom; cut, never wrapped, so the layout's height stays true. */
export function KeyHints({ hints, width }: KeyHintsProps) {
  const theme = useTheme();
  const shown = fitHints(hints, width);

  return (
    <Box marginTop={1}>
      <Text wrap="truncate-end">
        {shown.map((hint, index) => (
          <Fragment key={hint.keys}>
            {index > 0 && <Text color={theme.color('muted')}>{GAP}</Text>}
            <Text bold color={hint.emphasis ? theme.color('accent') : undefined}>
              {hint.keys}
            </Text>
            <Text color={theme.color('muted')}> {hint.label}</Text>
          </Fragment>
        ))}
      </Text>
    </Box>
  );
}
