import { describe, expect, it } from '@jest/globals';

import { computeLayout, computeWidths, planScreen, SIDE_BY_SIDE_MIN_COLUMNS } from '../../src/ui/layout.js';
import { clampScroll, windowAround } from '../../src/ui/scroll.js';

describe('computeLayout', () => {
  it('puts the steps beside the text on a wide terminal and stacks them on a narrow one', () => {
    expect(computeWidths(120).stacked).toBe(false);
    expect(computeWidths(SIDE_BY_SIDE_MIN_COLUMNS - 1).stacked).toBe(true);
    expect(computeWidths(60).paneWidth).toBe(60);
  });

  it('never makes lines longer than a comfortable reading width', () => {
    expect(computeWidths(300).textWidth).toBeLessThanOrEqual(92);
  });

  it('keeps the whole screen shorter than the terminal, whatever sits below the body', () => {
    for (const belowRows of [0, 6, 14]) {
      const layout = computeLayout({ columns: 100, rows: 40, belowRows, textLines: 500, listRows: 10 });
      // header 3 + body + below + hints 2 must leave Ink its cursor line.
      expect(3 + layout.bodyRows + belowRows + 2).toBeLessThan(40);
      expect(layout.textRows).toBe(layout.bodyRows - 5);
    }
  });

  it('gives a short text a short body, and a long one all the room there is', () => {
    const short = computeLayout({ columns: 100, rows: 50, belowRows: 0, textLines: 4, listRows: 5 });
    const long = computeLayout({ columns: 100, rows: 50, belowRows: 0, textLines: 400, listRows: 5 });
    expect(short.bodyRows).toBeLessThan(long.bodyRows);
  });

  it('keeps at least a few lines of text while everything fits', () => {
    const layout = computeLayout({ columns: 100, rows: 24, belowRows: 6, textLines: 50, listRows: 5 });
    expect(layout.collapsed).toBe(false);
    expect(layout.textRows).toBeGreaterThanOrEqual(3);
  });

  it('folds the body to a title line when the terminal is too short, and hands the rows below', () => {
    const layout = computeLayout({ columns: 80, rows: 24, belowRows: 12, textLines: 50, listRows: 5 });

    expect(layout.collapsed).toBe(true);
    expect(layout.textRows).toBe(0);
    // header 3 + body + below + hints 2, with Ink's cursor line to spare.
    expect(3 + layout.bodyRows + layout.belowBudget + 2).toBeLessThan(24);
  });
});

describe('planScreen', () => {
  const base = {
    columns: 80,
    rows: 24,
    textLines: 40,
    listRows: 6,
    liveRows: 0,
    outcomeRows: 0,
    promptRows: 0,
  };

  it('gives every part what it asks for when it all fits', () => {
    const plan = planScreen({ ...base, rows: 60, liveRows: 6, promptRows: 2 });
    expect(plan.layout.collapsed).toBe(false);
    expect(plan.liveBudget).toBe(6);
  });

  it('keeps the prompt, then the live part, and gives the outcome what is left', () => {
    const plan = planScreen({ ...base, liveRows: 12, outcomeRows: 9, promptRows: 2 });
    expect(plan.layout.collapsed).toBe(true);
    expect(plan.liveBudget).toBe(12);
    expect(plan.liveBudget + plan.outcomeBudget + 2).toBeLessThanOrEqual(plan.layout.belowBudget);
  });

  it('hides the outcome rather than showing a headline cut in half', () => {
    const plan = planScreen({ ...base, liveRows: 14, outcomeRows: 9, promptRows: 0 });
    expect(plan.outcomeBudget).toBe(0);
  });
});

describe('scrolling', () => {
  it.each([
    [10, 0, 5, 0, 5],
    [10, 9, 5, 5, 10],
    [10, 5, 5, 3, 8],
    [3, 2, 5, 0, 3],
  ])('a window over %i rows around row %i of size %i is %i..%i', (total, focus, size, start, end) => {
    expect(windowAround(total, focus, size)).toEqual({ start, end });
  });

  it('clamps the text between its first line and its last screenful', () => {
    expect(clampScroll(-3, 50, 10)).toBe(0);
    expect(clampScroll(100, 50, 10)).toBe(40);
    expect(clampScroll(100, 5, 10)).toBe(0);
  });
});
