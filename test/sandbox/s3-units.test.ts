import { describe, expect, test } from '@jest/globals';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { AwsChunkedDecoder, ChunkedFramingError } from '../../src/sandbox/s3/chunked.js';
import { listPage } from '../../src/sandbox/s3/listing.js';
import { parseXml, childText, childNodes } from '../../src/sandbox/xml.js';

async function decode(pieces: Buffer[]): Promise<{ body: Buffer; trailers: Map<string, string> }> {
  const decoder = new AwsChunkedDecoder();
  const out: Buffer[] = [];
  await pipeline(
    Readable.from(pieces),
    decoder,
    new Writable({
      write(chunk, _enc, done) {
        out.push(chunk);
        done();
      },
    }),
  );
  return { body: Buffer.concat(out), trailers: decoder.trailers };
}

describe('aws-chunked decoding', () => {
  const framed = Buffer.from(
    '6;chunk-signature=abc\r\nhello \r\n5\r\nworld\r\n0\r\nx-amz-checksum-crc32:rwg7LQ==\r\n\r\n',
    'latin1',
  );

  test('yields the payload and the trailer however the bytes are split', async () => {
    for (let cut = 1; cut < framed.length; cut++) {
      const { body, trailers } = await decode([framed.subarray(0, cut), framed.subarray(cut)]);
      expect(body.toString()).toBe('hello world');
      expect(trailers.get('x-amz-checksum-crc32')).toBe('rwg7LQ==');
    }
    const byteByByte = await decode([...framed].map((b) => Buffer.from([b])));
    expect(byteByByte.body.toString()).toBe('hello world');
  });

  test('a body cut short or with broken framing is refused', async () => {
    await expect(decode([framed.subarray(0, 20)])).rejects.toBeInstanceOf(ChunkedFramingError);
    await expect(decode([Buffer.from('zz\r\nhello\r\n')])).rejects.toBeInstanceOf(ChunkedFramingError);
    await expect(decode([Buffer.from('2\r\nhello\r\n0\r\n\r\n')])).rejects.toBeInstanceOf(ChunkedFramingError);
  });
});

describe('listing one page', () => {
  const keys = ['a/1', 'a/2', 'b', 'c/x/1', 'c/y/1', 'd'];
  test.each([
    [{}, { keys, commonPrefixes: [], isTruncated: false }],
    [{ maxKeys: 2 }, { keys: ['a/1', 'a/2'], commonPrefixes: [], isTruncated: true, last: 'a/2' }],
    [{ after: 'a/2', maxKeys: 2 }, { keys: ['b', 'c/x/1'], commonPrefixes: [], isTruncated: true }],
    [{ delimiter: '/' }, { keys: ['b', 'd'], commonPrefixes: ['a/', 'c/'], isTruncated: false }],
    [{ delimiter: '/', maxKeys: 1 }, { keys: [], commonPrefixes: ['a/'], isTruncated: true, last: 'a/' }],
    [{ delimiter: '/', after: 'a/' }, { keys: ['b', 'd'], commonPrefixes: ['c/'], isTruncated: false }],
    [{ prefix: 'c/', delimiter: '/' }, { keys: [], commonPrefixes: ['c/x/', 'c/y/'], isTruncated: false }],
    [{ prefix: 'zzz' }, { keys: [], commonPrefixes: [], isTruncated: false }],
    [{ maxKeys: 6 }, { keys, commonPrefixes: [], isTruncated: false }],
  ])('%j', (input, expected) => {
    expect(listPage(keys, input)).toMatchObject(expected);
  });
});

describe('reading request XML', () => {
  test('namespaces, entities and CDATA', () => {
    const root = parseXml(
      '<?xml version="1.0"?><s3:Delete xmlns:s3="x"><Object><Key>a &amp; b</Key></Object>' +
        '<Object><Key><![CDATA[<c>]]></Key></Object><Quiet>true</Quiet></s3:Delete>',
    );
    expect(root.name).toBe('Delete');
    expect(childNodes(root, 'Object').map((o) => childText(o, 'Key'))).toEqual(['a & b', '<c>']);
    expect(childText(root, 'Quiet')).toBe('true');
  });

  test('mismatched tags are a syntax error', () => {
    expect(() => parseXml('<a><b></a>')).toThrow('unexpected closing tag');
    expect(() => parseXml('<a>')).toThrow('unclosed element');
  });
});
