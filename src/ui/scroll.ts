/** Windows over long lists: the step list follows the selection, the step text follows the keys. */

export interface Window {
  start: number;
  /** Exclusive. */
  end: number;
}

/** A window of `size` rows out of `total` that contains `focus`, kept centred where it can be. */
export function windowAround(total: number, focus: number, size: number): Window {
  if (total <= size) return { start: 0, end: total };
  const start = Math.min(Math.max(0, focus - Math.floor(size / 2)), total - size);
  return { start, end: start + size };
}

/** The furthest the text can scroll: its last line at the bottom of the pane. */
export function maxScroll(totalLines: number, visibleLines: number): number {
  return Math.max(0, totalLines - visibleLines);
}

export function clampScroll(top: number, totalLines: number, visibleLines: number): number {
  return Math.min(Math.max(0, top), maxScroll(totalLines, visibleLines));
}
