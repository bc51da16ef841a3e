/**
 * S3 object keys the way Firehose names them: `<evaluated prefix><suffix>`.
 *
 * - No Prefix: the prefix is `YYYY/MM/dd/HH/` (UTC).
 * - A Prefix without a `!{timestamp:…}` expression gets `!{timestamp:yyyy/MM/dd/HH/}`
 *   appended, so `logs/` becomes `logs/2024/05/01/13/`.
 * - Suffix: `<stream>-<version>-YYYY-MM-dd-HH-mm-ss-<uuid><extension>`.
 *
 * All times are the arrival time of the oldest record in the object, in UTC
 * (CustomTimeZone is not supported). Expressions supported: `!{timestamp:<pattern>}`
 * with the DateTimeFormatter letters y, M, d, H, m, s and '…' literals,
 * `!{firehose:random-string}` (11 characters), and `!{firehose:error-output-type}`
 * in ErrorOutputPrefix only.
 */
import { randomUUID } from 'node:crypto';

/** One parsed piece of a prefix: literal text, or an expression to evaluate per object. */
type PrefixPart =
  | { kind: 'text'; text: string }
  | { kind: 'timestamp'; pattern: TimePart[] }
  | { kind: 'random' }
  | { kind: 'error-output-type' };

type TimePart = { text: string } | { field: 'y' | 'M' | 'd' | 'H' | 'm' | 's'; width: number };

export interface ParsedPrefix {
  parts: PrefixPart[];
  hasExpressions: boolean;
  hasTimestamp: boolean;
  hasErrorOutputType: boolean;
}

/** Thrown for a prefix the service would refuse; the caller turns it into InvalidArgumentException. */
export class PrefixError extends Error {}

const EXPRESSION = /!\{([^:}]*):([^}]*)\}/g;
const DEFAULT_TIME_PATTERN = parseTimePattern('yyyy/MM/dd/HH/');

/** Parses a Prefix or ErrorOutputPrefix, throwing PrefixError for an expression the sandbox cannot evaluate. */
export function parsePrefix(prefix: string): ParsedPrefix {
  const parts: PrefixPart[] = [];
  let hasTimestamp = false;
  let hasErrorOutputType = false;
  let last = 0;
  for (const match of prefix.matchAll(EXPRESSION)) {
    if (match.index > last) parts.push({ kind: 'text', text: prefix.slice(last, match.index) });
    last = match.index + match[0].length;
    const [expression, namespace, value] = match as unknown as [string, string, string];
    if (namespace === 'timestamp') {
      parts.push({ kind: 'timestamp', pattern: parseTimePattern(value) });
      hasTimestamp = true;
    } else if (namespace === 'firehose' && value === 'random-string') {
      parts.push({ kind: 'random' });
    } else if (namespace === 'firehose' && value === 'error-output-type') {
      parts.push({ kind: 'error-output-type' });
      hasErrorOutputType = true;
    } else if (namespace === 'partitionKeyFromQuery' || namespace === 'partitionKeyFromLambda') {
      throw new PrefixError(`${expression} needs dynamic partitioning, which the sandbox does not support.`);
    } else {
      throw new PrefixError(
        `The expression ${expression} is not valid; use timestamp or firehose namespaces.`,
      );
    }
  }
  if (prefix.includes('!{', last)) {
    throw new PrefixError(`The prefix ${prefix} has an unterminated expression.`);
  }
  if (last < prefix.length) parts.push({ kind: 'text', text: prefix.slice(last) });
  return {
    parts,
    hasExpressions: parts.some((part) => part.kind !== 'text'),
    hasTimestamp,
    hasErrorOutputType,
  };
}

/**
 * Parses the subset of Java DateTimeFormatter patterns Firehose users write:
 * runs of y, M, d, H, m, s, literal text in single quotes ('' is a quote), and
 * any other non-letter character as itself.
 */
function parseTimePattern(pattern: string): TimePart[] {
  const parts: TimePart[] = [];
  let i = 0;
  while (i < pattern.length) {
    const char = pattern[i]!;
    if (char === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end < 0) throw new PrefixError(`The timestamp pattern ${pattern} has an unterminated quote.`);
      parts.push({ text: end === i + 1 ? "'" : pattern.slice(i + 1, end) });
      i = end + 1;
    } else if ('yMdHms'.includes(char)) {
      let width = 1;
      while (pattern[i + width] === char) width++;
      if (char === 'M' && width > 2) {
        throw new PrefixError(
          `The timestamp pattern ${pattern} uses month names, which the sandbox does not support.`,
        );
      }
      parts.push({ field: char as 'y' | 'M' | 'd' | 'H' | 'm' | 's', width });
      i += width;
    } else if (/[A-Za-z]/.test(char)) {
      throw new PrefixError(
        `The timestamp pattern ${pattern} uses the letter ${char}, which the sandbox does not support.`,
      );
    } else {
      parts.push({ text: char });
      i++;
    }
  }
  return parts;
}

function formatTime(pattern: TimePart[], date: Date): string {
  let out = '';
  for (const part of pattern) {
    if ('text' in part) {
      out += part.text;
      continue;
    }
    const value = fieldValue(part.field, date);
    // DateTimeFormatter: "yy" is the two-digit year; other widths pad with zeros.
    out +=
      part.field === 'y' && part.width === 2
        ? String(value % 100).padStart(2, '0')
        : String(value).padStart(part.width, '0');
  }
  return out;
}

function fieldValue(field: 'y' | 'M' | 'd' | 'H' | 'm' | 's', date: Date): number {
  switch (field) {
    case 'y':
      return date.getUTCFullYear();
    case 'M':
      return date.getUTCMonth() + 1;
    case 'd':
      return date.getUTCDate();
    case 'H':
      return date.getUTCHours();
    case 'm':
      return date.getUTCMinutes();
    case 's':
      return date.getUTCSeconds();
  }
}

const RANDOM_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomString(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += RANDOM_ALPHABET[Math.floor(Math.random() * RANDOM_ALPHABET.length)];
  return out;
}

/** Evaluates a parsed prefix for one object whose oldest record arrived at `date`. */
export function evaluatePrefix(parsed: ParsedPrefix | undefined, date: Date, errorOutputType = ''): string {
  if (!parsed) return formatTime(DEFAULT_TIME_PATTERN, date);
  let out = '';
  for (const part of parsed.parts) {
    if (part.kind === 'text') out += part.text;
    else if (part.kind === 'timestamp') out += formatTime(part.pattern, date);
    else if (part.kind === 'random') out += randomString(11);
    else out += errorOutputType;
  }
  return parsed.hasTimestamp ? out : out + formatTime(DEFAULT_TIME_PATTERN, date);
}

export interface ObjectNameParts {
  streamName: string;
  versionId: string;
  /** Arrival time of the oldest record in the object. */
  oldestArrival: Date;
  prefix?: ParsedPrefix;
  /** `.gz` for GZIP, or the stream's FileExtension; empty for none. */
  extension: string;
}

const SUFFIX_TIME_PATTERN = parseTimePattern('yyyy-MM-dd-HH-mm-ss');

/** The full key of one delivered object, e.g. `2024/05/01/13/ds-1-2024-05-01-13-05-12-<uuid>`. */
export function objectKey(parts: ObjectNameParts): string {
  const time = formatTime(SUFFIX_TIME_PATTERN, parts.oldestArrival);
  const suffix = `${parts.streamName}-${parts.versionId}-${time}-${randomUUID()}${parts.extension}`;
  return evaluatePrefix(parts.prefix, parts.oldestArrival) + suffix;
}
