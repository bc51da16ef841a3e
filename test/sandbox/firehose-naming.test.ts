import { describe, expect, it } from '@jest/globals';
import { evaluatePrefix, objectKey, parsePrefix } from '../../src/sandbox/firehose/object-key.js';
import { validateCreateInput, validStreamName } from '../../src/sandbox/firehose/validation.js';
import { SandboxError } from '../../src/sandbox/protocol.js';

const AT = new Date(Date.UTC(2024, 4, 1, 13, 5, 12)); // 2024-05-01T13:05:12Z
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}';

function errorOf(run: () => unknown): SandboxError {
  try {
    run();
  } catch (error) {
    if (error instanceof SandboxError) return error;
    throw error;
  }
  throw new Error('expected a SandboxError');
}

describe('object keys', () => {
  it('uses YYYY/MM/dd/HH/ and <stream>-<version>-<time>-<uuid> by default', () => {
    const key = objectKey({ streamName: 'ds', versionId: '1', oldestArrival: AT, extension: '' });
    expect(key).toMatch(new RegExp(`^2024/05/01/13/ds-1-2024-05-01-13-05-12-${UUID}$`));
  });

  it('gives every object its own uuid', () => {
    const parts = { streamName: 'ds', versionId: '1', oldestArrival: AT, extension: '' };
    expect(objectKey(parts)).not.toBe(objectKey(parts));
  });

  it('appends the default time path to a prefix without a timestamp expression', () => {
    expect(evaluatePrefix(parsePrefix('logs/'), AT)).toBe('logs/2024/05/01/13/');
  });

  it('evaluates timestamp expressions with quoted literals and leaves the time path off', () => {
    const prefix = parsePrefix("data/dt=!{timestamp:yyyy'-'MM'-'dd}/h=!{timestamp:HH}/");
    expect(evaluatePrefix(prefix, AT)).toBe('data/dt=2024-05-01/h=13/');
    expect(evaluatePrefix(parsePrefix('!{timestamp:yy}/!{timestamp:mm-ss}/'), AT)).toBe('24/05-12/');
  });

  it('puts an 11-character random string for firehose:random-string', () => {
    const value = evaluatePrefix(parsePrefix('r/!{firehose:random-string}/!{timestamp:yyyy}/'), AT);
    expect(value).toMatch(/^r\/[A-Za-z0-9]{11}\/2024\/$/);
  });

  it('adds the extension after the uuid', () => {
    const key = objectKey({ streamName: 's', versionId: '1', oldestArrival: AT, extension: '.gz' });
    expect(key).toMatch(new RegExp(`-${UUID}\\.gz$`));
  });
});

describe('CreateDeliveryStream validation', () => {
  const role = 'arn:aws:iam::123456789012:role/firehose';
  const bucket = 'arn:aws:s3:::theme-park-data';
  const base = (extra: Record<string, unknown> = {}, hints?: Record<string, unknown>) => ({
    DeliveryStreamName: 'theme-park-streaming-data',
    ExtendedS3DestinationConfiguration: {
      RoleARN: role,
      BucketARN: bucket,
      ...(hints ? { BufferingHints: hints } : {}),
      ...extra,
    },
  });

  it('applies the service defaults', () => {
    const { destination } = validateCreateInput(base());
    expect(destination.BufferingHints).toEqual({ SizeInMBs: 5, IntervalInSeconds: 300 });
    expect(destination.CompressionFormat).toBe('UNCOMPRESSED');
    expect(destination.EncryptionConfiguration).toEqual({ NoEncryptionConfig: 'NoEncryption' });
  });

  it.each([
    ['', 'have length greater than or equal to 1'],
    ['a'.repeat(65), 'have length less than or equal to 64'],
    ['bad name', 'satisfy regular expression pattern: [a-zA-Z0-9_.-]+'],
  ])('refuses the name %j with a ValidationException', (name, constraint) => {
    const error = errorOf(() => validStreamName(name));
    expect(error.code).toBe('ValidationException');
    expect(error.message).toContain(
      `at 'deliveryStreamName' failed to satisfy constraint: Member must ${constraint}`,
    );
  });

  it('accepts names of 1 to 64 allowed characters', () => {
    expect(validStreamName('a')).toBe('a');
    expect(validStreamName('A-b_c.9'.padEnd(64, 'x'))).toHaveLength(64);
  });

  it('requires RoleARN and BucketARN, counting every violation', () => {
    const error = errorOf(() =>
      validateCreateInput({ DeliveryStreamName: 'x', ExtendedS3DestinationConfiguration: {} }),
    );
    expect(error.code).toBe('ValidationException');
    expect(error.message).toMatch(/^2 validation errors detected: /);
    expect(error.message).toContain("Value null at 'extendedS3DestinationConfiguration.roleARN'");
  });

  it('checks buffering hint ranges', () => {
    const error = errorOf(() => validateCreateInput(base({}, { SizeInMBs: 129, IntervalInSeconds: 901 })));
    expect(error.code).toBe('ValidationException');
    expect(error.message).toContain('have value less than or equal to 128');
    expect(error.message).toContain('have value less than or equal to 900');
  });

  it('wants both buffering hints or neither', () => {
    const error = errorOf(() => validateCreateInput(base({}, { SizeInMBs: 10 })));
    expect(error.code).toBe('InvalidArgumentException');
    expect(
      validateCreateInput(base({}, { SizeInMBs: 1, IntervalInSeconds: 0 })).destination.BufferingHints,
    ).toEqual({
      SizeInMBs: 1,
      IntervalInSeconds: 0,
    });
  });

  it('requires an ErrorOutputPrefix with error-output-type when Prefix has expressions', () => {
    expect(errorOf(() => validateCreateInput(base({ Prefix: 'd/!{timestamp:yyyy}/' }))).code).toBe(
      'InvalidArgumentException',
    );
    expect(
      errorOf(() => validateCreateInput(base({ Prefix: 'd/!{timestamp:yyyy}/', ErrorOutputPrefix: 'err/' })))
        .code,
    ).toBe('InvalidArgumentException');
    const ok = validateCreateInput(
      base({ Prefix: 'd/!{timestamp:yyyy}/', ErrorOutputPrefix: 'err/!{firehose:error-output-type}/' }),
    );
    expect(ok.destination.Prefix).toBe('d/!{timestamp:yyyy}/');
    expect(validateCreateInput(base({ Prefix: 'plain/' })).destination.Prefix).toBe('plain/');
  });

  it('refuses error-output-type in Prefix and unknown expressions', () => {
    expect(errorOf(() => validateCreateInput(base({ Prefix: '!{firehose:error-output-type}' }))).code).toBe(
      'InvalidArgumentException',
    );
    expect(
      errorOf(() =>
        validateCreateInput(
          base({ Prefix: '!{nope:x}/', ErrorOutputPrefix: '!{firehose:error-output-type}' }),
        ),
      ).message,
    ).toContain('!{nope:x}');
  });

  it('refuses compression formats and sources the sandbox does not emulate, saying so', () => {
    const zip = errorOf(() => validateCreateInput(base({ CompressionFormat: 'ZIP' })));
    expect(zip.code).toBe('InvalidArgumentException');
    expect(zip.message).toContain('not supported by the sandbox');
    expect(errorOf(() => validateCreateInput(base({ CompressionFormat: 'RAR' }))).code).toBe(
      'ValidationException',
    );
    expect(
      errorOf(() => validateCreateInput({ ...base(), DeliveryStreamType: 'KinesisStreamAsSource' })).message,
    ).toContain('not supported by the sandbox');
  });

  it('accepts the legacy S3DestinationConfiguration', () => {
    const { destination } = validateCreateInput({
      DeliveryStreamName: 'legacy',
      S3DestinationConfiguration: { RoleARN: role, BucketARN: bucket, CompressionFormat: 'GZIP' },
    });
    expect(destination.CompressionFormat).toBe('GZIP');
  });
});
