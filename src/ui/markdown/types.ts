/**
 * The Markdown renderer lays text out into lines before React sees it: the step pane needs to know
 * how many lines a text takes (to scroll it and to keep the live region shorter than the terminal),
 * and a line list is easy to test without rendering.
 */

/** What a span means; the theme turns meanings into colours, so NO_COLOR needs no special case here. */
export type SpanRole = 'text' | 'heading' | 'code' | 'codeblock' | 'link' | 'marker' | 'muted';

export interface SpanStyle {
  role?: SpanRole;
  bold?: boolean;
  italic?: boolean;
  strike?: boolean;
}

/** A run of text with one style. Inline text may contain '\n' for a hard line break. */
export interface Span {
  text: string;
  style: SpanStyle;
}

/** One terminal line, already wrapped to the width it was laid out for. */
export type MdLine = Span[];

/**
 * Columns a string takes.
 * TODO: wide characters (CJK, most emoji) take two columns; count them with string-width if step
 * texts ever contain them. Today they are ASCII plus a few one-column symbols.
 */
export function textWidth(text: string): number {
  return Array.from(text).length;
}

export function lineWidth(line: MdLine): number {
  return line.reduce((sum, span) => sum + textWidth(span.text), 0);
}

/** The plain text of a line, for tests and for measuring. */
export function lineText(line: MdLine): string {
  return line.map((span) => span.text).join('');
}
