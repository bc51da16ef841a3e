/**
 * Greedy word wrap over styled spans. A word may be made of several spans ("**bold**," is one word
 * of two spans), so it is never split between styles unless it is longer than a whole line.
 */
import { textWidth, type MdLine, type Span, type SpanStyle } from './types.js';

interface Word {
  parts: Span[];
  width: number;
}

type Piece = { kind: 'word'; word: Word } | { kind: 'space' } | { kind: 'break' };

export interface WrapPrefix {
  /** Put before the first line, e.g. a list marker "• ". */
  first: Span[];
  /** Put before every further line, e.g. spaces as wide as the marker. */
  rest: Span[];
}

const NO_PREFIX: WrapPrefix = { first: [], rest: [] };

/** Wrap spans into lines of at most `width` columns, prefixes included. */
export function wrapSpans(spans: Span[], width: number, prefix: WrapPrefix = NO_PREFIX): MdLine[] {
  const lines: MdLine[] = [];
  const restWidth = spansWidth(prefix.rest);
  // A prefix wider than the line would loop forever; give the text at least a few columns.
  const limit = Math.max(width, Math.max(spansWidth(prefix.first), restWidth) + 4);

  let line: Span[] = [...prefix.first];
  let used = spansWidth(prefix.first);
  let hasContent = false;
  let pendingSpace = false;

  const startLine = () => {
    lines.push(line);
    line = [...prefix.rest];
    used = restWidth;
    hasContent = false;
    pendingSpace = false;
  };

  for (const piece of toPieces(spans)) {
    if (piece.kind === 'break') {
      startLine();
      continue;
    }
    if (piece.kind === 'space') {
      pendingSpace = hasContent;
      continue;
    }

    const { word } = piece;
    const gap = pendingSpace ? 1 : 0;
    if (hasContent && used + gap + word.width > limit) {
      startLine();
    } else if (gap) {
      // Inside one styled run ("the guide" of a link) the space belongs to the run; between runs it is plain.
      const before = line[line.length - 1]?.style;
      line.push({ text: ' ', style: before && sameStyle(before, word.parts[0]!.style) ? before : {} });
      used += 1;
    }
    pendingSpace = false;

    if (used + word.width <= limit) {
      line.push(...word.parts);
      used += word.width;
      hasContent = true;
      continue;
    }

    // Longer than a whole line (a URL, a long name): break it wherever the line is full.
    for (const part of word.parts) {
      for (const char of Array.from(part.text)) {
        if (used + 1 > limit && hasContent) startLine();
        line.push({ text: char, style: part.style });
        used += 1;
        hasContent = true;
      }
    }
  }

  lines.push(line);
  return lines.map(mergeSpans);
}

/**
 * Wrap one line of code at `width`. Code is never reflowed; a line too long breaks at its last space
 * that fits (or anywhere, when there is none). For shell code the broken rows end in `continuation`
 * (" \\") and the rest is indented, so a learner who copies the rows pastes one working command.
 */
export function wrapCode(text: string, width: number, continuation = ''): string[] {
  let rest = text.replace(/\t/g, '  ');
  const rows: string[] = [];
  let lead = '';

  while (lead.length + textWidth(rest) > width) {
    const room = Math.max(4, width - lead.length - continuation.length);
    const chars = Array.from(rest);
    const space = chars.lastIndexOf(' ', room);
    const cut = space > 0 ? space : room;
    rows.push(lead + chars.slice(0, cut).join('').trimEnd() + continuation);
    rest = chars.slice(cut).join('').trimStart();
    lead = continuation ? '  ' : '';
  }
  rows.push(lead + rest);
  return rows;
}

function toPieces(spans: Span[]): Piece[] {
  const pieces: Piece[] = [];
  let word: Word | null = null;

  const endWord = () => {
    if (word) pieces.push({ kind: 'word', word });
    word = null;
  };

  for (const span of spans) {
    for (const part of span.text.split(/(\n|[ \t]+)/)) {
      if (part === '') continue;
      if (part === '\n') {
        endWord();
        pieces.push({ kind: 'break' });
      } else if (/^[ \t]+$/.test(part)) {
        endWord();
        pieces.push({ kind: 'space' });
      } else {
        word ??= { parts: [], width: 0 };
        word.parts.push({ text: part, style: span.style });
        word.width += textWidth(part);
      }
    }
  }
  endWord();
  return pieces;
}

function spansWidth(spans: Span[]): number {
  return spans.reduce((sum, span) => sum + textWidth(span.text), 0);
}

/** Join neighbours with the same style so a line becomes a handful of <Text> nodes, not one per word. */
function mergeSpans(line: MdLine): MdLine {
  const merged: Span[] = [];
  for (const span of line) {
    const last = merged[merged.length - 1];
    if (last && sameStyle(last.style, span.style)) {
      merged[merged.length - 1] = { text: last.text + span.text, style: last.style };
    } else {
      merged.push(span);
    }
  }
  return merged;
}

function sameStyle(a: SpanStyle, b: SpanStyle): boolean {
  return (
    (a.role ?? 'text') === (b.role ?? 'text') &&
    !!a.bold === !!b.bold &&
    !!a.italic === !!b.italic &&
    !!a.strike === !!b.strike
  );
}
