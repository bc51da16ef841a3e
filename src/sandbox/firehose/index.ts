/**
 * Amazon Data Firehose in the sandbox: Direct PUT delivery streams writing to
 * the sandbox's S3, over awsJson1_1 (`X-Amz-Target: Firehose_20150804.<Op>`).
 *
 * Operations: CreateDeliveryStream, DescribeDeliveryStream, ListDeliveryStreams,
 * DeleteDeliveryStream, UpdateDestination (S3 destination), PutRecord and
 * PutRecordBatch. Quota and faults come from THEMEPARK_SANDBOX_QUOTA and
 * THEMEPARK_SANDBOX_FAULTS (settings.ts, FIREHOSE_ENV_DOC).
 */
import {
  jsonResult,
  operationTable,
  type SandboxContext,
  type SandboxRequest,
  type SandboxService,
} from '../service-kit.js';
import type { SandboxRuntime } from '../types.js';
import {
  createDeliveryStream,
  deleteDeliveryStream,
  describeDeliveryStream,
  listDeliveryStreams,
  updateDestination,
} from './control-plane.js';
import { putRecord, putRecordBatch } from './data-plane.js';
import type { ObjectSink } from './delivery.js';
import { firehoseRuntime, type FirehoseRuntime } from './runtime.js';
import { s3Sink } from './s3-sink.js';

export { FIREHOSE_ENV_DOC, parseFaults, parseQuota } from './settings.js';

/** Builds the service; tests may pass another sink than the sandbox's S3. */
export function createFirehoseService(
  sinkFor: (sandbox: SandboxRuntime) => ObjectSink = s3Sink,
): SandboxService {
  const runtimeOf = (sandbox: SandboxRuntime): FirehoseRuntime =>
    firehoseRuntime(sandbox, () => sinkFor(sandbox));
  const input = (req: SandboxRequest) => req.json ?? {};

  return {
    name: 'firehose',
    protocol: 'json',
    targetPrefix: 'Firehose_20150804',
    handle: operationTable('firehose', 'json', {
      CreateDeliveryStream: (req, ctx) => jsonResult(createDeliveryStream(ctx.sandbox, ctx, input(req))),
      DescribeDeliveryStream: (req, ctx: SandboxContext) =>
        jsonResult({
          DeliveryStreamDescription: describeDeliveryStream(
            ctx.sandbox,
            runtimeOf(ctx.sandbox),
            ctx,
            input(req).DeliveryStreamName,
          ),
        }),
      ListDeliveryStreams: (req, ctx) => jsonResult(listDeliveryStreams(ctx.sandbox, ctx, input(req))),
      DeleteDeliveryStream: (req, ctx) =>
        jsonResult(
          deleteDeliveryStream(ctx.sandbox, runtimeOf(ctx.sandbox), ctx, input(req).DeliveryStreamName),
        ),
      UpdateDestination: (req, ctx) =>
        jsonResult(updateDestination(ctx.sandbox, runtimeOf(ctx.sandbox), ctx, input(req))),
      PutRecord: (req, ctx) => putRecord(ctx.sandbox, runtimeOf(ctx.sandbox), ctx, input(req)),
      PutRecordBatch: (req, ctx) => putRecordBatch(ctx.sandbox, runtimeOf(ctx.sandbox), ctx, input(req)),
    }),
    // Creating the runtime here also validates the quota and faults settings at start.
    start: (sandbox) => runtimeOf(sandbox).resume(),
    stop: (sandbox) => runtimeOf(sandbox).close(),
  };
}

export const firehoseService: SandboxService = createFirehoseService();
