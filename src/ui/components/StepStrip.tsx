import { Box, Text } from 'ink';

import { useTheme } from '../hooks/use-theme.js';
import { STEP_LOOKS } from '../status.js';
import type { NumberedStep } from '../workshop-view.js';

export interface StepStripProps {
  steps: NumberedStep[];
  selectedId: string;
  runningId: string | null;
  width: number;
}

/**
 * The step list folded for a narrow terminal: where the learner is, and one symbol per step
 * (done, skipped, failed, to do) with the selected one marked.
 */
export function StepStrip({ steps, selectedId, runningId, width }: StepStripProps) {
  const theme = useTheme();
  const selected = steps.find((entry) => entry.step.id === selectedId);

  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">
        <Text bold>
          Step {selected ? selected.index + 1 : '?'} of {steps.length}
        </Text>
        <Text color={theme.color('muted')}> · {selected?.section.title ?? ''}</Text>
      </Text>
      <Text wrap="truncate-end">
        {steps.map((entry) => {
          const look = STEP_LOOKS[entry.step.id === runningId ? 'running' : entry.step.status];
          const isSelected = entry.step.id === selectedId;
          return (
            <Text
              key={entry.step.id}
              color={theme.color(look.role ?? 'muted')}
              bold={isSelected}
              underline={isSelected}
            >
              {look.symbol}
            </Text>
          );
        })}
      </Text>
    </Box>
  );
}
