import { describe, expect, it } from '@jest/globals';

import type { CheckOutcome, StepOutcome } from '../../src/engine/types.js';
import { FIX_HINT, planOutcome, wrappedRows } from '../../src/ui/components/outcome-plan.js';

const check = (id: string, ok: boolean, detail = 'short'): CheckOutcome => ({
  id,
  step: 's',
  title: id,
  ok,
  detail,
});

const outcome = (checks: CheckOutcome[], error?: string): StepOutcome => ({
  stepId: 's',
  status: checks.every((c) => c.ok) && !error ? 'done' : 'failed',
  checks,
  ...(error ? { error } : {}),
});

describe('planOutcome', () => {
  it('shows every check with its detail when there is room', () => {
    const plan = planOutcome(outcome([check('a', true), check('b', true)]), 80);
    expect(plan).toMatchObject({ mode: 'full', hidden: 0, showHint: false, rows: 2 + 4 });
  });

  it('counts wrapped details and the hint of a failed step', () => {
    const long = 'word '.repeat(30).trim();
    const plan = planOutcome(outcome([check('a', false, long)]), 40);
    expect(wrappedRows(long, 36)).toBeGreaterThan(1);
    expect(plan.rows).toBe(2 + 1 + wrappedRows(long, 36) + wrappedRows(FIX_HINT, 40));
    expect(plan.showHint).toBe(true);
  });

  it('goes to one line a check when the full view does not fit', () => {
    const plan = planOutcome(outcome([check('a', true), check('b', false), check('c', true)]), 80, 6);
    expect(plan).toMatchObject({ mode: 'compact', hidden: 0, showHint: false, rows: 5 });
  });

  it('keeps the failed checks and counts the rest when even that does not fit', () => {
    const checks = [check('a', true), check('b', true), check('c', false), check('d', true)];
    const plan = planOutcome(outcome(checks, 'AccessDenied'), 80, 6);

    expect(plan.checks.map((c) => c.id)).toEqual(['c', 'a']);
    expect(plan.hidden).toBe(2);
    expect(plan.rows).toBeLessThanOrEqual(6);
  });
});
