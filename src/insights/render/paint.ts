/**
 * What every insights renderer shares: the options, a chalk that honours
 * noColor, bars drawn to an eighth of a cell, the rating colour scale, and
 * number formats. Renderers return lines of text (no trailing newline), so
 * the CLI prints them and the Ink app or the step's events show them.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import stripAnsi from 'strip-ansi';

export interface RenderOptions {
  /** Plain text, no escape codes. @default false */
  noColor?: boolean;
  /** Columns the lines may use. @default 80 */
  width?: number;
}

export interface Paint {
  chalk: ChalkInstance;
  noColor: boolean;
  width: number;
}

/** Narrower than this and the charts lose their shape; wider adds nothing. */
const MIN_WIDTH = 64;
const MAX_WIDTH = 120;

export function paintFor(options: RenderOptions = {}): Paint {
  const noColor = options.noColor ?? false;
  const width = Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, Math.floor(options.width ?? 80)));
  // Level 1 (16 colours) is what every terminal that shows colour at all can show.
  return { chalk: new Chalk({ level: noColor ? 0 : 1 }), noColor, width };
}

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A bar of `value / max` of `cells` character cells, to an eighth of a cell. */
export function bar(value: number, max: number, cells: number): string {
  if (!(max > 0) || !(value > 0)) return '';
  const eighths = Math.round((Math.min(value, max) / max) * cells * 8);
  return '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8]!;
}

/** The section title, with what QuickSight shows it from, and a blank line before it. */
export function heading(paint: Paint, label: string, title: string, from?: string): string[] {
  const line = `${paint.chalk.bold.cyan(label)}  ${paint.chalk.bold(title)}`;
  if (!from) return ['', line];
  const fits = label.length + 2 + title.length + 2 + from.length + 2 <= paint.width;
  return fits
    ? ['', `${line}  ${paint.chalk.dim(`(${from})`)}`]
    : ['', line, ...wrap(`(${from})`, paint.width).map((l) => paint.chalk.dim(l))];
}

/** Rating bands for the tree map's colour: low ratings red, high green. */
export const RATING_BANDS: ReadonlyArray<{ below: number; label: string }> = [
  { below: 2.75, label: 'below 2.75' },
  { below: 3.25, label: '2.75-3.25' },
  { below: 3.75, label: '3.25-3.75' },
  { below: Infinity, label: '3.75 and up' },
];

export function ratingBand(rating: number | null): number {
  if (rating === null) return -1;
  return RATING_BANDS.findIndex((band) => rating < band.below);
}

export function paintRating(paint: Paint, rating: number | null, text: string): string {
  const colours = [paint.chalk.red, paint.chalk.yellow, paint.chalk.green, paint.chalk.greenBright];
  const band = ratingBand(rating);
  return band < 0 ? paint.chalk.dim(text) : colours[band]!(text);
}

/** ★★★☆☆ for a rating rounded to whole stars, so the scale reads without colour too. */
export function stars(rating: number | null): string {
  if (rating === null) return '·····';
  const whole = Math.max(0, Math.min(5, Math.round(rating)));
  return '★'.repeat(whole) + '☆'.repeat(5 - whole);
}

const INTEGER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatCount(n: number): string {
  return INTEGER.format(n);
}

export function formatDecimal(n: number | null, digits = 2): string {
  return n === null ? '–' : n.toFixed(digits);
}

export function formatDollars(n: number): string {
  return `$${INTEGER.format(n)}`;
}

/** Prose as lines of at most `width` visible columns, each starting with `indent`. */
export function wrap(text: string, width: number, indent = '   '): string[] {
  const lines: string[] = [];
  let line = '';
  let visible = 0;
  for (const word of text.split(' ')) {
    const length = stripAnsi(word).length;
    if (visible > 0 && indent.length + visible + 1 + length > width) {
      lines.push(indent + line);
      line = '';
      visible = 0;
    }
    line += visible > 0 ? ` ${word}` : word;
    visible += (visible > 0 ? 1 : 0) + length;
  }
  if (visible > 0) lines.push(indent + line);
  return lines;
}
