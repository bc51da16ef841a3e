/**
 * Every request the sandbox answered, one line each: kept in memory (the most
 * recent ones) for tests, and appended as JSON lines to `<home>/requests.log`
 * so a test or a curious learner can see, for example, that `verify` only read.
 * Lines are buffered by a write stream; nothing here blocks the request path.
 */
import { createWriteStream, renameSync, statSync, type WriteStream } from 'node:fs';

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
/** At start, a log larger than this is moved to `requests.log.1` (replacing an older one). */
const ROTATE_AT_BYTES = 20 * 1024 * 1024;

export class RequestLog {
  private readonly entries: RequestLogEntry[] = [];
  private readonly stream: WriteStream;

  constructor(file: string) {
    rotateIfLarge(file);
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

/** Runs once at start, never on the request path, so the sync calls are fine. */
function rotateIfLarge(file: string): void {
  try {
    if (statSync(file).size > ROTATE_AT_BYTES) renameSync(file, `${file}.1`);
  } catch {
    // No log yet, or it cannot be moved: appending still works.
  }
}

/**
 * Whether an operation only reads, by AWS's naming: Get*, List*, Describe*,
 * Head*. Lets a test prove that `verify` changed nothing.
 */
export function isReadOnlyOperation(operation: string): boolean {
  return /^(Get|List|Describe|Head)[A-Z]/.test(operation);
}
