import { Box, Text } from 'ink';

import { useTheme } from '../hooks/use-theme.js';

export interface HeaderProps {
  title: string;
  /** Where the workshop runs: "sandbox", or the AWS account and region. */
  where: string;
  done: number;
  total: number;
}

export function Header({ title, where, done, total }: HeaderProps) {
  const theme = useTheme();

  return (
    <Box justifyContent="space-between" marginBottom={1}>
      <Text bold color={theme.color('accent')} wrap="truncate-end">
        {title}
      </Text>
      <Text color={theme.color('muted')} wrap="truncate-start">
        {where} · {done}/{total} done
      </Text>
    </Box>
  );
}
