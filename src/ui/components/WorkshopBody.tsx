import { Box, Text } from 'ink';

import type { WorkshopView } from '../../engine/controller.js';
import type { Layout } from '../layout.js';
import type { MdLine } from '../markdown/index.js';
import { STRIP_ROWS } from '../layout.js';
import { useTheme } from '../hooks/use-theme.js';
import { countStatuses, numberedSteps, type NumberedStep } from '../workshop-view.js';
import { Header } from './Header.js';
import { StepList } from './StepList.js';
import { StepPane } from './StepPane.js';
import { StepStrip } from './StepStrip.js';

export interface WorkshopBodyProps {
  view: WorkshopView;
  selected: NumberedStep | undefined;
  runningId: string | null;
  layout: Layout;
  columns: number;
  /** The pane's text, laid out for layout.textWidth. */
  lines: MdLine[];
  scrollTop: number;
  showCommands: boolean;
}

/** Header, then the steps beside the text (or, on a narrow terminal, a strip above it). */
export function WorkshopBody({
  view,
  selected,
  runningId,
  layout,
  columns,
  lines,
  scrollTop,
  showCommands,
}: WorkshopBodyProps) {
  const theme = useTheme();
  const steps = numberedSteps(view);
  const counts = countStatuses(steps.map((entry) => entry.step));
  const selectedId = selected?.step.id ?? '';

  const pane = (
    <StepPane
      number={selected?.number ?? ''}
      title={selected?.step.title ?? ''}
      state={selected && runningId === selectedId ? 'running' : (selected?.step.status ?? 'pending')}
      showingCommands={showCommands}
      lines={lines}
      scrollTop={scrollTop}
      textRows={layout.textRows}
      width={layout.paneWidth}
      height={layout.stacked ? layout.bodyRows - STRIP_ROWS : layout.bodyRows}
    />
  );

  const strip = <StepStrip steps={steps} selectedId={selectedId} runningId={runningId} width={columns} />;

  if (layout.collapsed) {
    return (
      <Box flexDirection="column" width={columns} marginTop={1}>
        <Header title={view.title} where={view.where} done={counts.done} total={counts.total} />
        {layout.stacked && strip}
        <Text bold wrap="truncate-end">
          {selected ? `${selected.number}  ${selected.step.title}` : ''}
          <Text color={theme.color('muted')}> · a taller terminal shows the text here</Text>
        </Text>
      </Box>
    );
  }

  return (
    <Box flexDirection="column" width={columns} marginTop={1}>
      <Header title={view.title} where={view.where} done={counts.done} total={counts.total} />
      {layout.stacked ? (
        <Box flexDirection="column" height={layout.bodyRows}>
          {strip}
          {pane}
        </Box>
      ) : (
        <Box height={layout.bodyRows} gap={1}>
          <StepList
            view={view}
            selectedId={selectedId}
            runningId={runningId}
            width={layout.listWidth}
            height={layout.bodyRows}
          />
          {pane}
        </Box>
      )}
    </Box>
  );
}
