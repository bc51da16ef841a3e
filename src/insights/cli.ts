/**
 * `themepark-workshop insights [--json]`: the analysis of what landed in
 * the learner's bucket, as charts in the terminal or as one JSON object for
 * an instructor's answer key.
 */
import { InsightsAccumulator } from './compute.js';
import { readBucket } from './read-bucket.js';
import { renderInsights } from './render/index.js';
import type { Insights } from './types.js';
import type { Session } from '../session/types.js';

export interface InsightsCliOptions {
  /** Print one JSON object with every figure instead of charts. */
  json: boolean;
  noColor: boolean;
  out: NodeJS.WritableStream;
  /** The park's time zone. @default America/Chicago, the simulator's */
  timeZone?: string;
  /** Columns for the charts. @default the terminal's, else 80 */
  width?: number;
  signal?: AbortSignal;
}

/** What --json prints: where the figures came from, then every figure. */
export interface InsightsReport extends Insights {
  bucket: string;
  objects: number;
  bytes: number;
}

/** Returns the exit code: 0, or 1 when the bucket holds no records to analyse. */
export async function runInsights(session: Session, options: InsightsCliOptions): Promise<number> {
  const bucket = session.names.bucket;
  const accumulator = new InsightsAccumulator({ timeZone: options.timeZone });
  const read = await readBucket(session.clients, bucket, accumulator, { signal: options.signal });
  const insights = accumulator.result();
  const write = (text: string) => options.out.write(text + '\n');

  if (options.json) {
    const report: InsightsReport = { bucket, objects: read.objects, bytes: read.bytes, ...insights };
    write(readableJson(report));
  } else if (insights.totals.records > 0) {
    write(
      `Insights from s3://${bucket}/ (${read.objects} objects, ${(read.bytes / 1024 / 1024).toFixed(1)} MiB)`,
    );
    const width = options.width ?? (options.out as { columns?: number }).columns ?? 80;
    for (const line of renderInsights(insights, { noColor: options.noColor, width })) write(line);
  } else {
    write(
      `No records in s3://${bucket}/ yet: play a park day first (the "Play a park day" step, or themepark-workshop simulate --stream).`,
    );
  }
  return insights.totals.records > 0 ? 0 : 1;
}

const SCALAR = String.raw`(?:-?[\d.eE+-]+|null|true|false|"[^"\\\n]*")`;
const SCALAR_ARRAY = new RegExp(String.raw`\[\n\s+(${SCALAR}(?:,\n\s+${SCALAR})*)\n\s*\]`, 'g');

/** Indented JSON with arrays of plain values on one line: 720 minutes are one line, not 720. */
export function readableJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    SCALAR_ARRAY,
    (_, items: string) => `[${items.replace(/,\n\s+/g, ', ')}]`,
  );
}
