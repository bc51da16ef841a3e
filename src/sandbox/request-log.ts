/**
 * Every request the sandbox answered, one line each: kept in memory (the most
 * recent ones) for tests, and appended as JSON lines to `<home>/requests.log`
 * so a test or a curious learner can see, for example, that `verify` only read.
 * Lines are buffered by a write stream; nothing here blocks the request path.
 */
import { createWriteStream, type WriteStream } from 'node:fs';

export interface RequestLogEntry {
  /** ISO-8601 time the request arrived. */
  time: string;
  service: string;
  /** The API operation name, e.g. PutRecordBatch, ListObjectsV2, CreateStack. */
  operation: string;
  account: string;
  region: string;
  status: number;
  /** The code of the error answered, when status ≥ 300. */
  error?: string;
  requestId: string;
  ms: number;
}

const KEEP_IN_MEMORY = 20_000;

export class RequestLog {
  private readonly entries: RequestLogEntry[] = [];
  private readonly stream: WriteStream;

  constructor(file: string) {
    this.stream = createWriteStream(file, { flags: 'a' });
    // A full disk must not take the sandbox down; the in-memory log still works.
    this.stream.on('error', (error) => process.emitWarning(`sandbox: request log: ${String(error)}`));
  }

  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > KEEP_IN_MEMORY) this.entries.splice(0, this.entries.length - KEEP_IN_MEMORY);
    this.stream.write(`${JSON.stringify(entry)}\n`);
  }

  /** A copy of the entries still in memory, oldest first. */
  list(): RequestLogEntry[] {
    return this.entries.slice();
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.stream.end(resolve));
  }
}
