/** One-line descriptions of a step's outcome, shared by the log and the outcome panel. */
import type { StepOutcome } from '../engine/types.js';

export function describeOutcome(outcome: StepOutcome): string {
  const total = outcome.checks.length;
  const passed = outcome.checks.filter((check) => check.ok).length;
  const checks = `${total} check${total === 1 ? '' : 's'}`;

  switch (outcome.status) {
    case 'done':
      if (total === 0) return 'done';
      if (total === 1) return passed === 1 ? 'done: the check passes' : 'done';
      return `done: ${passed === total ? 'all' : `${passed} of`} ${checks} pass`;
    case 'skipped':
      return 'skipped: its checks will still report it';
    case 'failed':
      if (outcome.error) return 'failed: the action stopped with an error';
      return `failed: ${total - passed} of ${checks} did not pass`;
    case 'pending':
      return outcome.error ? 'stopped before it finished' : 'not finished';
  }
}
