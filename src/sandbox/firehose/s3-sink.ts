/**
 * Firehose's way into the sandbox's S3: objects are written through the S3
 * service's internal API as the stream's account (the delivery role's), never
 * over HTTP. S3's errors (NoSuchBucket, AccessDenied) reach the deliverer,
 * which retries.
 */
import { s3Api } from '../s3/api.js';
import type { SandboxRuntime } from '../types.js';
import type { ObjectSink } from './delivery.js';

export function s3Sink(sandbox: SandboxRuntime): ObjectSink {
  const s3 = s3Api(sandbox);
  return {
    async putObject({ account, bucket, key, body, contentType }) {
      await s3.putObject(account, bucket, key, body, { contentType });
    },
  };
}
