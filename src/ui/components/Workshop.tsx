import { Box, useApp } from 'ink';
import { useCallback, useEffect, useState } from 'react';

import type { WorkshopController } from '../../engine/controller.js';
import { useQuestion } from '../hooks/use-question.js';
import { useRunnerEvents } from '../hooks/use-runner-events.js';
import { useStepText } from '../hooks/use-step-text.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { useTextScroll } from '../hooks/use-text-scroll.js';
import { useWorkshop } from '../hooks/use-workshop.js';
import { useWorkshopKeys, type PromptState } from '../hooks/use-workshop-keys.js';
import { computeWidths, planScreen } from '../layout.js';
import { hintsFor, promptMessage } from '../workshop-hints.js';
import type { WorkshopExit } from '../workshop-exit.js';
import { allPassed, findStep } from '../workshop-view.js';
import { EventLog } from './EventLog.js';
import { FinishedScreen } from './FinishedScreen.js';
import { KeyHints } from './KeyHints.js';
import { LivePanel, livePanelRows } from './LivePanel.js';
import { planOutcome } from './outcome-plan.js';
import { OutcomeView } from './OutcomeView.js';
import { PromptLine, promptLineRows } from './PromptLine.js';
import { WorkshopBody } from './WorkshopBody.js';

export interface WorkshopProps {
  controller: WorkshopController;
  startStepId?: string;
  debug?: boolean;
  /** Shortest time between two renders caused by runner events. */
  frameMs: number;
}

/**
 * The workshop screen, top to bottom:
 *
 *   log of finished lines   <Static>: printed once, scrolls away with the terminal
 *   header · steps | text   fixed height, sized so the whole live region fits the terminal
 *   live views              while an action runs, at most one frame per frameMs
 *   outcome · prompt · keys
 */
export function Workshop({ controller, startStepId, debug, frameMs }: WorkshopProps) {
  const app = useApp();
  const { columns, rows } = useTerminalSize();
  const events = useRunnerEvents(controller, { frameMs, showDebug: debug });
  const question = useQuestion(controller);
  const [crash, setCrash] = useState<Error | null>(null);
  const workshop = useWorkshop(controller, {
    startStepId,
    note: events.note,
    clearLive: events.clearLive,
    crash: setCrash,
  });
  const [prompt, setPrompt] = useState<PromptState | null>(null);
  const [quitting, setQuitting] = useState(false);
  const [showCommands, setShowCommands] = useState(false);

  const { view, selectedId, running } = workshop;
  const selected = findStep(view, selectedId);
  const runningStep = running ? findStep(view, running.stepId) : undefined;
  const outcome = running?.stepId === selectedId ? undefined : workshop.outcomes[selectedId];
  const promptText = promptMessage(question.question, prompt, quitting);
  const lines = useStepText(controller, selectedId, showCommands, computeWidths(columns).textWidth);
  const { layout, liveBudget, outcomeBudget } = planScreen({
    columns,
    rows,
    textLines: lines.length,
    listRows: view.sections.reduce((sum, section) => sum + 1 + section.steps.length, 0),
    liveRows: runningStep ? livePanelRows(events.live) : 0,
    outcomeRows: outcome ? planOutcome(outcome, columns).rows : 0,
    promptRows: promptText ? promptLineRows(promptText, columns) : 0,
  });
  const textScroll = useTextScroll(lines.length, layout.textRows);

  const leave = useCallback(
    (reason: WorkshopExit['reason']) =>
      app.exit({ reason, allPassed: allPassed(controller.view()) } satisfies WorkshopExit),
    [app, controller],
  );

  useEffect(() => {
    if (quitting && !running) leave('quit');
  }, [quitting, running, leave]);

  const keyMode = useWorkshopKeys({
    controller,
    workshop,
    question,
    prompt,
    setPrompt,
    quitting,
    setQuitting,
    toggleCommands: () => {
      setShowCommands((shown) => !shown);
      textScroll.reset();
    },
    scroll: textScroll.scroll,
    moved: textScroll.reset,
    leave,
  });

  // Thrown here so the error boundary shows it like any render error.
  if (crash) throw crash;

  const hints = hintsFor(keyMode, {
    running: running !== null,
    selectedDone: selected?.step.status === 'done',
  });
  const promptLine = promptText && (
    <PromptLine message={promptText} kind={quitting ? 'notice' : 'question'} />
  );

  return (
    <>
      <EventLog entries={events.log} debug={debug} />

      {workshop.screen === 'finished' ? (
        <Box flexDirection="column">
          <FinishedScreen view={view} width={columns} />
          {promptLine}
          <KeyHints hints={hints} width={columns} />
        </Box>
      ) : (
        <Box flexDirection="column">
          <WorkshopBody
            view={view}
            selected={selected}
            runningId={running?.stepId ?? null}
            layout={layout}
            columns={columns}
            lines={lines}
            scrollTop={textScroll.top}
            showCommands={showCommands}
          />
          {running && runningStep && (
            <LivePanel
              stepLabel={`${runningStep.number} ${runningStep.step.title}`}
              mode={running.mode}
              entries={events.live}
              width={columns}
              maxRows={liveBudget}
            />
          )}
          {outcome && outcomeBudget > 0 && (
            <OutcomeView outcome={outcome} width={columns} maxRows={outcomeBudget} />
          )}
          {promptLine}
          <KeyHints hints={hints} width={columns} />
        </Box>
      )}
    </>
  );
}
