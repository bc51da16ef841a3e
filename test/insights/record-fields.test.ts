/**
 * The simulator's template must read a line exactly as JSON.parse does, or
 * leave it to JSON.parse: on every record of a day, and on thousands of
 * lines damaged at random (a seeded generator, so a failure reproduces).
 */
import {
  emptyFields,
  fieldsOfValue,
  RecordTemplate,
  type RecordFields,
} from '../../src/insights/record-fields.js';
import { simulateDay, toJsonLine } from '../../src/simulator/index.js';

const lines = [...simulateDay({ scale: 0.005, seed: 77, date: '2024-07-04' })].map((e) =>
  Buffer.from(toJsonLine(e).slice(0, -1)),
);

/** The fields JSON.parse gives, or null when it throws or the line is not an object. */
function viaJson(line: Buffer): RecordFields | null {
  let value: unknown;
  try {
    value = JSON.parse(line.toString('utf8'));
  } catch {
    return null;
  }
  const fields = emptyFields();
  return fieldsOfValue(value, fields) ? fields : null;
}

function viaTemplate(line: Buffer): RecordFields | null {
  const fields = emptyFields();
  return new RecordTemplate().match(line, fields) ? fields : null;
}

/** mulberry32: small, seeded, good enough to pick bytes. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('the simulator template', () => {
  it('reads every record of a day as JSON.parse does', () => {
    const template = new RecordTemplate();
    for (const line of lines) {
      const fields = emptyFields();
      expect(template.match(line, fields)).toBe(true);
      expect(fields).toEqual(viaJson(line));
    }
  });

  it('never reads a damaged line differently from JSON.parse', () => {
    const next = random(20240704);
    const interesting = [
      '"',
      '\\',
      ' ',
      '\t',
      '\x01',
      '\x7f',
      'é',
      'e',
      'E',
      '-',
      '+',
      '0',
      '9',
      '.',
      ',',
      ':',
      '{',
      '}',
      'n',
      'u',
      'null',
    ];
    let matched = 0;
    for (let n = 0; n < 5000; n++) {
      const line = lines[Math.floor(next() * lines.length)]!.toString('latin1');
      const at = Math.floor(next() * line.length);
      const piece = interesting[Math.floor(next() * interesting.length)]!;
      const kind = Math.floor(next() * 3);
      const damaged =
        kind === 0
          ? line.slice(0, at) + piece + line.slice(at + 1)
          : kind === 1
            ? line.slice(0, at) + piece + line.slice(at)
            : line.slice(0, at) + line.slice(at + 1);
      const bytes = Buffer.from(damaged, 'utf8');
      const fromTemplate = viaTemplate(bytes);
      if (fromTemplate === null) continue;
      matched++;
      expect({ damaged, fields: fromTemplate }).toEqual({ damaged, fields: viaJson(bytes) });
    }
    // Digits changed inside numbers and names still match: the comparison above ran on many lines.
    expect(matched).toBeGreaterThan(500);
  });

  it('reads timestamps as Date.parse does, out-of-range fields included', () => {
    const next = random(7);
    const pick = (values: string[]) => values[Math.floor(next() * values.length)]!;
    const line = lines[0]!.toString('latin1');
    for (let n = 0; n < 2000; n++) {
      const stamp =
        `${pick(['2024', '1999', '0050', '0000', '9999'])}-${pick(['01', '02', '12', '13', '00'])}-` +
        `${pick(['01', '28', '29', '30', '31', '32', '00'])}T${pick(['00', '12', '23', '24'])}:${pick(['00', '59', '60'])}:` +
        `${pick(['00', '37', '59', '60'])}.${pick(['000', '999', '5x0'])}${pick(['Z', 'Z', '+01:00', ''])}`;
      const changed = Buffer.from(line.replace(/"timestamp":"[^"]*"/, `"timestamp":"${stamp}"`));
      expect({ stamp, fields: viaTemplate(changed) }).toEqual({ stamp, fields: viaJson(changed) });
    }
  });

  it.each([
    ['an exponent', /"rating":\d/, '"rating":4e0'],
    ['a long decimal', /"latitude":[-\d.]+/, '"latitude":41.49411512345678901'],
    ['a decimal with many places', /"longitude":[-\d.]+/, '"longitude":-89.000000000000000000001'],
    ['negative zero', /"day":\d+/, '"day":-0'],
  ])('reads numbers exactly: %s', (_name, from, to) => {
    const line = lines.find((l) => from.test(l.toString('latin1')))!.toString('latin1');
    const changed = Buffer.from(line.replace(from, to));
    const fields = viaTemplate(changed);
    expect(fields).not.toBeNull();
    expect(fields).toEqual(viaJson(changed));
  });

  it.each([
    ['a space after a colon', (l: string) => l.replace('"event":', '"event": ')],
    ['an escape in a name', (l: string) => l.replace('"firstName":"', '"firstName":"\\u0041')],
    [
      'keys in another order',
      (l: string) => l.replace(/^\{"eventId":("[^"]*"),"event":("[^"]*")/, '{"event":$2,"eventId":$1'),
    ],
    ['a key more', (l: string) => l.replace('}}', ',"extra":1}}')],
    ['text after the record', (l: string) => l + ' x'],
  ])('leaves lines of another shape to JSON.parse: %s', (_name, change) => {
    const changed = Buffer.from(change(lines[0]!.toString('latin1')));
    expect(changed.equals(lines[0]!)).toBe(false);
    expect(viaTemplate(changed)).toBeNull();
  });
});
