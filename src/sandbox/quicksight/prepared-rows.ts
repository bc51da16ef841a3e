/**
 * The rows a data set holds in "SPICE": one file per data set, written by
 * the ingestion to a temporary name and renamed when it completes, so a
 * reader never sees half an ingestion.
 *
 * File format (`<home>/quicksight/<account>/<region>/<dataSetId>.rows.jsonl`):
 *   {"format":1,"columns":[{"name":"event","type":"STRING"}, ...]}
 *   ["Ride", 4, "2026-12-03T14:05:31.000Z", ...]      one JSON array per row,
 *   ...                                               values in column order
 * DATETIME values are ISO-8601 text, numbers are numbers, missing values null.
 */
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { storedValue, type ColumnType, type Row, type Value } from './prep/values.js';

export interface StoredColumn {
  name: string;
  type: ColumnType;
}

export function preparedRowsFile(home: string, account: string, region: string, dataSetId: string): string {
  return join(home, 'quicksight', account, region, `${dataSetId}.rows.jsonl`);
}

/** Writes rows in batches, waiting when the disk falls behind, so memory stays flat. */
export class PreparedRowsWriter {
  private buffer: string[] = [];
  private bufferedChars = 0;

  private constructor(
    private readonly out: WriteStream,
    private readonly temp: string,
    private readonly target: string,
    private readonly columns: readonly StoredColumn[],
  ) {}

  static async open(
    target: string,
    columns: readonly StoredColumn[],
    attempt: string,
  ): Promise<PreparedRowsWriter> {
    await mkdir(join(target, '..'), { recursive: true });
    const temp = `${target}.${attempt}.tmp`;
    const out = createWriteStream(temp);
    const writer = new PreparedRowsWriter(out, temp, target, columns);
    writer.buffer.push(JSON.stringify({ format: 1, columns }) + '\n');
    return writer;
  }

  async add(row: Row): Promise<void> {
    const values: Value[] = this.columns.map((column) => storedValue(row[column.name] ?? null, column.type));
    const line = JSON.stringify(values) + '\n';
    this.buffer.push(line);
    this.bufferedChars += line.length;
    if (this.bufferedChars >= 256 * 1024) await this.drain();
  }

  /** Makes the rows the data set's current rows. */
  async commit(): Promise<void> {
    await this.drain();
    await new Promise<void>((resolve, reject) =>
      this.out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
    await rename(this.temp, this.target);
  }

  async abandon(): Promise<void> {
    this.out.destroy();
    await rm(this.temp, { force: true });
  }

  private async drain(): Promise<void> {
    if (this.buffer.length === 0) return;
    const text = this.buffer.join('');
    this.buffer = [];
    this.bufferedChars = 0;
    if (!this.out.write(text)) await new Promise<void>((resolve) => this.out.once('drain', resolve));
  }
}

/** The columns and rows of a prepared-rows file, one row at a time; nothing when the file does not exist. */
export async function* readPreparedRows(file: string): AsyncGenerator<Record<string, Value>> {
  const stream = createReadStream(file);
  const opened = await new Promise<boolean>((resolve) => {
    stream.once('open', () => resolve(true));
    stream.once('error', () => resolve(false));
  });
  if (!opened) return;
  let columns: StoredColumn[] | undefined;
  for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
    if (!line) continue;
    if (!columns) {
      columns = (JSON.parse(line) as { columns: StoredColumn[] }).columns;
      continue;
    }
    const values = JSON.parse(line) as Value[];
    const row: Record<string, Value> = {};
    columns.forEach((column, i) => (row[column.name] = values[i] ?? null));
    yield row;
  }
}

export async function removePreparedRows(file: string): Promise<void> {
  await rm(file, { force: true });
}
