import { Box, Text } from 'ink';
import { memo, useMemo } from 'react';

import { useTheme } from '../hooks/use-theme.js';
import { Panel } from './Panel.js';
import { MarkdownLines, type MdLine } from '../markdown/index.js';
import { STEP_LOOKS, type StepDisplayState } from '../status.js';

export interface StepPaneProps {
  /** "1.2", or empty when there is no step. */
  number: string;
  title: string;
  state: StepDisplayState;
  /** True when the pane shows the step's AWS CLI commands instead of its text. */
  showingCommands: boolean;
  /** The whole text, laid out for the pane's width. */
  lines: MdLine[];
  scrollTop: number;
  /** Lines of text visible at once. */
  textRows: number;
  width: number;
  height: number;
}

/** The selected step's text (or its commands) in a bordered pane that scrolls. */
export const StepPane = memo(function StepPane(props: StepPaneProps) {
  const { number, title, state, showingCommands, lines, scrollTop, textRows, width, height } = props;
  const theme = useTheme();
  const look = STEP_LOOKS[state];
  // A new array only when the window moves, so MarkdownLines skips live frames entirely.
  const visible = useMemo(() => lines.slice(scrollTop, scrollTop + textRows), [lines, scrollTop, textRows]);
  const below = Math.max(0, lines.length - scrollTop - textRows);

  return (
    <Panel width={width} height={height}>
      <Box justifyContent="space-between">
        <Text bold wrap="truncate-end">
          {showingCommands ? 'AWS CLI · ' : ''}
          {number ? `${number}  ` : ''}
          {title}
        </Text>
        <Text color={theme.color(look.role ?? 'muted')}>
          {look.symbol} {look.label}
        </Text>
      </Box>

      <Box flexDirection="column" marginTop={1} flexGrow={1}>
        <MarkdownLines lines={visible} />
      </Box>

      <Text color={theme.color('muted')} wrap="truncate-end">
        {scrollHint(scrollTop, below)}
      </Text>
    </Panel>
  );
});

function scrollHint(above: number, below: number): string {
  if (above === 0 && below === 0) return ' ';
  const parts = [above > 0 ? `${above} lines above` : '', below > 0 ? `${below} more below` : ''].filter(
    Boolean,
  );
  return `${parts.join(' · ')} · ↑↓ scroll`;
}
