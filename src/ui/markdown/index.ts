export { markdownToLines } from './layout.js';
export {
  lineText,
  lineWidth,
  textWidth,
  type MdLine,
  type Span,
  type SpanRole,
  type SpanStyle,
} from './types.js';
export { MarkdownLines, type MarkdownLinesProps } from './MarkdownLines.js';
