import { Box, Text } from 'ink';

import type { WorkshopView } from '../../engine/controller.js';
import { useTheme } from '../hooks/use-theme.js';
import { STEP_LOOKS } from '../status.js';
import { countStatuses, numberedSteps } from '../workshop-view.js';

export interface FinishedScreenProps {
  view: WorkshopView;
  width: number;
}

/** The commands to run after the workshop, with why. Shown as written: the learner types them. */
const NEXT_COMMANDS = [
  { command: 'themepark-workshop verify', why: 'checks everything again, and changes nothing' },
  { command: 'themepark-workshop cleanup', why: 'deletes what the workshop made, so it costs nothing more (or press x now)' },
];

/** After the last step: what was done, per section, and the two commands that come next. */
export function FinishedScreen({ view, width }: FinishedScreenProps) {
  const theme = useTheme();
  const counts = countStatuses(numberedSteps(view).map((entry) => entry.step));
  const complete = counts.done + counts.skipped === counts.total;

  return (
    <Box
      flexDirection="column"
      borderStyle="round"
      borderColor={theme.color('border')}
      paddingX={2}
      paddingY={1}
      width={Math.min(width, 96)}
    >
      <Text bold color={theme.color(complete ? 'success' : 'accent')}>
        {complete ? 'You made it to the end of the workshop.' : 'This is the end of the workshop.'}
      </Text>
      <Text>
        {counts.done} of {counts.total} steps done
        {counts.skipped > 0 && `, ${counts.skipped} skipped`}
        {counts.failed > 0 && `, ${counts.failed} failed`}
        {counts.pending > 0 && `, ${counts.pending} still to do`}.
      </Text>

      <Box flexDirection="column" marginTop={1}>
        {view.sections.map((section, index) => {
          const sectionCounts = countStatuses(section.steps);
          const state =
            sectionCounts.failed > 0
              ? 'failed'
              : sectionCounts.pending > 0
                ? 'pending'
                : sectionCounts.skipped > 0
                  ? 'skipped'
                  : 'done';
          const look = STEP_LOOKS[state];
          return (
            <Text key={section.id} wrap="truncate-end">
              <Text color={theme.color(look.role ?? 'muted')}>{look.symbol}</Text> {index + 1} {section.title}
              <Text color={theme.color('muted')}>
                {'  '}
                {sectionCounts.done}/{sectionCounts.total} done
              </Text>
            </Text>
          );
        })}
      </Box>

      <Box flexDirection="column" marginTop={1}>
        <Text bold>What next</Text>
        {NEXT_COMMANDS.map((next) => (
          <Box key={next.command} flexDirection="column" marginLeft={2}>
            <Text color={theme.color('code')}>{next.command}</Text>
            <Box marginLeft={2}>
              <Text color={theme.color('muted')}>{next.why}</Text>
            </Box>
          </Box>
        ))}
        {!complete && (
          <Text color={theme.color('muted')}>Press b to go back to the steps that are not done yet.</Text>
        )}
      </Box>
    </Box>
  );
}
