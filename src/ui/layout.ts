/**
 * Where things go on screen, from the terminal's size. Ink redraws the live region in place only
 * while it is shorter than the terminal; taller, it clears the screen on every frame and flickers.
 * So the body gets a bounded height: no more than the rows left after the header, the hints and
 * whatever sits below it (live views, the outcome, a prompt); long step text scrolls inside it.
 * Short texts get a shorter body, so the app stays compact instead of a screen of empty boxes.
 */

/** Below this width the step list folds into a one-line strip above the text. */
export const SIDE_BY_SIDE_MIN_COLUMNS = 90;

/** Lines longer than this are hard to read; wide terminals get margins, not longer lines. */
const MAX_TEXT_WIDTH = 92;

/** A blank line under the log, the header line, and a blank line under it. */
const HEADER_ROWS = 3;
const HINT_ROWS = 2;
/** Ink keeps the cursor on a line under the output; one more row absorbs a line that wrapped unforeseen. */
const SPARE_ROWS = 2;
/** Pane border (2), title and the blank line under it (2), the scroll line (1). */
const PANE_CHROME_ROWS = 5;
/** List border (2) and its title line. */
const LIST_CHROME_ROWS = 3;
export const STRIP_ROWS = 2;
const MIN_TEXT_ROWS = 3;
/** Steps of different lengths keep the same height up to here, so moving between them does not jump. */
const STEADY_BODY_ROWS = 12;

export interface Widths {
  stacked: boolean;
  listWidth: number;
  paneWidth: number;
  /** Columns for the step text inside the pane's border and padding. */
  textWidth: number;
}

export function computeWidths(columns: number): Widths {
  const stacked = columns < SIDE_BY_SIDE_MIN_COLUMNS;
  const listWidth = stacked ? 0 : clamp(Math.round(columns * 0.3), 28, 40);
  const paneWidth = Math.min(stacked ? columns : columns - listWidth - 1, MAX_TEXT_WIDTH + 4);
  return { stacked, listWidth, paneWidth, textWidth: Math.max(20, paneWidth - 4) };
}

export interface LayoutInput {
  columns: number;
  rows: number;
  /** Rows taken by what is shown under the body. */
  belowRows: number;
  /** Lines of the step text, laid out at computeWidths(columns).textWidth. */
  textLines: number;
  /** Rows of the step list: sections plus steps. */
  listRows: number;
}

export interface Layout extends Widths {
  /**
   * The terminal is too short for the text and what sits below it: the body folds to the step's
   * title line (and the strip), and the text waits until the live part or the outcome is gone.
   */
  collapsed: boolean;
  /** Height of the body: the list and the pane side by side, or the strip and the pane stacked. */
  bodyRows: number;
  /** Lines of step text visible at once (0 when collapsed). */
  textRows: number;
  /** Rows left for what sits below the body; the live panel and the outcome fit themselves into it. */
  belowBudget: number;
}

/** A folded body: the step's title line, under the strip when stacked. */
const COLLAPSED_ROWS = 1;

export function computeLayout(input: LayoutInput): Layout {
  const widths = computeWidths(input.columns);
  const strip = widths.stacked ? STRIP_ROWS : 0;
  const available = input.rows - HEADER_ROWS - HINT_ROWS - SPARE_ROWS;
  const minimum = PANE_CHROME_ROWS + MIN_TEXT_ROWS + strip;

  if (available - input.belowRows < minimum) {
    const bodyRows = COLLAPSED_ROWS + strip;
    return {
      ...widths,
      collapsed: true,
      bodyRows,
      textRows: 0,
      belowBudget: Math.max(0, available - bodyRows),
    };
  }

  const needed = Math.max(
    input.textLines + PANE_CHROME_ROWS + strip,
    widths.stacked ? 0 : input.listRows + LIST_CHROME_ROWS,
    STEADY_BODY_ROWS,
  );
  const bodyRows = Math.min(available - input.belowRows, needed);
  return {
    ...widths,
    collapsed: false,
    bodyRows,
    textRows: bodyRows - PANE_CHROME_ROWS - strip,
    belowBudget: input.belowRows,
  };
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

export interface ScreenPlanInput {
  columns: number;
  rows: number;
  textLines: number;
  listRows: number;
  /** Rows each part below the body would take with no limit (0 when it is not shown). */
  liveRows: number;
  outcomeRows: number;
  promptRows: number;
}

export interface ScreenPlan {
  layout: Layout;
  liveBudget: number;
  /** 0 when the outcome is not to be shown at all. */
  outcomeBudget: number;
}

/** Margin, headline, one check and a "more" line. */
const MIN_OUTCOME_ROWS = 4;

/**
 * The layout, and how the rows under the body are shared when they are short: the prompt keeps its
 * rows (it waits for an answer), the live part comes next, the outcome takes the rest.
 */
export function planScreen(input: ScreenPlanInput): ScreenPlan {
  const { liveRows, outcomeRows, promptRows } = input;
  const layout = computeLayout({ ...input, belowRows: liveRows + outcomeRows + promptRows });
  const liveBudget = Math.max(0, Math.min(liveRows, layout.belowBudget - promptRows));
  const outcomeLeft = Math.max(0, layout.belowBudget - promptRows - liveBudget);
  // Too few rows for even a headline, a check and a "more" line: the log line above has to do.
  const outcomeBudget = outcomeLeft >= Math.min(MIN_OUTCOME_ROWS, outcomeRows) ? outcomeLeft : 0;
  return { layout, liveBudget, outcomeBudget };
}
