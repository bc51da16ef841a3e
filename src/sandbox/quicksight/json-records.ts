/**
 * The JSON records of one S3 object, read as a stream. Firehose objects hold
 * one record per line, so each line goes straight to JSON.parse; a line that
 * does not parse alone (records written back to back without a newline, as
 * the original simulator did, or one record spread over several lines) is
 * split by a scanner that follows braces and strings. A top-level array
 * yields its elements. Text that is not JSON throws JsonFileError, which
 * fails the ingestion as FAILURE_TO_PROCESS_JSON_FILE.
 */
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

export class JsonFileError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

/** One record that spans more than this many characters is treated as broken rather than buffered on. */
const MAX_PENDING = 4 * 1024 * 1024;

export async function* jsonRecords(stream: Readable): AsyncGenerator<Record<string, unknown>> {
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let pending = '';
  let pendingLine = 0;
  let line = 0;

  function* takeLine(text: string): Generator<Record<string, unknown>> {
    line++;
    if (pending === '') {
      if (text.trim() === '') return;
      try {
        yield* records(JSON.parse(text), line);
        return;
      } catch (error) {
        if (error instanceof JsonFileError) throw error;
        pending = text;
        pendingLine = line;
      }
    } else {
      pending += '\n' + text;
    }
    const { values, rest } = scan(pending, pendingLine);
    for (const value of values) yield* records(value, pendingLine);
    pending = rest.trim() === '' ? '' : rest;
    if (pending.length > MAX_PENDING)
      throw new JsonFileError(pendingLine, 'a record does not end within 4 MB; the file is not JSON');
  }

  for await (const chunk of stream) {
    const text = carry + (typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer));
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      yield* takeLine(text.slice(start, end));
      start = end + 1;
    }
    carry = text.slice(start);
  }
  carry += decoder.end();
  if (carry !== '') yield* takeLine(carry);
  if (pending !== '') throw new JsonFileError(pendingLine, 'the file ends in the middle of a record');
}

function* records(value: unknown, line: number): Generator<Record<string, unknown>> {
  if (Array.isArray(value)) {
    for (const item of value) yield* records(item, line);
  } else if (value !== null && typeof value === 'object') {
    yield value as Record<string, unknown>;
  } else {
    throw new JsonFileError(line, `${JSON.stringify(value)} is not a JSON object`);
  }
}

/** Complete top-level JSON values at the start of `text`, and what is left after them. */
function scan(text: string, line: number): { values: unknown[]; rest: string } {
  const values: unknown[] = [];
  let depth = 0;
  let inString = false;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 34) {
      inString = true;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (depth++ === 0) start = i;
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      if (--depth < 0) throw new JsonFileError(line, 'a closing bracket has no opening one');
      if (depth === 0) {
        try {
          values.push(JSON.parse(text.slice(start, i + 1)));
        } catch (error) {
          throw new JsonFileError(line, (error as Error).message);
        }
        start = -1;
      }
    } else if (depth === 0 && !(c === 32 || c === 9 || c === 10 || c === 13)) {
      throw new JsonFileError(line, `unexpected "${text[i]}" outside any record`);
    }
  }
  return { values, rest: start >= 0 ? text.slice(start) : '' };
}
