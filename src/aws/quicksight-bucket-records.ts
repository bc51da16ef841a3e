/**
 * What QuickSight will find in the bucket, read by the runner itself: how
 * many records (lines) the data objects hold, which records would not fit
 * the prepared columns (the reasons behind "rows dropped", which the API does
 * not give), and roughly how much SPICE the data set needs. Objects are
 * streamed; nothing holds a whole object, let alone the bucket.
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { AwsClients } from './clients.js';
import { listDataObjects, readObject, type DataObject } from './landing.js';
import { preparedColumns } from './quicksight-assets.js';
import { LineSplitter } from '../simulator/reconcile.js';

/** Calls `onLine` for every non-empty line of every data object, with the object's key and the line number. */
export async function forEachRecordLine(
  clients: AwsClients,
  bucket: string,
  onLine: (line: string, key: string, lineNumber: number) => boolean | void,
  signal?: AbortSignal,
  objects?: DataObject[],
): Promise<void> {
  for (const object of objects ?? (await listDataObjects(clients, bucket, signal))) {
    let lineNumber = 0;
    let stop = false;
    // Split on bytes, then decode each whole line, so a character cut between two chunks stays whole.
    const splitter = new LineSplitter((bytes) => {
      lineNumber++;
      if (stop) return;
      const line = bytes.toString('utf8');
      if (line.trim() !== '' && onLine(line, object.key, lineNumber) === false) stop = true;
    });
    await readObject(clients, bucket, object.key, (chunk) => splitter.push(chunk), signal);
    splitter.end();
    if (stop) return;
  }
}

/** The records QuickSight will read: non-empty lines of the data objects, duplicates included. */
export async function countRecordLines(
  clients: AwsClients,
  bucket: string,
  signal?: AbortSignal,
): Promise<number> {
  let count = 0;
  await forEachRecordLine(clients, bucket, () => void count++, signal);
  return count;
}

export interface RecordProblem {
  key: string;
  line: number;
  reason: string;
}

/** The first `limit` records that the data preparation would drop, and how many there are in all. */
export async function findUnfitRecords(
  clients: AwsClients,
  bucket: string,
  limit = 3,
  signal?: AbortSignal,
): Promise<{ count: number; examples: RecordProblem[] }> {
  const columns = preparedColumns().filter((c) => c.name !== 'minutesInPark');
  const examples: RecordProblem[] = [];
  let count = 0;
  await forEachRecordLine(
    clients,
    bucket,
    (line, key, lineNumber) => {
      const reason = unfitReason(line, columns);
      if (!reason) return;
      count++;
      if (examples.length < limit) examples.push({ key, line: lineNumber, reason });
    },
    signal,
  );
  return { count, examples };
}

/** Why a record would be dropped, or undefined when every prepared column fits. */
export function unfitReason(
  line: string,
  columns: Array<{ name: string; type: string }>,
): string | undefined {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    return 'the line is not one JSON object';
  }
  for (const column of columns) {
    const value = column.name
      .split('.')
      .reduce<unknown>(
        (node, part) =>
          node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined,
        record,
      );
    if (value === null || value === undefined) continue;
    if (!fits(value, column.type))
      return `${column.name} is ${JSON.stringify(value).slice(0, 40)}, not a ${column.type}`;
  }
  return undefined;
}

function fits(value: unknown, type: string): boolean {
  switch (type) {
    case 'INTEGER':
      return (
        (typeof value === 'number' && Number.isInteger(value)) ||
        (typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value))
      );
    case 'DECIMAL':
      return (
        (typeof value === 'number' && Number.isFinite(value)) ||
        (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
      );
    case 'DATETIME':
      return (
        typeof value === 'string' &&
        /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value.trim())
      );
    default:
      return true;
  }
}

/**
 * About how many bytes of SPICE the data set needs, from SPICE's sizing rule
 * (8 bytes a number or date, text's length plus 24) applied to the first
 * record and scaled by the bucket's size. Undefined when the bucket is empty.
 */
export async function estimateSpiceBytes(
  clients: AwsClients,
  bucket: string,
  signal?: AbortSignal,
): Promise<number | undefined> {
  const objects = await listDataObjects(clients, bucket, signal);
  const totalBytes = objects.reduce((sum, o) => sum + o.size, 0);
  if (objects.length === 0) return undefined;
  const sample = await firstLine(clients, bucket, objects[0]!.key, signal);
  if (!sample) return undefined;
  let record: unknown;
  try {
    record = JSON.parse(sample);
  } catch {
    return undefined;
  }
  let rowBytes = 0;
  for (const column of preparedColumns()) {
    const value = column.name
      .split('.')
      .reduce<unknown>(
        (node, part) =>
          node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined,
        record,
      );
    rowBytes += column.type === 'STRING' ? 24 + Buffer.byteLength(typeof value === 'string' ? value : '') : 8;
  }
  return Math.round((totalBytes / Buffer.byteLength(sample + '\n')) * rowBytes);
}

/** The object's first line, from its first 16 KiB only. */
async function firstLine(
  clients: AwsClients,
  bucket: string,
  key: string,
  signal?: AbortSignal,
): Promise<string | undefined> {
  const out = await clients.s3.send(
    new GetObjectCommand({ Bucket: bucket, Key: key, Range: 'bytes=0-16383' }),
    { abortSignal: signal },
  );
  const text = (await out.Body?.transformToString('utf8')) ?? '';
  const end = text.indexOf('\n');
  return end > 0 ? text.slice(0, end) : undefined;
}

export interface ExpectedRows {
  rows: number;
  /** Where the number came from: the landing step's reconciliation, or counting the bucket now. */
  source: 'reconciliation' | 'bucket';
  /** Records that landed more than once; QuickSight ingests each copy as a row. */
  duplicates: number;
}

/**
 * The rows a complete ingestion holds: every record line of the data
 * objects. The landing step's outputs give it as landedRecords (unique)
 * plus duplicateRecords and otherLines; without them (verify on another
 * machine) the bucket is counted, streaming.
 */
export async function expectedRows(
  clients: AwsClients,
  bucket: string,
  outputs: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<ExpectedRows> {
  const number = (value: unknown) =>
    typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  const landed = number(outputs.landedRecords);
  if (landed !== undefined) {
    const duplicates = number(outputs.duplicateRecords) ?? 0;
    return {
      rows: landed + duplicates + (number(outputs.otherLines) ?? 0),
      source: 'reconciliation',
      duplicates,
    };
  }
  return { rows: await countRecordLines(clients, bucket, signal), source: 'bucket', duplicates: 0 };
}
