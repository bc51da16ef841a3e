/**
 * Counts, by event id, what landed against what was sent. Ids are
 * `<run tag>-<position>`, so one byte per position of the day is enough to
 * count copies: a full day needs under half a megabyte, not a set of
 * 430,000 strings.
 */
export interface Reconciliation {
  runTag: string;
  expected: number;
  /** Distinct records of this run found. */
  landed: number;
  missing: number;
  /** Extra copies of records already found (Firehose delivers at least once). */
  duplicates: number;
  /** Lines from other runs (another seed, scale or day) or not from the simulator at all. */
  otherLines: number;
  /** Up to ten positions that are missing, for the report. */
  missingSample: number[];
}

const ID_KEY = Buffer.from('"eventId":"');
const QUOTE = 0x22;

export class Reconciler {
  private copies: Uint8Array;
  private readonly prefix: Buffer;
  private duplicates = 0;
  private otherLines = 0;
  private distinct = 0;
  private highest = -1;

  /**
   * @param expected how many records the run sent; undefined when not known
   * (verify on a machine that did not send), and then the highest position
   * found stands in for it, so only gaps, not a missing tail, can be seen.
   */
  constructor(
    readonly runTag: string,
    readonly expected?: number,
  ) {
    this.copies = new Uint8Array(expected ?? 1024);
    this.prefix = Buffer.from(`${runTag}-`);
  }

  /** One line of an object, without its newline. */
  addLine(line: Buffer): void {
    if (line.length === 0) return;
    const position = this.positionOf(line);
    if (position === undefined) {
      this.otherLines += 1;
      return;
    }
    if (position >= this.copies.length) this.grow(position);
    if (position > this.highest) this.highest = position;
    const seen = this.copies[position];
    if (seen === 0) this.distinct += 1;
    else this.duplicates += 1;
    if (seen < 255) this.copies[position] = seen + 1;
  }

  private positionOf(line: Buffer): number | undefined {
    const at = line.indexOf(ID_KEY);
    if (at < 0) return undefined;
    const start = at + ID_KEY.length;
    const end = line.indexOf(QUOTE, start);
    if (end < 0 || end - start <= this.prefix.length) return undefined;
    if (line.compare(this.prefix, 0, this.prefix.length, start, start + this.prefix.length) !== 0) return undefined;
    let position = 0;
    for (let i = start + this.prefix.length; i < end; i++) {
      const digit = line[i] - 0x30;
      if (digit < 0 || digit > 9) return undefined;
      position = position * 10 + digit;
    }
    return this.expected === undefined || position < this.expected ? position : undefined;
  }

  private grow(position: number): void {
    const bigger = new Uint8Array(Math.max(position + 1, this.copies.length * 2));
    bigger.set(this.copies);
    this.copies = bigger;
  }

  result(): Reconciliation {
    const expected = this.expected ?? this.highest + 1;
    const missingSample: number[] = [];
    if (this.distinct < expected) {
      for (let i = 0; i < expected && missingSample.length < 10; i++) if (this.copies[i] === 0) missingSample.push(i);
    }
    return {
      runTag: this.runTag,
      expected,
      landed: this.distinct,
      missing: expected - this.distinct,
      duplicates: this.duplicates,
      otherLines: this.otherLines,
      missingSample,
    };
  }
}

/** The run tag of an event id `<run tag>-<position>`, or undefined. */
export function runTagOf(line: Buffer): string | undefined {
  const at = line.indexOf(ID_KEY);
  if (at < 0) return undefined;
  const start = at + ID_KEY.length;
  const end = line.indexOf(QUOTE, start);
  const id = line.toString('utf8', start, end);
  const match = /^(.*)-\d+$/.exec(id);
  return match?.[1];
}

/** Splits a stream of chunks into lines without copying more than a line that spans two chunks. */
export class LineSplitter {
  private rest: Buffer | undefined;

  constructor(private readonly onLine: (line: Buffer) => void) {}

  push(chunk: Buffer): void {
    let start = 0;
    let data = chunk;
    if (this.rest) {
      data = Buffer.concat([this.rest, chunk]);
      this.rest = undefined;
    }
    for (;;) {
      const end = data.indexOf(0x0a, start);
      if (end < 0) break;
      this.onLine(data.subarray(start, end));
      start = end + 1;
    }
    if (start < data.length) this.rest = Buffer.from(data.subarray(start));
  }

  /** The last line, when the object does not end with a newline. */
  end(): void {
    if (this.rest) this.onLine(this.rest);
    this.rest = undefined;
  }
}
