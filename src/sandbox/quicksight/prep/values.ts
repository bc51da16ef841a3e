/**
 * Column types and the conversions between them, as a QuickSight data set
 * applies them while ingesting. In a row, INTEGER and DECIMAL are numbers,
 * DATETIME is epoch milliseconds, STRING a string, BOOLEAN a boolean; a
 * missing value is null. A conversion that cannot be made throws CastFailure,
 * and the ingestion skips (drops) that row, as QuickSight does.
 */

export type ColumnType = 'STRING' | 'INTEGER' | 'DECIMAL' | 'DATETIME' | 'BOOLEAN';
export type Value = string | number | boolean | null;
export type Row = Record<string, Value>;

export const OUTPUT_TYPES: readonly string[] = ['STRING', 'INTEGER', 'DECIMAL', 'DATETIME'];
export const INPUT_TYPES: readonly string[] = [
  'STRING',
  'INTEGER',
  'DECIMAL',
  'DATETIME',
  'BIT',
  'BOOLEAN',
  'JSON',
];

export class CastFailure extends Error {}

const INTEGER_TEXT = /^[+-]?\d+$/;
const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** ISO-8601 dates QuickSight recognises without a format: date, or date and time with optional zone. */
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** An input column's value from a parsed JSON field. */
export function fromJson(value: unknown, type: string, column: string): Value {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'STRING':
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
    case 'JSON':
      return JSON.stringify(value);
    case 'BIT':
    case 'BOOLEAN':
      if (value === true || value === 1 || value === 'true' || value === '1') return true;
      if (value === false || value === 0 || value === 'false' || value === '0') return false;
      throw failure(value, column, 'BOOLEAN');
    default:
      if (typeof value === 'object') throw failure(value, column, type);
      return cast(value as Value, type as ColumnType, column);
  }
}

/** CastColumnTypeOperation: `value` as `type`. `format` is accepted and ignored for ISO text. */
export function cast(value: Value, type: ColumnType, column: string): Value {
  if (value === null) return null;
  switch (type) {
    case 'STRING':
      return typeof value === 'string' ? value : String(value);
    case 'INTEGER': {
      if (typeof value === 'number') {
        if (!Number.isInteger(value)) throw failure(value, column, type);
        return value;
      }
      if (typeof value === 'string' && INTEGER_TEXT.test(value.trim())) return Number(value);
      throw failure(value, column, type);
    }
    case 'DECIMAL': {
      if (typeof value === 'number') return value;
      if (typeof value === 'string' && NUMBER_TEXT.test(value.trim())) return Number(value);
      throw failure(value, column, type);
    }
    case 'DATETIME': {
      // Numbers are epoch seconds, as QuickSight reads a numeric column cast to a date.
      if (typeof value === 'number') return value * 1000;
      if (typeof value === 'string') {
        const text = value.trim();
        const ms = ISO_DATETIME.test(text) ? Date.parse(text.replace(' ', 'T')) : NaN;
        if (Number.isFinite(ms)) return ms;
      }
      throw failure(value, column, type);
    }
    case 'BOOLEAN':
      return Boolean(value);
  }
}

/** Output columns are reported with the four analysis types; BOOLEAN shows as INTEGER (0/1) as in QuickSight. */
export function outputType(type: ColumnType): string {
  return type === 'BOOLEAN' ? 'INTEGER' : type;
}

/** The value as it is kept in a prepared-rows file: dates as ISO text, booleans as 0/1. */
export function storedValue(value: Value, type: ColumnType): Value {
  if (value === null) return null;
  if (type === 'DATETIME') return new Date(value as number).toISOString();
  if (type === 'BOOLEAN') return value ? 1 : 0;
  return value;
}

/**
 * SPICE's logical size of one value (AWS "estimating the size of SPICE data
 * sets"): 8 bytes for numbers and dates, the UTF-8 length plus 24 for text.
 */
export function spiceBytes(value: Value, type: ColumnType): number {
  if (type === 'STRING') return 24 + (typeof value === 'string' ? Buffer.byteLength(value) : 0);
  return 8;
}

function failure(value: unknown, column: string, type: string): CastFailure {
  const shown = typeof value === 'string' ? `"${value.slice(0, 40)}"` : JSON.stringify(value)?.slice(0, 40);
  return new CastFailure(`the value ${shown} of column ${column} is not a valid ${type}`);
}
