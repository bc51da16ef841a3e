/**
 * A day's records as the bytes the sender ships: one newline-terminated
 * JSON line each, tagged with its position. Lines are written side by side
 * into 1 MiB slabs rather than one Buffer each; a slab is never reused, so a
 * record kept for a resend stays intact.
 */
import { simulateDay, type SimulateOptions } from './day.js';
import { writeJsonLine } from './json-line.js';
import type { ParkEvent } from './types.js';

const SLAB_BYTES = 1024 * 1024;

export interface EncodedRecord {
  sequence: number;
  data: Buffer;
}

export function* encodeDay(options: SimulateOptions, onEvent?: (event: ParkEvent) => void): Generator<EncodedRecord> {
  let slab = Buffer.allocUnsafe(SLAB_BYTES);
  let offset = 0;
  for (const event of simulateDay(options)) {
    onEvent?.(event);
    let end: number;
    try {
      end = writeJsonLine(event, slab, offset);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      // The slab is full: start a new one (records already handed out keep theirs).
      slab = Buffer.allocUnsafe(SLAB_BYTES);
      offset = 0;
      end = writeJsonLine(event, slab, offset);
    }
    yield { sequence: event.sequence, data: slab.subarray(offset, end) };
    offset = end;
  }
}
