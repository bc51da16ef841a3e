/**
 * Checksums computed while an object's bytes stream to disk: MD5 for the ETag,
 * CRC32 always (the SDK's default algorithm), SHA-1/SHA-256 when the client
 * announced them. Nothing is buffered.
 */
import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { crc32 } from 'node:zlib';

/** Checksum algorithms S3 stores and answers, by their header suffix. */
export type ChecksumName = 'crc32' | 'sha1' | 'sha256';
export const VERIFIED_CHECKSUMS: readonly ChecksumName[] = ['crc32', 'sha1', 'sha256'];

export interface Digests {
  size: number;
  /** Hex MD5, as in the ETag. */
  md5Hex: string;
  /** Base64 of each computed checksum, as S3 writes them in x-amz-checksum-* headers. */
  checksums: Partial<Record<ChecksumName, string>>;
}

export class DigestStream extends Transform {
  private size = 0;
  private crc = 0;
  private readonly md5 = createHash('md5');
  private readonly extra = new Map<ChecksumName, Hash>();

  constructor(also: readonly ChecksumName[] = []) {
    super();
    for (const name of also) if (name === 'sha1' || name === 'sha256') this.extra.set(name, createHash(name));
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    this.crc = crc32(chunk, this.crc);
    this.md5.update(chunk);
    for (const hash of this.extra.values()) hash.update(chunk);
    callback(null, chunk);
  }

  /** Call once the stream has ended. */
  digests(): Digests {
    const checksums: Digests['checksums'] = { crc32: crc32Base64(this.crc) };
    for (const [name, hash] of this.extra) checksums[name] = hash.digest('base64');
    return { size: this.size, md5Hex: this.md5.digest('hex'), checksums };
  }
}

export function digestsOf(body: Buffer, also: readonly ChecksumName[] = []): Digests {
  const checksums: Digests['checksums'] = { crc32: crc32Base64(crc32(body)) };
  for (const name of also) if (name === 'sha1' || name === 'sha256') checksums[name] = createHash(name).update(body).digest('base64');
  return { size: body.length, md5Hex: createHash('md5').update(body).digest('hex'), checksums };
}

function crc32Base64(value: number): string {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value >>> 0);
  return bytes.toString('base64');
}
