/**
 * Decodes an `aws-chunked` body, which the SDK sends for stream uploads:
 *
 *   <hex size>[;chunk-signature=…]\r\n<bytes>\r\n … 0[;…]\r\n<name>:<value>\r\n … \r\n
 *
 * The decoded bytes flow on; the trailing headers (e.g. x-amz-checksum-crc32)
 * are collected in `trailers` for the caller to verify once the stream ends.
 * Only header lines are buffered, so memory stays flat for any object size.
 */
import { Transform, type TransformCallback } from 'node:stream';

/** The body ended early or its framing was broken; S3 answers IncompleteBody. */
export class ChunkedFramingError extends Error {}

const MAX_LINE = 4096;
const CRLF = Buffer.from('\r\n');

type Phase = 'size' | 'data' | 'data-end' | 'trailer' | 'done';

export class AwsChunkedDecoder extends Transform {
  readonly trailers = new Map<string, string>();
  private phase: Phase = 'size';
  private line: Buffer = Buffer.alloc(0);
  private remaining = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.consume(chunk);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    callback(this.phase === 'done' ? undefined : new ChunkedFramingError('the aws-chunked body ended before its last chunk'));
  }

  private consume(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.phase === 'data') {
        const take = Math.min(this.remaining, chunk.length - offset);
        this.push(chunk.subarray(offset, offset + take));
        offset += take;
        this.remaining -= take;
        if (this.remaining === 0) this.phase = 'data-end';
        continue;
      }
      if (this.phase === 'done') return; // Anything after the final blank line is ignored.

      const newline = chunk.indexOf(0x0a, offset);
      const end = newline === -1 ? chunk.length : newline + 1;
      this.line = this.line.length === 0 ? chunk.subarray(offset, end) : Buffer.concat([this.line, chunk.subarray(offset, end)]);
      offset = end;
      if (this.line.length > MAX_LINE) throw new ChunkedFramingError('an aws-chunked header line is too long');
      if (newline === -1) return;
      const text = this.line.subarray(0, this.line.length - (this.line.subarray(-2).equals(CRLF) ? 2 : 1)).toString('latin1');
      this.line = Buffer.alloc(0);
      this.onLine(text);
    }
  }

  private onLine(text: string): void {
    if (this.phase === 'data-end') {
      if (text !== '') throw new ChunkedFramingError('an aws-chunked chunk is longer than its size says');
      this.phase = 'size';
      return;
    }
    if (this.phase === 'size') {
      const size = parseInt(text.split(';', 1)[0]!, 16);
      if (!Number.isFinite(size) || size < 0 || !/^[0-9a-fA-F]+$/.test(text.split(';', 1)[0]!)) {
        throw new ChunkedFramingError(`a bad aws-chunked size line ${JSON.stringify(text.slice(0, 40))}`);
      }
      this.remaining = size;
      this.phase = size === 0 ? 'trailer' : 'data';
      return;
    }
    // Trailer lines until a blank one.
    if (text === '') {
      this.phase = 'done';
      return;
    }
    const colon = text.indexOf(':');
    if (colon > 0) this.trailers.set(text.slice(0, colon).trim().toLowerCase(), text.slice(colon + 1).trim());
  }
}

/** Whether a request's body is aws-chunked framed. */
export function isAwsChunked(headers: Record<string, string | string[] | undefined>): boolean {
  const encoding = String(headers['content-encoding'] ?? '');
  const sha = String(headers['x-amz-content-sha256'] ?? '');
  return encoding.split(',').some((part) => part.trim() === 'aws-chunked') || sha.startsWith('STREAMING-');
}
