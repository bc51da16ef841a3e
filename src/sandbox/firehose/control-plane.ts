/**
 * The control plane: create, describe, list and delete delivery streams. These
 * functions back both the HTTP operations and the internal API CloudFormation
 * uses (api.ts), so both see the same rules, states and errors.
 *
 * Streams are persisted in each account's state document, slice `firehose`:
 *   { "regions": { "<region>": { "<stream name>": StreamRecord } } }
 * Status is derived from the record's times rather than kept by timers, so it
 * comes out right after a restart too: CREATING until activeAt, then ACTIVE;
 * DELETING from deletingAt until goneAt, after which the record is removed.
 */
import { SandboxError } from '../protocol.js';
import type { SandboxRuntime } from '../types.js';
import type { FirehoseRuntime } from './runtime.js';
import type { CreateDeliveryStreamInput, Scope, StreamRecord, StreamStatus } from './types.js';
import { checkStreamName, validateCreateInput, validStreamName, Violations } from './validation.js';

/** Simulated seconds a new stream spends CREATING, and a deleted one DELETING. */
export const CREATING_SECONDS = 5;
export const DELETING_SECONDS = 3;
export const STREAMS_PER_REGION = 50;
export const DESTINATION_ID = 'destinationId-000000000001';

interface FirehoseSlice {
  regions: Record<string, Record<string, StreamRecord>>;
}

function sliceOf(sandbox: SandboxRuntime, account: string) {
  const slices = sandbox.store.account(account);
  return {
    state: slices.slice<FirehoseSlice>('firehose', () => ({ regions: {} })),
    markDirty: () => slices.markDirty(),
  };
}

export function statusOf(record: StreamRecord, now: number): StreamStatus | 'GONE' {
  if (record.goneAt !== undefined && now >= record.goneAt) return 'GONE';
  if (record.deletingAt !== undefined) return 'DELETING';
  return now >= record.activeAt ? 'ACTIVE' : 'CREATING';
}

/** The region's streams, with those whose deletion has finished removed. */
function streamsIn(sandbox: SandboxRuntime, scope: Scope): Record<string, StreamRecord> {
  const { state, markDirty } = sliceOf(sandbox, scope.account);
  const streams = (state.regions[scope.region] ??= {});
  const now = sandbox.now().getTime();
  for (const [name, record] of Object.entries(streams)) {
    if (statusOf(record, now) === 'GONE') {
      delete streams[name];
      markDirty();
    }
  }
  return streams;
}

export function notFound(scope: Scope, name: string): SandboxError {
  return new SandboxError(
    400,
    'ResourceNotFoundException',
    `Firehose ${name} under account ${scope.account} not found.`,
  );
}

/** A stream that exists (in any state), or ResourceNotFoundException. */
export function findStream(sandbox: SandboxRuntime, scope: Scope, name: string): StreamRecord {
  const record = streamsIn(sandbox, scope)[name];
  if (!record) throw notFound(scope, name);
  return record;
}

export function createDeliveryStream(
  sandbox: SandboxRuntime,
  scope: Scope,
  input: CreateDeliveryStreamInput,
): { DeliveryStreamARN: string } {
  const { name, destination, tags } = validateCreateInput(input);
  const streams = streamsIn(sandbox, scope);
  const arn = `arn:aws:firehose:${scope.region}:${scope.account}:deliverystream/${name}`;
  if (streams[name]) {
    throw new SandboxError(
      400,
      'ResourceInUseException',
      `Firehose ${name} under accountId ${scope.account} already exists`,
    );
  }
  const names = Object.keys(streams);
  if (names.length >= STREAMS_PER_REGION) {
    throw new SandboxError(
      400,
      'LimitExceededException',
      `You have already consumed your firehose quota of ${STREAMS_PER_REGION} hoses. Firehose names: [${names.sort().join(', ')}]`,
    );
  }
  const createdAt = sandbox.now().getTime();
  streams[name] = {
    name,
    arn,
    type: 'DirectPut',
    versionId: 1,
    createdAt,
    activeAt: createdAt + sandbox.scaledMs(CREATING_SECONDS),
    destination,
    tags,
  };
  sliceOf(sandbox, scope.account).markDirty();
  return { DeliveryStreamARN: arn };
}

/** DescribeDeliveryStream's `DeliveryStreamDescription`, timestamps in epoch seconds as on the wire. */
export function describeDeliveryStream(
  sandbox: SandboxRuntime,
  runtime: FirehoseRuntime | undefined,
  scope: Scope,
  rawName: unknown,
): Record<string, unknown> {
  const name = validStreamName(rawName);
  const record = findStream(sandbox, scope, name);
  const status = statusOf(record, sandbox.now().getTime());
  const { destination } = record;
  const s3Description = {
    RoleARN: destination.RoleARN,
    BucketARN: destination.BucketARN,
    ...(destination.Prefix !== undefined ? { Prefix: destination.Prefix } : {}),
    ...(destination.ErrorOutputPrefix !== undefined
      ? { ErrorOutputPrefix: destination.ErrorOutputPrefix }
      : {}),
    BufferingHints: destination.BufferingHints,
    CompressionFormat: destination.CompressionFormat,
    EncryptionConfiguration: destination.EncryptionConfiguration,
    CloudWatchLoggingOptions: destination.CloudWatchLoggingOptions,
  };
  const failure = runtime?.failureOf(scope, name);
  return {
    DeliveryStreamName: record.name,
    DeliveryStreamARN: record.arn,
    DeliveryStreamStatus: status,
    DeliveryStreamEncryptionConfiguration: { Status: 'DISABLED' },
    DeliveryStreamType: record.type,
    VersionId: String(record.versionId),
    CreateTimestamp: record.createdAt / 1000,
    ...(record.updatedAt !== undefined ? { LastUpdateTimestamp: record.updatedAt / 1000 } : {}),
    Destinations: [
      {
        DestinationId: DESTINATION_ID,
        S3DestinationDescription: s3Description,
        ExtendedS3DestinationDescription: {
          ...s3Description,
          ...(destination.ProcessingConfiguration
            ? { ProcessingConfiguration: destination.ProcessingConfiguration }
            : {}),
          S3BackupMode: destination.S3BackupMode,
          ...(destination.FileExtension ? { FileExtension: destination.FileExtension } : {}),
        },
      },
    ],
    HasMoreDestinations: false,
    // The real service reports delivery errors in CloudWatch, which the sandbox
    // lacks; the description is the one place a learner can see them here.
    ...(failure ? { FailureDescription: { Type: 'UNKNOWN_ERROR', Details: failure } } : {}),
  };
}

export interface ListInput {
  Limit?: unknown;
  DeliveryStreamType?: unknown;
  ExclusiveStartDeliveryStreamName?: unknown;
}

export function listDeliveryStreams(
  sandbox: SandboxRuntime,
  scope: Scope,
  input: ListInput,
): { DeliveryStreamNames: string[]; HasMoreDeliveryStreams: boolean } {
  const violations = new Violations();
  const limit = input.Limit ?? 10;
  if (typeof limit !== 'number' || !Number.isInteger(limit)) {
    throw new SandboxError(400, 'SerializationException', 'Limit must be an integer.');
  }
  if (limit < 1) violations.add(String(limit), 'limit', 'have value greater than or equal to 1');
  if (limit > 10000) violations.add(String(limit), 'limit', 'have value less than or equal to 10000');
  if (input.ExclusiveStartDeliveryStreamName !== undefined) {
    const start = new Violations();
    checkStreamName(start, input.ExclusiveStartDeliveryStreamName);
    start.throwIfAny();
  }
  violations.throwIfAny();

  const start = input.ExclusiveStartDeliveryStreamName as string | undefined;
  const names = Object.values(streamsIn(sandbox, scope))
    .filter((record) => input.DeliveryStreamType === undefined || record.type === input.DeliveryStreamType)
    .map((record) => record.name)
    .sort()
    .filter((name) => start === undefined || name > start);
  return { DeliveryStreamNames: names.slice(0, limit), HasMoreDeliveryStreams: names.length > limit };
}

export function deleteDeliveryStream(
  sandbox: SandboxRuntime,
  runtime: FirehoseRuntime | undefined,
  scope: Scope,
  rawName: unknown,
): Record<string, never> {
  const name = validStreamName(rawName);
  const record = findStream(sandbox, scope, name);
  const now = sandbox.now().getTime();
  const status = statusOf(record, now);
  if (status === 'CREATING') {
    throw new SandboxError(
      400,
      'ResourceInUseException',
      `Firehose ${name} under account ${scope.account} is in CREATING state and cannot be deleted until it is ACTIVE.`,
    );
  }
  if (status === 'DELETING') return {};
  record.deletingAt = now;
  record.goneAt = now + sandbox.scaledMs(DELETING_SECONDS);
  sliceOf(sandbox, scope.account).markDirty();
  // What was accepted before the delete is still delivered.
  runtime?.retire(scope, name);
  return {};
}

export interface UpdateDestinationInput {
  DeliveryStreamName?: unknown;
  CurrentDeliveryStreamVersionId?: unknown;
  DestinationId?: unknown;
  ExtendedS3DestinationUpdate?: unknown;
  S3DestinationUpdate?: unknown;
}

/**
 * UpdateDestination for the S3 destination: the given fields replace the
 * current ones (BufferingHints field by field), the result is checked like a
 * new configuration, and VersionId goes up by one, which new object names show.
 * Records already buffered are sealed under the old configuration.
 */
export function updateDestination(
  sandbox: SandboxRuntime,
  runtime: FirehoseRuntime | undefined,
  scope: Scope,
  input: UpdateDestinationInput,
): Record<string, never> {
  const name = validStreamName(input.DeliveryStreamName);
  const record = findStream(sandbox, scope, name);
  const status = statusOf(record, sandbox.now().getTime());
  if (status !== 'ACTIVE') {
    throw new SandboxError(
      400,
      'ResourceInUseException',
      `Firehose ${name} under account ${scope.account} is in ${status} state and cannot be updated.`,
    );
  }
  const current = input.CurrentDeliveryStreamVersionId;
  if (current !== undefined && current !== String(record.versionId)) {
    throw new SandboxError(
      400,
      'ConcurrentModificationException',
      `Cannot update firehose: ${name} since the current version id: ${record.versionId} and the specified version id: ${String(current)} do not match`,
    );
  }
  if (input.DestinationId !== undefined && input.DestinationId !== DESTINATION_ID) {
    throw new SandboxError(
      400,
      'InvalidArgumentException',
      `Destination ${String(input.DestinationId)} not found.`,
    );
  }
  const update = (input.ExtendedS3DestinationUpdate ?? input.S3DestinationUpdate ?? {}) as Record<
    string,
    unknown
  >;
  const hints = update.BufferingHints as Record<string, unknown> | undefined;
  const merged = {
    ...record.destination,
    ...update,
    BufferingHints: { ...record.destination.BufferingHints, ...(hints ?? {}) },
  };
  const { destination } = validateCreateInput({
    DeliveryStreamName: name,
    ExtendedS3DestinationConfiguration: merged,
  });
  runtime?.retire(scope, name);
  record.destination = destination;
  record.versionId += 1;
  record.updatedAt = sandbox.now().getTime();
  sliceOf(sandbox, scope.account).markDirty();
  return {};
}
