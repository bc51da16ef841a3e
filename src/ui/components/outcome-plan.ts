/**
 * How much of a step's outcome fits in the rows the layout left for it. In full, each check takes a
 * title line and its wrapped detail; compact, one line each; tighter still, failed checks first and
 * a count of the rest. The learner always sees the headline and whatever failed.
 */
import type { CheckOutcome, StepOutcome } from '../../engine/types.js';
import { wrapSpans } from '../markdown/wrap.js';

export const FIX_HINT = 'Fix what the details say, then press c to check again or ⏎ to run the step again.';

export const DETAIL_INDENT = 4;

export interface OutcomePlan {
  mode: 'full' | 'compact';
  checks: CheckOutcome[];
  /** Checks left out for room; the view says how many. */
  hidden: number;
  showHint: boolean;
  /** Rows the planned view takes, its top margin included. */
  rows: number;
}

/** Lines a text takes when Ink wraps it at `width`: the same greedy word wrap as ours. */
export function wrappedRows(text: string, width: number): number {
  return wrapSpans([{ text, style: {} }], Math.max(10, width)).length;
}

export function planOutcome(outcome: StepOutcome, width: number, maxRows = Infinity): OutcomePlan {
  const failed = outcome.status === 'failed';
  const errorRows = outcome.error ? wrappedRows(outcome.error, width - 2) : 0;
  const hintRows = failed ? wrappedRows(FIX_HINT, width) : 0;
  const detailRows = outcome.checks.reduce(
    (sum, check) => sum + 1 + wrappedRows(check.detail, width - DETAIL_INDENT),
    0,
  );

  const full = 2 + errorRows + detailRows + hintRows;
  if (full <= maxRows)
    return { mode: 'full', checks: outcome.checks, hidden: 0, showHint: failed, rows: full };

  // Compact: one line per check, the error cut to one line, no hint.
  const fixed = 2 + (outcome.error ? 1 : 0);
  if (fixed + outcome.checks.length <= maxRows) {
    return {
      mode: 'compact',
      checks: outcome.checks,
      hidden: 0,
      showHint: false,
      rows: fixed + outcome.checks.length,
    };
  }

  // Tighter: the failed checks first, then a line counting what was left out.
  const room = Math.max(0, maxRows - fixed - 1);
  const ordered = [...outcome.checks.filter((c) => !c.ok), ...outcome.checks.filter((c) => c.ok)];
  const shown = ordered.slice(0, room);
  const hidden = outcome.checks.length - shown.length;
  return {
    mode: 'compact',
    checks: shown,
    hidden,
    showHint: false,
    rows: fixed + shown.length + (hidden > 0 ? 1 : 0),
  };
}
