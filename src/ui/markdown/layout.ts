/**
 * Markdown to terminal lines, over marked's lexer: headings, paragraphs, emphasis, inline code,
 * fenced code, lists (nested, numbered, tasks), quotes, rules and small tables. Layout happens for a
 * given width, so callers memoize on (source, width).
 */
import { Lexer, type Token, type Tokens } from 'marked';

import { inlineSpans } from './inline.js';
import { textWidth, type MdLine, type Span } from './types.js';
import { wrapCode, wrapSpans } from './wrap.js';

const BULLETS = ['•', '◦', '▪'];
const CODE_INDENT = '  ';
const QUOTE_BAR = '│ ';
const SHELL_LANGS = new Set(['sh', 'bash', 'shell', 'zsh', 'console']);

export function markdownToLines(source: string, width: number): MdLine[] {
  return blocksToLines(Lexer.lex(source), Math.max(8, width), false);
}

/** Loose content (paragraphs, top level) gets a blank line between blocks; tight list items do not. */
function blocksToLines(tokens: Token[], width: number, tight: boolean): MdLine[] {
  const lines: MdLine[] = [];
  for (const token of tokens) {
    const block = blockToLines(token, width);
    if (block.length === 0) continue;
    if (lines.length > 0 && !tight) lines.push([]);
    lines.push(...block);
  }
  return lines;
}

function blockToLines(token: Token, width: number): MdLine[] {
  switch (token.type) {
    case 'space':
    case 'def':
    case 'checkbox':
      return [];
    case 'heading':
      return headingLines(token as Tokens.Heading, width);
    case 'paragraph':
    case 'text':
      return wrapSpans(inlineSpans((token as Tokens.Paragraph).tokens ?? [token]), width);
    case 'code': {
      const code = token as Tokens.Code;
      return codeLines(code.text, width, SHELL_LANGS.has(code.lang ?? '') ? ' \\' : '');
    }
    case 'list':
      return listLines(token as Tokens.List, width, 0);
    case 'blockquote': {
      const inner = blocksToLines((token as Tokens.Blockquote).tokens, width - QUOTE_BAR.length, false);
      return inner.map((line) => [{ text: QUOTE_BAR, style: { role: 'muted' } }, ...line.map(asQuote)]);
    }
    case 'hr':
      return [[{ text: '─'.repeat(width), style: { role: 'muted' } }]];
    case 'table':
      return tableLines(token as Tokens.Table, width);
    case 'html': {
      const html = (token as Tokens.HTML).text.trim();
      if (html.startsWith('<!--')) return [];
      return wrapSpans([{ text: html, style: { role: 'muted' } }], width);
    }
    default: {
      const generic = token as Tokens.Generic;
      if (typeof generic.text !== 'string') return [];
      return wrapSpans([{ text: generic.text, style: {} }], width);
    }
  }
}

function asQuote(span: Span): Span {
  return { text: span.text, style: { ...span.style, italic: true } };
}

function headingLines(heading: Tokens.Heading, width: number): MdLine[] {
  const spans = inlineSpans(heading.tokens, { bold: true, role: heading.depth <= 2 ? 'heading' : undefined });
  const lines = wrapSpans(spans, width);
  if (heading.depth !== 1) return lines;

  // The top heading gets a rule under it, as wide as its longest line, so it reads as a title.
  const longest = Math.max(...lines.map(spansWidth));
  return [...lines, [{ text: '─'.repeat(Math.min(width, longest)), style: { role: 'muted' } }]];
}

/** Code is indented and coloured, never reflowed: a learner copies it into a shell. */
function codeLines(text: string, width: number, continuation: string): MdLine[] {
  const lines: MdLine[] = [];
  for (const row of text.replace(/\n$/, '').split('\n')) {
    for (const part of wrapCode(row, width - CODE_INDENT.length, continuation)) {
      lines.push([
        { text: CODE_INDENT, style: {} },
        { text: part, style: { role: 'codeblock' } },
      ]);
    }
  }
  return lines;
}

function listLines(list: Tokens.List, width: number, depth: number): MdLine[] {
  const first = typeof list.start === 'number' ? list.start : 1;
  const last = first + list.items.length - 1;
  const numberWidth = String(last).length;
  const lines: MdLine[] = [];

  list.items.forEach((item, index) => {
    const marker = list.ordered
      ? `${String(first + index).padStart(numberWidth)}. `
      : `${BULLETS[depth % BULLETS.length]} `;
    const box = item.task ? (item.checked ? '[x] ' : '[ ] ') : '';
    const markerText = marker + box;
    const indent = ' '.repeat(textWidth(markerText));
    const content = itemLines(item, width - indent.length, depth);

    if (list.loose && index > 0) lines.push([]);
    content.forEach((line, row) => {
      const prefix: Span =
        row === 0 ? { text: markerText, style: { role: 'marker' } } : { text: indent, style: {} };
      lines.push([prefix, ...line]);
    });
  });
  return lines;
}

function itemLines(item: Tokens.ListItem, width: number, depth: number): MdLine[] {
  const lines: MdLine[] = [];
  for (const token of item.tokens) {
    const block =
      token.type === 'list' ? listLines(token as Tokens.List, width, depth + 1) : blockToLines(token, width);
    if (block.length === 0) continue;
    if (lines.length > 0 && item.loose) lines.push([]);
    lines.push(...block);
  }
  return lines.length > 0 ? lines : [[]];
}

/**
 * A table that fits is drawn with aligned columns; one that does not becomes "header: value"
 * lines per row, which stays readable at any width.
 */
function tableLines(table: Tokens.Table, width: number): MdLine[] {
  const header = table.header.map((cell) => inlineSpans(cell.tokens, { bold: true }));
  const rows = table.rows.map((row) => row.map((cell) => inlineSpans(cell.tokens)));
  const widths = header.map((cell, column) =>
    Math.max(spansWidth(cell), ...rows.map((row) => spansWidth(row[column] ?? []))),
  );
  const separator = ' │ ';
  const total = widths.reduce((sum, w) => sum + w, 0) + separator.length * (widths.length - 1);

  if (total <= width) {
    const drawRow = (cells: Span[][]): MdLine =>
      cells.flatMap((cell, column) => [
        ...(column > 0 ? [{ text: separator, style: { role: 'muted' as const } }] : []),
        ...cell,
        { text: ' '.repeat(widths[column]! - spansWidth(cell)), style: {} },
      ]);
    const rule = widths.map((w) => '─'.repeat(w)).join('─┼─');
    return [drawRow(header), [{ text: rule, style: { role: 'muted' } }], ...rows.map(drawRow)];
  }

  const lines: MdLine[] = [];
  rows.forEach((row, index) => {
    if (index > 0) lines.push([]);
    row.forEach((cell, column) => {
      const label: Span[] = [...(header[column] ?? []), { text: ': ', style: { bold: true } }];
      lines.push(...wrapSpans([...label, ...cell], width, { first: [], rest: [{ text: '  ', style: {} }] }));
    });
  });
  return lines;
}

function spansWidth(spans: Span[]): number {
  return spans.reduce((sum, span) => sum + textWidth(span.text), 0);
}
