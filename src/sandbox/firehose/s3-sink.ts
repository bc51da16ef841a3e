/**
 * Firehose's way into the sandbox's S3: objects are written through the S3
 * service's internal API as the stream's account, never over HTTP.
 */
import type { SandboxRuntime } from '../types.js';
import type { ObjectSink } from './delivery.js';

export function s3Sink(sandbox: SandboxRuntime): ObjectSink {
  // TODO: call s3Api(sandbox).putObject once src/sandbox/s3/api.ts exists.
  void sandbox;
  return {
    putObject: async () => {
      throw new Error('the sandbox S3 API is not available yet');
    },
  };
}
