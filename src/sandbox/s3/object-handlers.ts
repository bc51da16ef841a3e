/**
 * S3 object operations over HTTP: PutObject streams the body to disk through
 * the aws-chunked decoder and the digests, then verifies what the client
 * promised (length, Content-MD5, x-amz-checksum-*) before the object exists.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { restXmlResult, SandboxError, type SandboxResponse } from '../protocol.js';
import type { SandboxContext, SandboxRequest } from '../types.js';
import { childNode, childNodes, childText, parseXml, XmlSyntaxError, type XmlNode } from '../xml.js';
import { discardBody, receiveBody, s3Api, type ObjectInfo } from './api.js';
import { AwsChunkedDecoder, ChunkedFramingError, isAwsChunked } from './chunked.js';
import { DigestStream, VERIFIED_CHECKSUMS, type ChecksumName, type Digests } from './digest.js';
import { bucketFor, checkKey, malformedXml, noSuchKey } from './model.js';
import { targetOf } from './operations.js';

function bucketAndKey(req: SandboxRequest): { bucket: string; key: string } {
  const { bucket, key } = targetOf(req);
  if (!bucket || key === undefined) throw new SandboxError(400, 'InvalidRequest', 'A bucket and a key are required.');
  return { bucket, key };
}

export async function putObject(req: SandboxRequest, ctx: SandboxContext): Promise<SandboxResponse> {
  const { bucket, key } = bucketAndKey(req);
  checkKey(key);
  bucketFor(ctx.sandbox, ctx.account, bucket); // NoSuchBucket before reading any bytes

  const decoder = isAwsChunked(req.headers) ? new AwsChunkedDecoder() : undefined;
  const digest = new DigestStream(announcedChecksums(req.headers));
  let temp: string;
  try {
    temp = await receiveBody(ctx.sandbox, [req.stream, ...(decoder ? [decoder] : []), digest] as Readable[]);
  } catch (error) {
    if (error instanceof ChunkedFramingError) throw incompleteBody();
    throw error;
  }

  const digests = digest.digests();
  try {
    verifyBody(req.headers, decoder?.trailers, digests);
  } catch (error) {
    await discardBody(ctx.sandbox, temp);
    throw error;
  }
  const info = await s3Api(ctx.sandbox).commitObject(ctx.account, bucket, key, temp, digests, {
    contentType: String(req.headers['content-type'] ?? ''),
    metadata: userMetadata(req.headers),
  });
  return { status: 200, headers: { ETag: info.etag, 'x-amz-server-side-encryption': 'AES256', ...checksumHeaders(info) } };
}

/** Algorithms the client said it checksums with, so the digest computes them alongside CRC32. */
function announcedChecksums(headers: IncomingHttpHeaders): ChecksumName[] {
  const named = [
    String(headers['x-amz-sdk-checksum-algorithm'] ?? '').toLowerCase(),
    String(headers['x-amz-trailer'] ?? '').replace(/^x-amz-checksum-/, ''),
    ...Object.keys(headers).filter((h) => h.startsWith('x-amz-checksum-')).map((h) => h.slice(15)),
  ];
  return VERIFIED_CHECKSUMS.filter((name) => named.includes(name));
}

function verifyBody(headers: IncomingHttpHeaders, trailers: Map<string, string> | undefined, digests: Digests): void {
  const decodedLength = headers['x-amz-decoded-content-length'];
  if (decodedLength !== undefined && Number(decodedLength) !== digests.size) throw incompleteBody();

  const md5 = headers['content-md5'];
  if (typeof md5 === 'string') {
    const expected = Buffer.from(md5, 'base64');
    if (expected.length !== 16) throw new SandboxError(400, 'InvalidDigest', 'The Content-MD5 you specified was invalid.');
    if (expected.toString('hex') !== digests.md5Hex) {
      throw new SandboxError(400, 'BadDigest', 'The Content-MD5 you specified did not match what we received.');
    }
  }

  for (const name of VERIFIED_CHECKSUMS) {
    const header = `x-amz-checksum-${name}`;
    const expected = trailers?.get(header) ?? headers[header];
    if (typeof expected !== 'string') continue;
    if (expected !== digests.checksums[name]) {
      throw new SandboxError(
        400,
        'BadDigest',
        `The ${name.toUpperCase()} you specified did not match the calculated checksum.`,
      );
    }
  }
  // TODO: verify CRC32C and CRC64NVME too if a client of the workshop ever sends them (node has no built-in for either).
}

function incompleteBody(): SandboxError {
  return new SandboxError(
    400,
    'IncompleteBody',
    'You did not provide the number of bytes specified by the Content-Length HTTP header',
  );
}

function userMetadata(headers: IncomingHttpHeaders): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith('x-amz-meta-') && typeof value === 'string') metadata[name.slice(11)] = value;
  }
  return metadata;
}

function checksumHeaders(info: ObjectInfo): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(info.checksums)) headers[`x-amz-checksum-${name}`] = value;
  return headers;
}

/** GetObject and HeadObject: the same headers; HEAD sends no body (the router drops it). */
export async function getObject(req: SandboxRequest, ctx: SandboxContext): Promise<SandboxResponse> {
  const { bucket, key } = bucketAndKey(req);
  const api = s3Api(ctx.sandbox);
  const info = api.headObject(ctx.account, bucket, key);
  if (!info) throw noSuchKey(key);

  const headers: Record<string, string | number> = {
    'content-type': info.contentType,
    ETag: info.etag,
    'last-modified': info.lastModified.toUTCString(),
    'accept-ranges': 'bytes',
    'x-amz-server-side-encryption': 'AES256',
  };
  for (const [name, value] of Object.entries(info.metadata)) headers[`x-amz-meta-${name}`] = value;

  const failed = preconditionFailure(req.headers, info);
  if (failed) return failed;

  const range = parseRange(req.headers.range, info.size);
  if (range === 'unsatisfiable') {
    throw new SandboxError(416, 'InvalidRange', 'The requested range is not satisfiable', {
      RangeRequested: String(req.headers.range),
      ActualObjectSize: String(info.size),
    });
  }
  if (range) {
    headers['content-range'] = `bytes ${range.start}-${range.end}/${info.size}`;
    headers['content-length'] = range.end - range.start + 1;
  } else {
    headers['content-length'] = info.size;
    // Whole-object checksums only for whole-object reads, when asked for (the SDK asks by default and verifies).
    if (String(req.headers['x-amz-checksum-mode'] ?? '').toUpperCase() === 'ENABLED') {
      Object.assign(headers, checksumHeaders(info), { 'x-amz-checksum-type': 'FULL_OBJECT' });
    }
  }

  const status = range ? 206 : 200;
  if (req.method === 'HEAD' || info.size === 0) return { status, headers };
  const { body } = api.getObjectStream(ctx.account, bucket, key, range ?? undefined);
  return { status, headers, body };
}

function preconditionFailure(headers: IncomingHttpHeaders, info: ObjectInfo): SandboxResponse | undefined {
  const ifMatch = headers['if-match'];
  if (ifMatch && ifMatch !== '*' && !ifMatch.split(',').map((t) => t.trim()).includes(info.etag)) {
    throw new SandboxError(412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold');
  }
  const ifNoneMatch = headers['if-none-match'];
  if (ifNoneMatch && (ifNoneMatch === '*' || ifNoneMatch.split(',').map((t) => t.trim()).includes(info.etag))) {
    return { status: 304, headers: { ETag: info.etag } };
  }
  return undefined;
}

/** `bytes=a-b`, `bytes=a-` or `bytes=-n`; anything else is ignored, as S3 does. */
function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
    if (match[2] !== '' && Number(match[2]) < start) return undefined;
  }
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}

export async function deleteObject(req: SandboxRequest, ctx: SandboxContext): Promise<SandboxResponse> {
  const { bucket, key } = bucketAndKey(req);
  s3Api(ctx.sandbox).deleteObject(ctx.account, bucket, key);
  return { status: 204 };
}

export async function deleteObjects(req: SandboxRequest, ctx: SandboxContext): Promise<SandboxResponse> {
  const { bucket } = targetOf(req);
  const api = s3Api(ctx.sandbox);
  bucketFor(ctx.sandbox, ctx.account, bucket!);
  const root = parseBody(await req.readBody());
  if (root.name !== 'Delete') throw malformedXml();
  const objects = childNodes(root, 'Object');
  if (objects.length === 0 || objects.length > 1000) throw malformedXml();
  const quiet = childText(root, 'Quiet') === 'true';

  const deleted: Array<{ Key: string }> = [];
  for (const object of objects) {
    // Keys are taken verbatim: spaces at either end are part of an S3 key.
    const key = childNode(object, 'Key')?.text;
    if (key === undefined) throw malformedXml();
    api.deleteObject(ctx.account, bucket!, key);
    deleted.push({ Key: key });
  }
  return restXmlResult('DeleteResult', quiet ? {} : { Deleted: deleted });
}

/** Parses a small XML request body, or answers MalformedXML. */
export function parseBody(body: Buffer): XmlNode {
  try {
    return parseXml(body.toString('utf8'));
  } catch (error) {
    if (error instanceof XmlSyntaxError) throw malformedXml();
    throw error;
  }
}
