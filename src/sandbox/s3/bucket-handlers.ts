/**
 * S3 bucket operations over HTTP: create, inspect and delete buckets, list
 * their objects, and the settings a secure template sets (policy, default
 * encryption, public access block, versioning).
 */
import { restXmlResult, S3_XMLNS, SandboxError, type SandboxResponse } from '../protocol.js';
import type { SandboxContext, SandboxRequest } from '../types.js';
import { childNode, childNodes, childText, escapeXml, type XmlObject } from '../xml.js';
import { s3Api } from './api.js';
import { MAX_LIST_KEYS } from './listing.js';
import { bucketFor, malformedXml, type EncryptionRule, type PublicAccessBlock } from './model.js';
import { parseBody } from './object-handlers.js';
import { targetOf } from './operations.js';

function bucketName(req: SandboxRequest): string {
  const { bucket } = targetOf(req);
  if (!bucket) throw new SandboxError(400, 'InvalidRequest', 'A bucket name is required.');
  return bucket;
}

const noContent = (): SandboxResponse => ({ status: 204 });

export async function createBucket(req: SandboxRequest, ctx: SandboxContext): Promise<SandboxResponse> {
  const name = bucketName(req);
  const body = await req.readBody();
  const constraint = body.length > 0 ? childText(parseBody(body), 'LocationConstraint') || undefined : undefined;

  if (constraint === 'us-east-1' && ctx.region === 'us-east-1') {
    throw new SandboxError(400, 'InvalidLocationConstraint', 'The specified location-constraint is not valid', {
      LocationConstraint: constraint,
    });
  }
  if ((constraint ?? 'us-east-1') !== ctx.region) {
    throw new SandboxError(
      400,
      'IllegalLocationConstraintException',
      `The ${constraint ?? 'unspecified'} location constraint is incompatible for the region specific endpoint this request was sent to.`,
    );
  }

  try {
    s3Api(ctx.sandbox).createBucket(ctx.account, ctx.region, name);
  } catch (error) {
    // us-east-1 keeps S3's legacy answer: creating your own bucket again succeeds.
    const ownedAgain = error instanceof SandboxError && error.code === 'BucketAlreadyOwnedByYou';
    if (!(ownedAgain && ctx.region === 'us-east-1')) throw error;
  }
  return { status: 200, headers: { Location: `/${name}` } };
}

export async function headBucket(req: SandboxRequest, ctx: SandboxContext): Promise<SandboxResponse> {
  const bucket = bucketFor(ctx.sandbox, ctx.account, bucketName(req));
  return { status: 200, headers: { 'x-amz-bucket-region': bucket.region } };
}

export async function deleteBucket(req: SandboxRequest, ctx: SandboxContext): Promise<SandboxResponse> {
  s3Api(ctx.sandbox).deleteBucket(ctx.account, bucketName(req));
  return noContent();
}

export async function listBuckets(_req: SandboxRequest, ctx: SandboxContext): Promise<SandboxResponse> {
  const buckets = s3Api(ctx.sandbox).listBuckets(ctx.account);
  return restXmlResult('ListAllMyBucketsResult', {
    Owner: { ID: ownerId(ctx.account), DisplayName: 'sandbox-learner' },
    Buckets: {
      Bucket: buckets.map((bucket) => ({ Name: bucket.name, CreationDate: bucket.creationDate, BucketRegion: bucket.region })),
    },
  });
}

export async function getBucketLocation(req: SandboxRequest, ctx: SandboxContext): Promise<SandboxResponse> {
  const bucket = bucketFor(ctx.sandbox, ctx.account, bucketName(req));
  // us-east-1 answers an empty constraint, for historical reasons.
  const region = bucket.region === 'us-east-1' ? '' : bucket.region;
  return {
    status: 200,
    headers: { 'content-type': 'application/xml' },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="${S3_XMLNS}">${escapeXml(region)}</LocationConstraint>`,
  };
}

export async function listObjectsV2(req: SandboxRequest, ctx: SandboxContext): Promise<SandboxResponse> {
  const name = bucketName(req);
  const q = req.query;
  const token = q.get('continuation-token') ?? undefined;
  const startAfter = q.get('start-after') ?? undefined;
  const urlEncoded = q.get('encoding-type') === 'url';
  const maxKeys = maxKeysOf(q.get('max-keys'));
  const page = s3Api(ctx.sandbox).listObjects(ctx.account, name, {
    prefix: q.get('prefix') ?? '',
    delimiter: q.get('delimiter') ?? '',
    maxKeys,
    after: token !== undefined ? decodeToken(token) : startAfter,
  });
  const enc = (text: string | undefined) => (text !== undefined && urlEncoded ? encodeKey(text) : text);

  return restXmlResult('ListBucketResult', {
    Name: name,
    Prefix: enc(q.get('prefix') ?? ''),
    Delimiter: enc(q.get('delimiter') || undefined),
    MaxKeys: maxKeys,
    EncodingType: urlEncoded ? 'url' : undefined,
    KeyCount: page.keys.length + page.commonPrefixes.length,
    IsTruncated: page.isTruncated,
    ContinuationToken: token,
    NextContinuationToken: page.isTruncated && page.last !== undefined ? encodeToken(page.last) : undefined,
    StartAfter: enc(startAfter),
    Contents: page.objects.map((object) => contentsEntry(object, enc)),
    CommonPrefixes: page.commonPrefixes.map((prefix) => ({ Prefix: enc(prefix) })),
  });
}

/** ListObjects (v1), for the AWS CLI's `s3api list-objects` and older tools. */
export async function listObjects(req: SandboxRequest, ctx: SandboxContext): Promise<SandboxResponse> {
  const name = bucketName(req);
  const q = req.query;
  const marker = q.get('marker') ?? '';
  const urlEncoded = q.get('encoding-type') === 'url';
  const maxKeys = maxKeysOf(q.get('max-keys'));
  const page = s3Api(ctx.sandbox).listObjects(ctx.account, name, {
    prefix: q.get('prefix') ?? '',
    delimiter: q.get('delimiter') ?? '',
    maxKeys,
    after: marker,
  });
  const enc = (text: string | undefined) => (text !== undefined && urlEncoded ? encodeKey(text) : text);
  return restXmlResult('ListBucketResult', {
    Name: name,
    Prefix: enc(q.get('prefix') ?? ''),
    Marker: enc(marker),
    NextMarker: page.isTruncated ? enc(page.last) : undefined,
    Delimiter: enc(q.get('delimiter') || undefined),
    MaxKeys: maxKeys,
    EncodingType: urlEncoded ? 'url' : undefined,
    IsTruncated: page.isTruncated,
    Contents: page.objects.map((object) => contentsEntry(object, enc)),
    CommonPrefixes: page.commonPrefixes.map((prefix) => ({ Prefix: enc(prefix) })),
  });
}

function contentsEntry(
  object: { key: string; lastModified: Date; etag: string; size: number },
  enc: (text: string) => string | undefined,
): XmlObject {
  return {
    Key: enc(object.key),
    LastModified: object.lastModified,
    ETag: object.etag,
    ChecksumAlgorithm: 'CRC32',
    ChecksumType: 'FULL_OBJECT',
    Size: object.size,
    StorageClass: 'STANDARD',
  };
}

function maxKeysOf(raw: string | null): number {
  if (raw === null) return MAX_LIST_KEYS;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value)) {
    throw new SandboxError(400, 'InvalidArgument', 'Provided max-keys not an integer or within integer range', {
      ArgumentName: 'max-keys',
      ArgumentValue: raw,
    });
  }
  return Math.min(value, MAX_LIST_KEYS);
}

/** Continuation tokens are opaque to clients; here they carry the last key listed. */
function encodeToken(lastKey: string): string {
  return Buffer.from(`1:${lastKey}`, 'utf8').toString('base64');
}

function decodeToken(token: string): string {
  const text = Buffer.from(token, 'base64').toString('utf8');
  if (!text.startsWith('1:') || encodeToken(text.slice(2)) !== token) {
    throw new SandboxError(400, 'InvalidArgument', 'The continuation token provided is incorrect', {
      ArgumentName: 'continuation-token',
    });
  }
  return text.slice(2);
}

/** encoding-type=url: percent-encode as S3 does, keeping slashes readable. */
function encodeKey(text: string): string {
  return encodeURIComponent(text).replace(/%2F/g, '/');
}

export async function getBucketPolicy(req: SandboxRequest, ctx: SandboxContext): Promise<SandboxResponse> {
  const policy = s3Api(ctx.sandbox).getBucketPolicy(ctx.account, bucketName(req));
  if (policy === undefined) {
    throw new SandboxError(404, 'NoSuchBucketPolicy', 'The bucket policy does not exist', { BucketName: bucketName(req) });
  }
  return { status: 200, headers: { 'content-type': 'application/json' }, body: policy };
}

export async function putBucketPolicy(req: SandboxRequest, ctx: SandboxContext): Promise<SandboxResponse> {
  const body = (await req.readBody()).toString('utf8');
  s3Api(ctx.sandbox).putBucketPolicy(ctx.account, bucketName(req), body);
  return noContent();
}

export async function deleteBucketPolicy(req: SandboxRequest, ctx: SandboxContext): Promise<SandboxResponse> {
  s3Api(ctx.sandbox).deleteBucketPolicy(ctx.account, bucketName(req));
  return noContent();
}

export async function getBucketEncryption(req: SandboxRequest, ctx: SandboxContext): Promise<SandboxResponse> {
  const rules = s3Api(ctx.sandbox).getBucketEncryption(ctx.account, bucketName(req));
  return restXmlResult('ServerSideEncryptionConfiguration', {
    Rule: rules.map((rule) => ({
      ApplyServerSideEncryptionByDefault: { SSEAlgorithm: rule.SSEAlgorithm, KMSMasterKeyID: rule.KMSMasterKeyID },
      BucketKeyEnabled: rule.BucketKeyEnabled,
    })),
  });
}

export async function putBucketEncryption(req: SandboxRequest, ctx: SandboxContext): Promise<SandboxResponse> {
  const root = parseBody(await req.readBody());
  if (root.name !== 'ServerSideEncryptionConfiguration') throw malformedXml();
  const rules: EncryptionRule[] = childNodes(root, 'Rule').map((rule) => {
    const byDefault = childNode(rule, 'ApplyServerSideEncryptionByDefault');
    const algorithm = byDefault ? childText(byDefault, 'SSEAlgorithm') : undefined;
    if (!algorithm) throw malformedXml();
    const keyId = byDefault ? childText(byDefault, 'KMSMasterKeyID') : undefined;
    const bucketKey = childText(rule, 'BucketKeyEnabled');
    return {
      SSEAlgorithm: algorithm,
      ...(keyId ? { KMSMasterKeyID: keyId } : {}),
      ...(bucketKey !== undefined ? { BucketKeyEnabled: bucketKey === 'true' } : {}),
    };
  });
  if (rules.length === 0) throw malformedXml();
  s3Api(ctx.sandbox).putBucketEncryption(ctx.account, bucketName(req), rules);
  return { status: 200 };
}

export async function deleteBucketEncryption(req: SandboxRequest, ctx: SandboxContext): Promise<SandboxResponse> {
  s3Api(ctx.sandbox).putBucketEncryption(ctx.account, bucketName(req), []);
  return noContent();
}

const BLOCK_FIELDS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;

export async function getPublicAccessBlock(req: SandboxRequest, ctx: SandboxContext): Promise<SandboxResponse> {
  const block = s3Api(ctx.sandbox).getPublicAccessBlock(ctx.account, bucketName(req));
  if (!block) {
    throw new SandboxError(404, 'NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found', {
      BucketName: bucketName(req),
    });
  }
  return restXmlResult('PublicAccessBlockConfiguration', { ...block });
}

export async function putPublicAccessBlock(req: SandboxRequest, ctx: SandboxContext): Promise<SandboxResponse> {
  const root = parseBody(await req.readBody());
  if (root.name !== 'PublicAccessBlockConfiguration') throw malformedXml();
  const block = {} as PublicAccessBlock;
  for (const field of BLOCK_FIELDS) block[field] = childText(root, field) === 'true';
  s3Api(ctx.sandbox).putPublicAccessBlock(ctx.account, bucketName(req), block);
  return { status: 200 };
}

export async function deletePublicAccessBlock(req: SandboxRequest, ctx: SandboxContext): Promise<SandboxResponse> {
  s3Api(ctx.sandbox).putPublicAccessBlock(ctx.account, bucketName(req), undefined);
  return noContent();
}

export async function getBucketVersioning(req: SandboxRequest, ctx: SandboxContext): Promise<SandboxResponse> {
  const status = s3Api(ctx.sandbox).getBucketVersioning(ctx.account, bucketName(req));
  return restXmlResult('VersioningConfiguration', { Status: status });
}

export async function putBucketVersioning(req: SandboxRequest, ctx: SandboxContext): Promise<SandboxResponse> {
  const root = parseBody(await req.readBody());
  const status = childText(root, 'Status');
  if (root.name !== 'VersioningConfiguration' || (status !== 'Enabled' && status !== 'Suspended')) throw malformedXml();
  s3Api(ctx.sandbox).putBucketVersioning(ctx.account, bucketName(req), status);
  return { status: 200 };
}

/** A stable canonical-user-like id for an account, as ListBuckets' Owner.ID. */
function ownerId(account: string): string {
  return Buffer.from(`sandbox-owner-${account}`).toString('hex').padEnd(64, '0').slice(0, 64);
}
