/**
 * Checks on CreateDeliveryStream and Put input, with the error codes AWS uses:
 *
 * - Violations of the API model's own constraints (lengths, patterns, ranges,
 *   enums, required members, 500 records, 1,024,000-byte records) are
 *   `ValidationException` with the service framework's wording, e.g.
 *   "1 validation error detected: Value 'a b' at 'deliveryStreamName' failed to
 *   satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+".
 * - Rules beyond the model (both buffering hints or neither, prefix rules, the
 *   4 MiB batch limit) are `InvalidArgumentException`.
 * - Features the sandbox does not emulate are refused as InvalidArgumentException
 *   saying so, rather than accepted and silently ignored.
 */
import { SandboxError } from '../protocol.js';
import { parsePrefix, PrefixError } from './object-key.js';
import type { CreateDeliveryStreamInput, S3Destination, Tag } from './types.js';

export const STREAM_NAME_PATTERN = /^[a-zA-Z0-9_.-]+$/;
const ROLE_ARN_PATTERN = /^arn:.*:iam::\d{12}:role\/[a-zA-Z_0-9+=,.@\-_/]+$/;
const BUCKET_ARN_PATTERN = /^arn:.*:s3:::[\w.-]{1,255}$/;
const FILE_EXTENSION_PATTERN = /^$|^\.[0-9a-z!\-_.*'()]+$/;
const COMPRESSION_FORMATS = ['UNCOMPRESSED', 'GZIP', 'ZIP', 'Snappy', 'HADOOP_SNAPPY'];
const OTHER_DESTINATIONS = [
  'RedshiftDestinationConfiguration',
  'ElasticsearchDestinationConfiguration',
  'AmazonopensearchserviceDestinationConfiguration',
  'SplunkDestinationConfiguration',
  'HttpEndpointDestinationConfiguration',
  'AmazonOpenSearchServerlessDestinationConfiguration',
  'SnowflakeDestinationConfiguration',
  'IcebergDestinationConfiguration',
];

export const MAX_RECORDS_PER_BATCH = 500;
/** 1,000 KiB: the largest record before base64, as the model's blob limit says. */
export const MAX_RECORD_BYTES = 1_024_000;
export const MAX_BATCH_BYTES = 4 * 1024 * 1024;

export function invalidArgument(message: string): SandboxError {
  return new SandboxError(400, 'InvalidArgumentException', message);
}

function unsupported(what: string): SandboxError {
  return invalidArgument(`${what} is not supported by the sandbox.`);
}

/** Collects model-constraint violations and throws them as one ValidationException. */
export class Violations {
  private readonly found: string[] = [];

  add(value: string, path: string, constraint: string): void {
    this.found.push(`Value ${value} at '${path}' failed to satisfy constraint: Member must ${constraint}`);
  }

  throwIfAny(): void {
    if (this.found.length === 0) return;
    const count = this.found.length === 1 ? '1 validation error' : `${this.found.length} validation errors`;
    throw new SandboxError(400, 'ValidationException', `${count} detected: ${this.found.join('; ')}`);
  }
}

function shown(value: unknown): string {
  return value === undefined || value === null ? 'null' : `'${String(value)}'`;
}

function checkString(
  violations: Violations,
  value: unknown,
  path: string,
  rules: { required?: boolean; min?: number; max: number; pattern?: RegExp; patternText?: string },
): void {
  if (value === undefined || value === null) {
    if (rules.required) violations.add('null', path, 'not be null');
    return;
  }
  if (typeof value !== 'string') {
    throw new SandboxError(400, 'SerializationException', `${path} must be a string.`);
  }
  if (rules.min !== undefined && value.length < rules.min) {
    violations.add(shown(value), path, `have length greater than or equal to ${rules.min}`);
  }
  if (value.length > rules.max) {
    violations.add(shown(value), path, `have length less than or equal to ${rules.max}`);
  }
  if (rules.pattern && !rules.pattern.test(value)) {
    violations.add(shown(value), path, `satisfy regular expression pattern: ${rules.patternText}`);
  }
}

function checkInteger(violations: Violations, value: unknown, path: string, min: number, max: number): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new SandboxError(400, 'SerializationException', `${path} must be an integer.`);
  }
  if (value < min) violations.add(String(value), path, `have value greater than or equal to ${min}`);
  if (value > max) violations.add(String(value), path, `have value less than or equal to ${max}`);
}

/** Adds the DeliveryStreamName checks every operation shares. */
export function checkStreamName(violations: Violations, name: unknown): void {
  checkString(violations, name, 'deliveryStreamName', {
    required: true,
    min: 1,
    max: 64,
    pattern: STREAM_NAME_PATTERN,
    patternText: '[a-zA-Z0-9_.-]+',
  });
}

/** Validates a name alone, throwing ValidationException; returns it typed. */
export function validStreamName(name: unknown): string {
  const violations = new Violations();
  checkStreamName(violations, name);
  violations.throwIfAny();
  return name as string;
}

function asObject(value: unknown, path: string): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new SandboxError(400, 'SerializationException', `${path} must be an object.`);
  }
  return value as Record<string, unknown>;
}

function enabled(block: Record<string, unknown> | undefined): boolean {
  return block !== undefined && block.Enabled === true;
}

export interface ValidCreateInput {
  name: string;
  destination: S3Destination;
  tags: Tag[];
}

/** Validates CreateDeliveryStream input and applies the service's defaults. */
export function validateCreateInput(input: CreateDeliveryStreamInput): ValidCreateInput {
  const violations = new Violations();
  checkStreamName(violations, input.DeliveryStreamName);
  checkString(violations, input.DeliveryStreamType, 'deliveryStreamType', { max: 64 });

  // The legacy S3DestinationConfiguration is the extended one without its extras.
  const extended = asObject(input.ExtendedS3DestinationConfiguration, 'ExtendedS3DestinationConfiguration');
  const legacy = asObject(input.S3DestinationConfiguration, 'S3DestinationConfiguration');
  const config = extended ?? legacy;
  const path = extended ? 'extendedS3DestinationConfiguration' : 's3DestinationConfiguration';
  const hints = asObject(config?.BufferingHints, 'BufferingHints');
  if (config) {
    checkString(violations, config.RoleARN, `${path}.roleARN`, {
      required: true,
      min: 1,
      max: 512,
      pattern: ROLE_ARN_PATTERN,
      patternText: 'arn:.*:iam::\\d{12}:role/[a-zA-Z_0-9+=,.@\\-_/]+',
    });
    checkString(violations, config.BucketARN, `${path}.bucketARN`, {
      required: true,
      min: 1,
      max: 2048,
      pattern: BUCKET_ARN_PATTERN,
      patternText: 'arn:.*:s3:::[\\w\\.\\-]{1,255}',
    });
    checkString(violations, config.Prefix, `${path}.prefix`, { max: 1024 });
    checkString(violations, config.ErrorOutputPrefix, `${path}.errorOutputPrefix`, { max: 1024 });
    checkString(violations, config.FileExtension, `${path}.fileExtension`, {
      max: 128,
      pattern: FILE_EXTENSION_PATTERN,
      patternText: "^$|\\.[0-9a-z!\\-_.*'()]+",
    });
    if (
      config.CompressionFormat !== undefined &&
      !COMPRESSION_FORMATS.includes(String(config.CompressionFormat))
    ) {
      violations.add(
        shown(config.CompressionFormat),
        `${path}.compressionFormat`,
        `satisfy enum value set: [${COMPRESSION_FORMATS.join(', ')}]`,
      );
    }
    checkInteger(violations, hints?.SizeInMBs, `${path}.bufferingHints.sizeInMBs`, 1, 128);
    checkInteger(violations, hints?.IntervalInSeconds, `${path}.bufferingHints.intervalInSeconds`, 0, 900);
  }
  const tags = checkTags(violations, input.Tags);
  violations.throwIfAny();

  const type = input.DeliveryStreamType ?? 'DirectPut';
  if (type !== 'DirectPut') {
    if (['KinesisStreamAsSource', 'MSKAsSource', 'DatabaseAsSource'].includes(String(type))) {
      throw unsupported(`DeliveryStreamType ${String(type)}`);
    }
    throw new SandboxError(
      400,
      'ValidationException',
      `1 validation error detected: Value ${shown(type)} at 'deliveryStreamType' failed to satisfy constraint: ` +
        'Member must satisfy enum value set: [DirectPut, KinesisStreamAsSource, MSKAsSource, DatabaseAsSource]',
    );
  }
  const other = OTHER_DESTINATIONS.find((key) => input[key] !== undefined);
  if (other) throw unsupported(other);
  if (extended && legacy) {
    throw invalidArgument(
      'Only one destination configuration can be specified: S3DestinationConfiguration or ExtendedS3DestinationConfiguration.',
    );
  }
  if (!config) {
    throw invalidArgument('A destination configuration is required: ExtendedS3DestinationConfiguration.');
  }

  return { name: input.DeliveryStreamName as string, destination: destinationOf(config, hints), tags };
}

function checkTags(violations: Violations, raw: unknown): Tag[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw new SandboxError(400, 'SerializationException', 'Tags must be a list.');
  if (raw.length > 50) {
    violations.add(`'[${raw.length} tags]'`, 'tags', 'have length less than or equal to 50');
  }
  return raw.map((item, index) => {
    const tag = asObject(item, 'Tag') ?? {};
    checkString(violations, tag.Key, `tags.${index + 1}.member.key`, { required: true, min: 1, max: 128 });
    checkString(violations, tag.Value, `tags.${index + 1}.member.value`, { max: 256 });
    return tag.Value === undefined
      ? { Key: tag.Key as string }
      : { Key: tag.Key as string, Value: tag.Value as string };
  });
}

function destinationOf(
  config: Record<string, unknown>,
  hints: Record<string, unknown> | undefined,
): S3Destination {
  if (hints && (hints.SizeInMBs === undefined) !== (hints.IntervalInSeconds === undefined)) {
    throw invalidArgument('BufferingHints must specify both SizeInMBs and IntervalInSeconds, or neither.');
  }
  const compression = String(config.CompressionFormat ?? 'UNCOMPRESSED');
  if (compression !== 'UNCOMPRESSED' && compression !== 'GZIP') {
    throw unsupported(`CompressionFormat ${compression}`);
  }
  if (config.S3BackupMode !== undefined && config.S3BackupMode !== 'Disabled') {
    throw unsupported('S3BackupMode Enabled');
  }
  if (config.CustomTimeZone !== undefined && config.CustomTimeZone !== 'UTC') {
    throw unsupported('A CustomTimeZone other than UTC');
  }
  const processing = asObject(config.ProcessingConfiguration, 'ProcessingConfiguration');
  if (enabled(processing)) throw unsupported('Record processing (ProcessingConfiguration)');
  if (enabled(asObject(config.DataFormatConversionConfiguration, 'DataFormatConversionConfiguration'))) {
    throw unsupported('Record format conversion');
  }
  if (enabled(asObject(config.DynamicPartitioningConfiguration, 'DynamicPartitioningConfiguration'))) {
    throw unsupported('Dynamic partitioning');
  }
  const prefix = config.Prefix as string | undefined;
  const errorOutputPrefix = config.ErrorOutputPrefix as string | undefined;
  checkPrefixes(prefix, errorOutputPrefix);

  const destination: S3Destination = {
    RoleARN: config.RoleARN as string,
    BucketARN: config.BucketARN as string,
    BufferingHints: {
      SizeInMBs: (hints?.SizeInMBs as number | undefined) ?? 5,
      IntervalInSeconds: (hints?.IntervalInSeconds as number | undefined) ?? 300,
    },
    CompressionFormat: compression,
    EncryptionConfiguration: asObject(config.EncryptionConfiguration, 'EncryptionConfiguration') ?? {
      NoEncryptionConfig: 'NoEncryption',
    },
    CloudWatchLoggingOptions: asObject(config.CloudWatchLoggingOptions, 'CloudWatchLoggingOptions') ?? {
      Enabled: false,
    },
    S3BackupMode: 'Disabled',
  };
  if (prefix !== undefined) destination.Prefix = prefix;
  if (errorOutputPrefix !== undefined) destination.ErrorOutputPrefix = errorOutputPrefix;
  if (config.FileExtension !== undefined && config.FileExtension !== '') {
    destination.FileExtension = config.FileExtension as string;
  }
  if (processing) destination.ProcessingConfiguration = processing;
  return destination;
}

/**
 * The prefix rules of the developer guide: error-output-type belongs in
 * ErrorOutputPrefix only, and an expression in Prefix requires an
 * ErrorOutputPrefix that says where each error type goes.
 */
function checkPrefixes(prefix: string | undefined, errorOutputPrefix: string | undefined): void {
  try {
    const parsed = prefix ? parsePrefix(prefix) : undefined;
    const parsedError = errorOutputPrefix ? parsePrefix(errorOutputPrefix) : undefined;
    if (parsed?.hasErrorOutputType) {
      throw invalidArgument(
        'The !{firehose:error-output-type} expression is allowed only in ErrorOutputPrefix.',
      );
    }
    if (parsed?.hasExpressions && !parsedError?.hasErrorOutputType) {
      throw invalidArgument(
        'When Prefix contains expressions, ErrorOutputPrefix must be specified and contain !{firehose:error-output-type}.',
      );
    }
  } catch (error) {
    if (error instanceof PrefixError) throw invalidArgument(error.message);
    throw error;
  }
}
