import { Box, Text } from 'ink';

import type { StepOutcome } from '../../engine/types.js';
import { useTheme } from '../hooks/use-theme.js';
import { describeOutcome } from '../outcome-text.js';
import { STEP_LOOKS } from '../status.js';

export interface OutcomeViewProps {
  outcome: StepOutcome;
  width: number;
}

const DETAIL_INDENT = 4;

/** The last run or re-check of a step: each check with ✓ or ✗ and its detail, and the action's error. */
export function OutcomeView({ outcome, width }: OutcomeViewProps) {
  const theme = useTheme();
  const look = STEP_LOOKS[outcome.status];

  return (
    <Box flexDirection="column" marginTop={1}>
      <Text bold>
        <Text color={theme.color(look.role ?? 'muted')}>{look.symbol}</Text>{' '}
        {capitalize(describeOutcome(outcome))}
      </Text>

      {outcome.error && (
        <Box marginLeft={2}>
          <Text color={theme.color('error')}>{outcome.error}</Text>
        </Box>
      )}

      {outcome.checks.map((check) => (
        <Box key={check.id} flexDirection="column" marginLeft={2} width={width - 2}>
          <Text>
            <Text color={theme.color(check.ok ? 'success' : 'error')}>{check.ok ? '✓' : '✗'}</Text>{' '}
            {check.title}
          </Text>
          <Box marginLeft={DETAIL_INDENT - 2}>
            <Text color={theme.color('muted')}>{check.detail}</Text>
          </Box>
        </Box>
      ))}

      {outcome.status === 'failed' && (
        <Text color={theme.color('muted')}>
          Fix what the details say, then press c to check again or ⏎ to run the step again.
        </Text>
      )}
    </Box>
  );
}

/** Rows the view takes at this width, margin included; details and errors may wrap. */
export function outcomeRows(outcome: StepOutcome, width: number): number {
  const wrapped = (text: string, indent: number) =>
    Math.max(1, Math.ceil(text.length / Math.max(10, width - indent)));
  const checks = outcome.checks.reduce((sum, check) => sum + 1 + wrapped(check.detail, DETAIL_INDENT), 0);
  const hint = outcome.status === 'failed' ? 1 : 0;
  return 2 + (outcome.error ? wrapped(outcome.error, 2) : 0) + checks + hint;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
