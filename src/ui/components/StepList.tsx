import { Text } from 'ink';
import { memo } from 'react';

import type { WorkshopView } from '../../engine/controller.js';
import { useTheme } from '../hooks/use-theme.js';
import { Panel } from './Panel.js';
import { windowAround } from '../scroll.js';
import { STEP_LOOKS, type StepDisplayState } from '../status.js';

export interface StepListProps {
  view: WorkshopView;
  selectedId: string;
  /** The step whose action or checks are running, shown as running whatever its saved status. */
  runningId: string | null;
  width: number;
  height: number;
}

type Row =
  | { kind: 'section'; key: string; number: number; title: string }
  | { kind: 'step'; key: string; id: string; title: string; state: StepDisplayState };

/** Border (2) and the title line. */
const CHROME_ROWS = 3;

/** Sections and their steps with each step's state; the selected step is pointed at and bold. */
export const StepList = memo(function StepList({
  view,
  selectedId,
  runningId,
  width,
  height,
}: StepListProps) {
  const theme = useTheme();
  const rows = listRows(view, runningId);
  const focus = Math.max(
    0,
    rows.findIndex((row) => row.kind === 'step' && row.id === selectedId),
  );
  const available = Math.max(2, height - CHROME_ROWS);
  // When the list does not fit, one row goes to the "↓ more" line.
  const { start, end } = windowAround(
    rows.length,
    focus,
    rows.length > available ? available - 1 : available,
  );

  return (
    <Panel width={width} height={height}>
      <Text color={theme.color('muted')}>Steps{start > 0 ? '  ↑ more' : ''}</Text>
      {rows.slice(start, end).map((row) => {
        if (row.kind === 'section') {
          return (
            <Text key={row.key} bold wrap="truncate-end">
              {row.number} {row.title}
            </Text>
          );
        }
        const look = STEP_LOOKS[row.state];
        const selected = row.id === selectedId;
        return (
          <Text key={row.key} wrap="truncate-end" bold={selected}>
            <Text color={theme.color('accent')}>{selected ? '› ' : '  '}</Text>
            <Text color={theme.color(look.role ?? 'muted')}>{look.symbol}</Text>{' '}
            <Text color={selected ? theme.color('accent') : undefined}>{row.title}</Text>
          </Text>
        );
      })}
      {end < rows.length && <Text color={theme.color('muted')}>↓ more</Text>}
    </Panel>
  );
});

function listRows(view: WorkshopView, runningId: string | null): Row[] {
  return view.sections.flatMap((section, sectionIndex): Row[] => [
    { kind: 'section', key: `section:${section.id}`, number: sectionIndex + 1, title: section.title },
    ...section.steps.map((step): Row => ({
      kind: 'step',
      key: `step:${step.id}`,
      id: step.id,
      title: step.title,
      state: step.id === runningId ? 'running' : step.status,
    })),
  ]);
}
