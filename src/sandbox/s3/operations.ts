/**
 * Names the S3 operation of a path-style request from its method, path and
 * sub-resource query parameter (`?policy`, `?list-type=2`, ...).
 */
import type { RequestHead } from '../types.js';

export interface S3Target {
  bucket?: string;
  key?: string;
}

/** `/bkt/a/b%2Fc.json` → bucket `bkt`, key `a/b/c.json` (decoded as one string, so %2F is a slash). */
export function targetOf(head: RequestHead): S3Target {
  const path = head.rawPath.slice(1);
  const slash = path.indexOf('/');
  const rawBucket = slash === -1 ? path : path.slice(0, slash);
  if (!rawBucket) return {};
  const bucket = decode(rawBucket);
  const rawKey = slash === -1 ? '' : path.slice(slash + 1);
  return rawKey ? { bucket, key: decode(rawKey) } : { bucket };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Bucket sub-resources the sandbox implements, and the operation each method means. */
const BUCKET_SUBRESOURCES: Record<string, Partial<Record<string, string>>> = {
  policy: { GET: 'GetBucketPolicy', PUT: 'PutBucketPolicy', DELETE: 'DeleteBucketPolicy' },
  encryption: { GET: 'GetBucketEncryption', PUT: 'PutBucketEncryption', DELETE: 'DeleteBucketEncryption' },
  publicAccessBlock: { GET: 'GetPublicAccessBlock', PUT: 'PutPublicAccessBlock', DELETE: 'DeletePublicAccessBlock' },
  location: { GET: 'GetBucketLocation' },
  versioning: { GET: 'GetBucketVersioning', PUT: 'PutBucketVersioning' },
  delete: { POST: 'DeleteObjects' },
};

/** Sub-resources the sandbox knows of but does not implement: named (`GET ?acl`) for the log, then NotImplemented. */
const OTHER_SUBRESOURCES = [
  'acl', 'cors', 'lifecycle', 'tagging', 'website', 'logging', 'notification', 'replication', 'ownershipControls',
  'object-lock', 'accelerate', 'requestPayment', 'analytics', 'metrics', 'inventory', 'intelligent-tiering',
  'uploads', 'uploadId', 'versions', 'attributes', 'retention', 'legal-hold', 'restore', 'select', 'torrent',
];

export function operationOf(head: RequestHead): string | undefined {
  const { bucket, key } = targetOf(head);
  const method = head.method;
  if (!bucket) return method === 'GET' ? 'ListBuckets' : undefined;

  if (key === undefined) {
    for (const [name, methods] of Object.entries(BUCKET_SUBRESOURCES)) {
      if (head.query.has(name)) return methods[method];
    }
    const other = OTHER_SUBRESOURCES.find((name) => head.query.has(name));
    if (other) return `${method} ?${other}`;
    if (method === 'GET') return head.query.get('list-type') === '2' ? 'ListObjectsV2' : 'ListObjects';
    return { PUT: 'CreateBucket', HEAD: 'HeadBucket', DELETE: 'DeleteBucket' }[method];
  }

  const other = OTHER_SUBRESOURCES.find((name) => head.query.has(name));
  if (other) return `${method} ?${other}`;
  if (method === 'PUT' && head.headers['x-amz-copy-source']) return 'CopyObject';
  return { PUT: 'PutObject', GET: 'GetObject', HEAD: 'HeadObject', DELETE: 'DeleteObject' }[method];
}
