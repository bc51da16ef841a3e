import { Box, Text } from 'ink';

import type { StepOutcome } from '../../engine/types.js';
import { useTheme } from '../hooks/use-theme.js';
import { describeOutcome } from '../outcome-text.js';
import { STEP_LOOKS } from '../status.js';
import { DETAIL_INDENT, FIX_HINT, planOutcome } from './outcome-plan.js';

export interface OutcomeViewProps {
  outcome: StepOutcome;
  width: number;
  /** Rows it may take, margin included. @default as many as it needs */
  maxRows?: number;
}

/** The last run or re-check of a step: each check with ✓ or ✗ and its detail, and the action's error. */
export function OutcomeView({ outcome, width, maxRows }: OutcomeViewProps) {
  const theme = useTheme();
  const look = STEP_LOOKS[outcome.status];
  const plan = planOutcome(outcome, width, maxRows);
  const compact = plan.mode === 'compact';

  return (
    <Box flexDirection="column" marginTop={1}>
      <Text bold wrap="truncate-end">
        <Text color={theme.color(look.role ?? 'muted')}>{look.symbol}</Text>{' '}
        {capitalize(describeOutcome(outcome))}
      </Text>

      {outcome.error && (
        <Box marginLeft={2}>
          <Text color={theme.color('error')} wrap={compact ? 'truncate-end' : 'wrap'}>
            {outcome.error}
          </Text>
        </Box>
      )}

      {plan.checks.map((check) => (
        <Box key={check.id} flexDirection="column" marginLeft={2} width={width - 2}>
          <Text wrap="truncate-end">
            <Text color={theme.color(check.ok ? 'success' : 'error')}>{check.ok ? '✓' : '✗'}</Text>{' '}
            {check.title}
            {compact && <Text color={theme.color('muted')}> · {check.detail}</Text>}
          </Text>
          {!compact && (
            <Box marginLeft={DETAIL_INDENT - 2}>
              <Text color={theme.color('muted')}>{check.detail}</Text>
            </Box>
          )}
        </Box>
      ))}

      {plan.hidden > 0 && (
        <Text
          color={theme.color('muted')}
        >{`  … and ${plan.hidden} more (a taller terminal shows them)`}</Text>
      )}
      {plan.showHint && <Text color={theme.color('muted')}>{FIX_HINT}</Text>}
    </Box>
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
