import { describe, expect, it } from '@jest/globals';

import { markdownToLines } from '../../src/ui/markdown/layout.js';
import { lineText, lineWidth, type MdLine, type Span } from '../../src/ui/markdown/types.js';
import { wrapCode, wrapSpans } from '../../src/ui/markdown/wrap.js';

const text = (lines: MdLine[]) => lines.map(lineText);
const spans = (lines: MdLine[]): Span[] => lines.flat();
const spanWith = (lines: MdLine[], content: string) =>
  spans(lines).find((span) => span.text.includes(content));

describe('markdownToLines', () => {
  it('renders headings bold, with a rule under the top one', () => {
    const lines = markdownToLines('# Title\n\n## Part\n\n### Detail', 40);

    expect(text(lines)).toEqual(['Title', '─────', '', 'Part', '', 'Detail']);
    expect(lines[0]![0]!.style).toMatchObject({ bold: true, role: 'heading' });
    expect(lines[3]![0]!.style).toMatchObject({ bold: true, role: 'heading' });
    expect(lines[5]![0]!.style).toMatchObject({ bold: true });
  });

  it('wraps paragraphs at the width, keeping words whole, with a blank line between paragraphs', () => {
    const source =
      'Firehose buffers the records it receives and writes them to the bucket in objects.\n\nSecond.';
    const lines = markdownToLines(source, 24);

    expect(text(lines)).toEqual([
      'Firehose buffers the',
      'records it receives and',
      'writes them to the',
      'bucket in objects.',
      '',
      'Second.',
    ]);
    for (const line of lines) expect(lineWidth(line)).toBeLessThanOrEqual(24);
  });

  it('treats a soft line break as a space and a hard one as a new line', () => {
    expect(text(markdownToLines('one\ntwo', 40))).toEqual(['one two']);
    expect(text(markdownToLines('one  \ntwo', 40))).toEqual(['one', 'two']);
    expect(text(markdownToLines('one<br>two', 40))).toEqual(['one', 'two']);
  });

  it('styles bold, italic, struck and inline code spans', () => {
    const lines = markdownToLines('A **bold** and *soft* ~~dated~~ `aws s3 ls` word', 80);

    expect(text(lines)).toEqual(['A bold and soft dated aws s3 ls word']);
    expect(spanWith(lines, 'bold')!.style).toMatchObject({ bold: true });
    expect(spanWith(lines, 'soft')!.style).toMatchObject({ italic: true });
    expect(spanWith(lines, 'dated')!.style).toMatchObject({ strike: true });
    expect(spanWith(lines, 'aws s3 ls')!.style).toMatchObject({ role: 'code' });
  });

  it('keeps punctuation with the styled word it follows', () => {
    const lines = markdownToLines('aaaa **bbbb**, cccc', 11);
    expect(text(lines)).toEqual(['aaaa bbbb,', 'cccc']);
  });

  it('shows links as "text (url)", and bare URLs once', () => {
    const lines = markdownToLines(
      'See [the guide](https://docs.aws.amazon.com/firehose/) or https://aws.amazon.com',
      120,
    );

    expect(text(lines)).toEqual([
      'See the guide (https://docs.aws.amazon.com/firehose/) or https://aws.amazon.com',
    ]);
    expect(spanWith(lines, 'the guide')!.style.role).toBe('link');
  });

  it('indents fenced code and never reflows it', () => {
    const lines = markdownToLines('```json\n{\n  "a": 1\n}\n```', 40);

    expect(text(lines)).toEqual(['  {', '    "a": 1', '  }']);
    expect(lines[1]![1]!.style.role).toBe('codeblock');
  });

  it('breaks a long shell command with a trailing backslash so it still pastes as one command', () => {
    const command = 'aws firehose describe-delivery-stream --delivery-stream-name theme-park-streaming-data';
    const lines = text(markdownToLines('```sh\n' + command + '\n```', 40));

    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(40);
    expect(lines.slice(0, -1).every((line) => line.endsWith(' \\'))).toBe(true);
    const pasted = lines.map((line) => line.trim().replace(/ \\$/, '')).join(' ');
    expect(pasted).toBe(command);
  });

  it('draws bullet lists, numbered lists and nested lists with hanging indents', () => {
    const source = '- one\n- two that is long enough to wrap\n  - nested\n\n1. first\n2. second';
    const lines = text(markdownToLines(source, 20));

    expect(lines).toEqual([
      '• one',
      '• two that is long',
      '  enough to wrap',
      '  ◦ nested',
      '',
      '1. first',
      '2. second',
    ]);
  });

  it('numbers from the list start and aligns two-digit numbers', () => {
    const source = Array.from({ length: 3 }, (_, i) => `${i + 9}. item`).join('\n');
    expect(text(markdownToLines(source, 40))).toEqual([' 9. item', '10. item', '11. item']);
  });

  it('marks task items', () => {
    expect(text(markdownToLines('- [x] done\n- [ ] to do', 40))).toEqual(['• [x] done', '• [ ] to do']);
  });

  it('draws quotes with a bar and rules across the width', () => {
    expect(text(markdownToLines('> Note: it takes a minute.\n\n---', 30))).toEqual([
      '│ Note: it takes a minute.',
      '',
      '─'.repeat(30),
    ]);
  });

  it('aligns a table that fits and lists the rows of one that does not', () => {
    const source = '| thing | value |\n|---|---|\n| stream | `theme-park` |\n| buffer | 10 MiB |';

    expect(text(markdownToLines(source, 40)).map((line) => line.trimEnd())).toEqual([
      'thing  │ value',
      '───────┼───────────',
      'stream │ theme-park',
      'buffer │ 10 MiB',
    ]);
    expect(text(markdownToLines(source, 14))).toEqual([
      'thing: stream',
      'value:',
      '  theme-park',
      '',
      'thing: buffer',
      'value: 10 MiB',
    ]);
  });

  it('resolves character references and drops HTML comments', () => {
    expect(text(markdownToLines('<!-- for authors -->\n\nA &amp; B &lt;c&gt; &#8211; d', 40))).toEqual([
      'A & B <c> – d',
    ]);
  });
});

describe('wrapSpans', () => {
  const plain = (value: string): Span => ({ text: value, style: {} });

  it.each([
    ['fits on one line', 'short text', 20, ['short text']],
    ['breaks at the last space that fits', 'alpha beta gamma', 11, ['alpha beta', 'gamma']],
    ['breaks a word longer than the line', 'abcdefghij', 4, ['abcd', 'efgh', 'ij']],
    ['collapses runs of spaces', 'a    b', 10, ['a b']],
    ['gives an empty text one empty line', '', 10, ['']],
  ])('%s', (_name, input, width, expected) => {
    expect(wrapSpans([plain(input)], width).map(lineText)).toEqual(expected);
  });

  it('puts the first prefix on the first line and the rest prefix on the others', () => {
    const lines = wrapSpans([plain('one two three')], 8, { first: [plain('- ')], rest: [plain('  ')] });
    expect(lines.map(lineText)).toEqual(['- one', '  two', '  three']);
  });
});

describe('wrapCode', () => {
  it('leaves a line that fits alone', () => {
    expect(wrapCode('aws s3 ls', 20)).toEqual(['aws s3 ls']);
  });

  it('cuts anywhere when a line has no space', () => {
    expect(wrapCode('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });
});
