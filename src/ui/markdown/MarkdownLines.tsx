import { Box, Text } from 'ink';
import { memo } from 'react';

import { useTheme } from '../hooks/use-theme.js';
import type { ColorRole } from '../theme.js';
import type { MdLine, SpanRole } from './types.js';

export interface MarkdownLinesProps {
  /** Lines from markdownToLines, already wrapped; each becomes exactly one terminal row. */
  lines: MdLine[];
}

const ROLE_COLORS: Partial<Record<SpanRole, ColorRole>> = {
  heading: 'heading',
  code: 'code',
  codeblock: 'code',
  link: 'link',
  marker: 'accent',
  muted: 'muted',
};

/**
 * Draws laid-out Markdown lines. Memoized on the lines array, so a live frame elsewhere in the app
 * does not touch the step text at all.
 */
export const MarkdownLines = memo(function MarkdownLines({ lines }: MarkdownLinesProps) {
  const theme = useTheme();

  return (
    <Box flexDirection="column">
      {lines.map((line, row) => (
        // Rows are positional and the list is replaced as a whole when the text changes.
        <Text key={row} wrap="truncate-end">
          {line.length === 0
            ? ' '
            : line.map((span, index) => {
                const role = span.style.role ? ROLE_COLORS[span.style.role] : undefined;
                return (
                  <Text
                    key={index}
                    color={role ? theme.color(role) : undefined}
                    bold={span.style.bold}
                    italic={span.style.italic}
                    strikethrough={span.style.strike}
                  >
                    {span.text}
                  </Text>
                );
              })}
        </Text>
      ))}
    </Box>
  );
});
