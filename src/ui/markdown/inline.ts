/** Inline Markdown tokens (emphasis, code, links ...) to styled spans, before wrapping. */
import type { Token, Tokens } from 'marked';

import type { Span, SpanStyle } from './types.js';

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  mdash: '—',
  ndash: '–',
  hellip: '…',
};

/**
 * marked leaves character references as written ("&amp;"); a terminal has no HTML layer to
 * resolve them, so the common ones are resolved here and unknown ones are kept as written.
 */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Soft line breaks inside a paragraph are spaces; only `br` (two trailing spaces, or <br>) breaks. */
function plain(text: string, style: SpanStyle): Span {
  return { text: decodeEntities(text).replace(/\n/g, ' '), style };
}

export function inlineSpans(tokens: Token[] | undefined, style: SpanStyle = {}): Span[] {
  const spans: Span[] = [];
  for (const token of tokens ?? []) spans.push(...inlineToken(token, style));
  return spans;
}

function inlineToken(token: Token, style: SpanStyle): Span[] {
  switch (token.type) {
    case 'text': {
      const text = token as Tokens.Text;
      return text.tokens ? inlineSpans(text.tokens, style) : [plain(text.text, style)];
    }
    case 'escape':
      return [{ text: (token as Tokens.Escape).text, style }];
    case 'strong':
      return inlineSpans((token as Tokens.Strong).tokens, { ...style, bold: true });
    case 'em':
      return inlineSpans((token as Tokens.Em).tokens, { ...style, italic: true });
    case 'del':
      return inlineSpans((token as Tokens.Del).tokens, { ...style, strike: true });
    case 'codespan':
      // Inline code keeps bold/italic from around it but takes the code colour.
      return [
        {
          text: decodeEntities((token as Tokens.Codespan).text).replace(/\n/g, ' '),
          style: { ...style, role: 'code' },
        },
      ];
    case 'br':
      return [{ text: '\n', style }];
    case 'link':
      return linkSpans(token as Tokens.Link, style);
    case 'image': {
      const image = token as Tokens.Image;
      const label = image.text ? `[image: ${image.text}]` : '[image]';
      return [{ text: label, style: { ...style, role: 'muted' } }, urlSpan(image.href)];
    }
    case 'html':
      return htmlSpans((token as Tokens.HTML).text, style);
    case 'checkbox':
      // A task item's box; the list renders it as part of the marker.
      return [];
    default: {
      const generic = token as Tokens.Generic;
      if (generic.tokens) return inlineSpans(generic.tokens, style);
      return typeof generic.text === 'string' ? [plain(generic.text, style)] : [];
    }
  }
}

/** "text (url)": a terminal link must show where it goes, since most terminals cannot click it. */
function linkSpans(link: Tokens.Link, style: SpanStyle): Span[] {
  const text = inlineSpans(link.tokens, { ...style, role: 'link' });
  const shown = text.map((span) => span.text).join('');
  const href = link.href;
  if (shown === href || href === `mailto:${shown}` || link.autolink) return text;
  return [...text, urlSpan(href)];
}

function urlSpan(href: string): Span {
  return { text: ` (${href})`, style: { role: 'muted' } };
}

function htmlSpans(html: string, style: SpanStyle): Span[] {
  if (/^<!--/.test(html.trim())) return [];
  if (/^<br\s*\/?>$/i.test(html.trim())) return [{ text: '\n', style }];
  return [plain(html, style)];
}
