/** How step statuses and event levels look: one symbol and one colour role each. */
import type { Level, StepStatus } from '../engine/types.js';
import type { ColorRole } from './theme.js';

/** A step's state in the list; `running` is the UI's own, while its action or checks run. */
export type StepDisplayState = StepStatus | 'running';

interface Look {
  symbol: string;
  role?: ColorRole;
  label: string;
}

export const STEP_LOOKS: Record<StepDisplayState, Look> = {
  pending: { symbol: '○', role: 'muted', label: 'to do' },
  running: { symbol: '●', role: 'running', label: 'running' },
  done: { symbol: '✓', role: 'success', label: 'done' },
  skipped: { symbol: '↷', role: 'warning', label: 'skipped' },
  failed: { symbol: '✗', role: 'error', label: 'failed' },
};

export const LEVEL_LOOKS: Record<Level, Look> = {
  debug: { symbol: '·', role: 'muted', label: 'debug' },
  info: { symbol: '›', role: 'accent', label: 'info' },
  success: { symbol: '✓', role: 'success', label: 'ok' },
  warn: { symbol: '!', role: 'warning', label: 'warning' },
  error: { symbol: '✗', role: 'error', label: 'error' },
};
