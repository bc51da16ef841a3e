/**
 * The pure parts of the sandbox's QuickSight ingestion: the calculated-field
 * language, the data preparation, JSON record splitting and manifests.
 */
import { describe, expect, test } from '@jest/globals';
import { Readable } from 'node:stream';
import { compileExpression, ExpressionError } from '../../src/sandbox/quicksight/prep/expression.js';
import {
  buildPreparation,
  FILTERED,
  flatten,
  PreparationError,
} from '../../src/sandbox/quicksight/prep/preparation.js';
import type { ColumnType } from '../../src/sandbox/quicksight/prep/values.js';
import { JsonFileError, jsonRecords } from '../../src/sandbox/quicksight/json-records.js';
import { ManifestError, parseManifest } from '../../src/sandbox/quicksight/manifest.js';
import { dataSetTables } from '../../src/aws/quicksight-assets.js';

const COLUMNS = new Map<string, ColumnType>([
  ['arrival', 'DATETIME'],
  ['tap', 'DATETIME'],
  ['age', 'INTEGER'],
  ['lat', 'DECIMAL'],
  ['event', 'STRING'],
]);
const ROW = {
  arrival: Date.parse('2026-12-03T07:00:10Z'),
  tap: Date.parse('2026-12-03T09:31:05Z'),
  age: 25,
  lat: 41.5,
  event: 'Ride',
};

describe('calculated fields', () => {
  test.each([
    ['dateDiff({arrival}, {tap}, "MI")', 'INTEGER', 150],
    ['dateDiff({arrival}, {tap}, "HH")', 'INTEGER', 2],
    ['dateDiff({arrival}, {tap})', 'INTEGER', 0],
    ['dateDiff({tap}, {arrival}, "MI")', 'INTEGER', -150],
    ['{age} * 2 + 1', 'INTEGER', 51],
    ['{age} / 2', 'DECIMAL', 12.5],
    ['-{lat}', 'DECIMAL', -41.5],
    ['ifelse({age} < 18, "child", {age} < 65, "adult", "senior")', 'STRING', 'adult'],
    ['extract("HH", {tap})', 'INTEGER', 9],
    ['concat({event}, "-", toString({age}))', 'STRING', 'Ride-25'],
    ['{event} = "Ride" AND NOT {age} > 30', 'BOOLEAN', true],
    ['isNull({event}) OR {age} <> 25', 'BOOLEAN', false],
    ['parseInt("42")', 'INTEGER', 42],
    ['round({lat} / 3, 2)', 'DECIMAL', 13.83],
  ])('%s', (source, type, value) => {
    const compiled = compileExpression(source, COLUMNS);
    expect(compiled.type).toBe(type);
    expect(compiled.evaluate(ROW)).toBe(value);
  });

  test('nulls pass through arithmetic and comparisons', () => {
    expect(
      compileExpression('dateDiff({arrival}, {tap}, "MI")', COLUMNS).evaluate({ ...ROW, arrival: null }),
    ).toBeNull();
    expect(compileExpression('{age} + 1', COLUMNS).evaluate({ ...ROW, age: null })).toBeNull();
  });

  test.each([
    ['dateDiff({arrivalTime}, {tap}, "MI")', /column \{arrivalTime\} does not exist/],
    ['dateDiff({age}, {tap}, "MI")', /needs a DATETIME here, not a INTEGER/],
    ['dateDiff({arrival}, {tap}, "minutes")', /period must be one of/],
    ['dateDif({arrival}, {tap})', /dateDif is not a function/],
    ['{age} + {event}', /needs a number/],
    ['{age} = "x"', /cannot compare/],
    ['({age} + 1', /not closed/],
    ['{age} 1', /unexpected "1"/],
    ['{age', /not closed/],
  ])('refuses %s', (source, message) => {
    expect(() => compileExpression(source, COLUMNS)).toThrow(ExpressionError);
    expect(() => compileExpression(source, COLUMNS)).toThrow(message);
  });
});

describe('the module data preparation', () => {
  const tables = dataSetTables('arn:aws:quicksight:eu-west-1:123456789012:datasource/theme-park-data');
  const preparation = buildPreparation(tables.PhysicalTableMap, tables.LogicalTableMap);
  const record = {
    eventId: 'e1',
    event: 'Exit',
    rideId: null,
    rating: null,
    timestamp: '2026-12-03T12:30:00.000Z',
    visitorId: 7,
    visitor: {
      id: 7,
      firstName: 'Ada',
      lastName: 'Park',
      age: 30,
      birthday: { month: 12, day: 3 },
      home: { latitude: 41.2, longitude: -89.1 },
      arrivalTime: '2026-12-03T07:15:30.000Z',
      totalRides: 4,
    },
  };

  test('flattens nested fields to dotted columns', () => {
    expect(flatten(record)).toMatchObject({
      'visitor.home.latitude': 41.2,
      'visitor.birthday.month': 12,
      rideId: null,
    });
  });

  test('tags the coordinates, casts the rating and computes minutesInPark', () => {
    const byName = Object.fromEntries(preparation.outputColumns.map((c) => [c.name, c]));
    expect(byName['visitor.home.latitude']).toMatchObject({ type: 'DECIMAL', geographicRole: 'LATITUDE' });
    expect(byName['visitor.home.longitude']).toMatchObject({ geographicRole: 'LONGITUDE' });
    expect(byName.rating!.type).toBe('INTEGER');
    const prepared = preparation.prepare(flatten(record));
    expect(prepared).toMatchObject({
      row: { minutesInPark: 314, rating: null, event: 'Exit', 'visitor.age': 30 },
    });
    expect(preparation.prepare(flatten({ ...record, event: 'Ride', rating: '4' }))).toMatchObject({
      row: { rating: 4 },
    });
  });

  test('drops a row whose value does not fit, saying which', () => {
    expect(preparation.prepare(flatten({ ...record, rating: 'five' }))).toEqual({
      dropped: 'the value "five" of column rating is not a valid INTEGER',
    });
    expect(preparation.prepare(flatten({ ...record, timestamp: 'noon' }))).toHaveProperty('dropped');
  });

  test('a filter leaves rows out without dropping them', () => {
    const filtered = structuredClone(tables);
    Object.values(filtered.LogicalTableMap)[0]!.DataTransforms!.push({
      FilterOperation: { ConditionExpression: '{event} = "Ride"' },
    });
    const withFilter = buildPreparation(filtered.PhysicalTableMap, filtered.LogicalTableMap);
    expect(withFilter.prepare(flatten(record))).toBe(FILTERED);
  });

  test.each([
    [
      { TagColumnOperation: { ColumnName: 'event', Tags: [{ ColumnGeographicRole: 'LATITUDE' }] } },
      /a LATITUDE must be a DECIMAL/,
    ],
    [{ RenameColumnOperation: { ColumnName: 'event', NewColumnName: 'rating' } }, /"rating" already exists/],
    [{ ProjectOperation: { ProjectedColumns: ['event', 'nope'] } }, /"nope" does not exist/],
    [
      { CastColumnTypeOperation: { ColumnName: 'rating', NewColumnType: 'NUMBER' } },
      /NewColumnType must be one of/,
    ],
    [
      {
        CastColumnTypeOperation: { ColumnName: 'rating', NewColumnType: 'INTEGER' },
        ProjectOperation: { ProjectedColumns: ['event'] },
      },
      /exactly one operation/,
    ],
  ])('refuses %j', (transform, message) => {
    const broken = structuredClone(tables);
    Object.values(broken.LogicalTableMap)[0]!.DataTransforms = [transform as never];
    expect(() => buildPreparation(broken.PhysicalTableMap, broken.LogicalTableMap)).toThrow(PreparationError);
    expect(() => buildPreparation(broken.PhysicalTableMap, broken.LogicalTableMap)).toThrow(message);
  });
});

describe('JSON records in an object', () => {
  async function read(...chunks: string[]) {
    const records: unknown[] = [];
    for await (const record of jsonRecords(Readable.from(chunks.map((c) => Buffer.from(c)))))
      records.push(record);
    return records;
  }

  test('one record per line, split anywhere across chunks', async () => {
    expect(await read('{"a":1}\n{"a"', ':2}\n', '\n{"a":3}')).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }]);
  });

  test('records written back to back, as the original simulator did', async () => {
    expect(await read('{"a":"}{"}{"a":2}', '{"a":3}\n')).toEqual([{ a: '}{' }, { a: 2 }, { a: 3 }]);
  });

  test('a record over several lines, and a top-level array', async () => {
    expect(await read('{\n  "a": 1\n}\n[{"a":2},{"a":3}]\n')).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }]);
  });

  test('multi-byte characters split between chunks', async () => {
    const bytes = Buffer.from('{"name":"Zoë"}\n');
    const records: unknown[] = [];
    for await (const record of jsonRecords(Readable.from([bytes.subarray(0, 12), bytes.subarray(12)])))
      records.push(record);
    expect(records).toEqual([{ name: 'Zoë' }]);
  });

  test.each([
    ['{"a":1}\n{"a":', /line 2: the file ends in the middle of a record/],
    ['{"a":1}\nhello\n', /line 2: unexpected "h"/],
    ['{"a":1}\n42\n', /line 2: 42 is not a JSON object/],
  ])('refuses %j', async (text, message) => {
    await expect(read(text)).rejects.toThrow(JsonFileError);
    await expect(read(text)).rejects.toThrow(message);
  });
});

describe('manifest files', () => {
  test('the module manifest', () => {
    expect(
      parseManifest(
        '{"fileLocations":[{"URIPrefixes":["s3://b/2026/"]}],"globalUploadSettings":{"format":"JSON"}}',
      ),
    ).toEqual({
      locations: [{ bucket: 'b', key: '2026/', prefix: true }],
      format: 'JSON',
    });
  });

  test('https addresses and the default format', () => {
    const manifest = parseManifest(
      '{"fileLocations":[{"URIs":["https://b.s3.eu-west-1.amazonaws.com/a%20b.json","https://s3.amazonaws.com/c/d.json"]}]}',
    );
    expect(manifest.locations).toEqual([
      { bucket: 'b', key: 'a b.json', prefix: false },
      { bucket: 'c', key: 'd.json', prefix: false },
    ]);
    expect(manifest.format).toBe('CSV');
  });

  test.each([
    ['\ufeff{"fileLocations":[]}', /byte order mark/],
    ['{"fileLocations": [', /not valid JSON/],
    ['{"locations":[]}', /no fileLocations/],
    ['{"fileLocations":[{"URIs":["s3://b"]}]}', /names a bucket, not a file/],
    ['{"fileLocations":[{"URIPrefixes":["ftp://b/"]}]}', /not an s3:\/\//],
    [
      '{"fileLocations":[{"URIPrefixes":["s3://b/"]}],"globalUploadSettings":{"format":"PARQUET"}}',
      /format "PARQUET"/,
    ],
  ])('refuses %j', (text, message) => {
    expect(() => parseManifest(text)).toThrow(ManifestError);
    expect(() => parseManifest(text)).toThrow(message);
  });
});
