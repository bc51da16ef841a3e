/**
 * The workshop's own template (templates/firehose.yaml) deployed on the
 * sandbox through the real SDK clients, and looked at through the S3, IAM
 * and Firehose clients: what a learner's stack makes, how it updates, how a
 * taken bucket name fails it, and how deleting a bucket with data fails.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  UpdateStackCommand,
  waitUntilStackCreateComplete,
  waitUntilStackDeleteComplete,
  waitUntilStackUpdateComplete,
  type Parameter,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { DescribeDeliveryStreamCommand, FirehoseClient } from '@aws-sdk/client-firehose';
import { GetRolePolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetBucketEncryptionCommand,
  GetBucketPolicyCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { cloudFormationService } from '../../src/sandbox/cloudformation/index.js';
import { firehoseService } from '../../src/sandbox/firehose/index.js';
import { iamService } from '../../src/sandbox/iam/index.js';
import { s3Service } from '../../src/sandbox/s3/index.js';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { stsService } from '../../src/sandbox/sts/index.js';
import { clientConfig, removeHome, startTestSandbox } from './helpers.js';

const TEMPLATE = readFileSync(
  fileURLToPath(new URL('../../templates/firehose.yaml', import.meta.url)),
  'utf8',
);
const SERVICES = [stsService, iamService, s3Service, firehoseService, cloudFormationService];
const WAIT = { maxWaitTime: 30, minDelay: 1, maxDelay: 1 };
const OTHER_ACCOUNT = '210987654321';

let sandbox: RunningSandbox & { home: string };
let cfn: CloudFormationClient;
let s3: S3Client;
let iam: IAMClient;
let firehose: FirehoseClient;

beforeAll(async () => {
  sandbox = await startTestSandbox({ timeScale: 1000 }, { services: SERVICES });
  cfn = new CloudFormationClient(clientConfig(sandbox));
  s3 = new S3Client({ ...clientConfig(sandbox), forcePathStyle: true });
  iam = new IAMClient(clientConfig(sandbox));
  firehose = new FirehoseClient(clientConfig(sandbox));
});

afterAll(async () => {
  for (const client of [cfn, s3, iam, firehose]) client.destroy();
  await sandbox.close();
  await removeHome(sandbox.home);
});

async function stackNamed(name: string): Promise<Stack> {
  return (await cfn.send(new DescribeStacksCommand({ StackName: name }))).Stacks![0]!;
}

async function settled(name: string): Promise<Stack> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const stack = await stackNamed(name);
    if (!stack.StackStatus!.endsWith('_IN_PROGRESS')) return stack;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`stack ${name} did not settle`);
}

async function reasons(name: string): Promise<string[]> {
  const { StackEvents } = await cfn.send(new DescribeStackEventsCommand({ StackName: name }));
  return StackEvents!.map((e) =>
    `${e.LogicalResourceId} ${e.ResourceStatus} ${e.ResourceStatusReason ?? ''}`.trim(),
  );
}

function outputs(stack: Stack): Record<string, string> {
  return Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey!, o.OutputValue!]));
}

async function errorOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

const create = (name: string, parameters: Parameter[] = []) =>
  cfn.send(
    new CreateStackCommand({
      StackName: name,
      TemplateBody: TEMPLATE,
      Parameters: parameters,
      Capabilities: ['CAPABILITY_IAM'],
    }),
  );

describe('the workshop stack', () => {
  it('reaches CREATE_COMPLETE with every output', async () => {
    await create('theme-park');
    await waitUntilStackCreateComplete({ client: cfn, ...WAIT }, { StackName: 'theme-park' });

    const stack = await stackNamed('theme-park');
    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
    expect(stack.Capabilities).toEqual(['CAPABILITY_IAM']);
    expect(outputs(stack)).toEqual({
      BucketName: 'theme-park-data-123456789012-eu-west-1',
      BucketArn: 'arn:aws:s3:::theme-park-data-123456789012-eu-west-1',
      StreamName: 'theme-park-streaming-data',
      StreamArn: 'arn:aws:firehose:eu-west-1:123456789012:deliverystream/theme-park-streaming-data',
      RoleArn: expect.stringMatching(
        /^arn:aws:iam::123456789012:role\/theme-park-DeliveryRole-[A-Z0-9]{12}$/,
      ),
    });
  });

  it('made a locked-down, encrypted bucket that refuses plain HTTP', async () => {
    const Bucket = 'theme-park-data-123456789012-eu-west-1';
    await s3.send(new HeadBucketCommand({ Bucket }));
    const block = await s3.send(new GetPublicAccessBlockCommand({ Bucket }));
    expect(block.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    });
    const encryption = await s3.send(new GetBucketEncryptionCommand({ Bucket }));
    expect(
      encryption.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault
        ?.SSEAlgorithm,
    ).toBe('AES256');
    const policy = JSON.parse((await s3.send(new GetBucketPolicyCommand({ Bucket }))).Policy!);
    expect(policy.Statement[0]).toMatchObject({
      Effect: 'Deny',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
  });

  it('made the role Firehose writes with, and an ACTIVE stream buffering 10 MiB / 60 s into the bucket', async () => {
    const { RoleArn, BucketArn } = outputs(await stackNamed('theme-park'));
    const RoleName = RoleArn!.split('/').pop()!;
    const policy = await iam.send(
      new GetRolePolicyCommand({ RoleName, PolicyName: 'write-to-theme-park-bucket' }),
    );
    expect(JSON.parse(decodeURIComponent(policy.PolicyDocument!)).Statement[0].Resource).toEqual([
      BucketArn,
      `${BucketArn}/*`,
    ]);

    const { DeliveryStreamDescription: stream } = await firehose.send(
      new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'theme-park-streaming-data' }),
    );
    expect(stream?.DeliveryStreamStatus).toBe('ACTIVE');
    expect(stream?.DeliveryStreamType).toBe('DirectPut');
    expect(stream?.Destinations?.[0]?.ExtendedS3DestinationDescription).toMatchObject({
      RoleARN: RoleArn,
      BucketARN: BucketArn,
      BufferingHints: { SizeInMBs: 10, IntervalInSeconds: 60 },
      CompressionFormat: 'UNCOMPRESSED',
    });
  });

  it('has no updates to perform when deployed again unchanged', async () => {
    const error = await errorOf(
      cfn.send(
        new UpdateStackCommand({
          StackName: 'theme-park',
          TemplateBody: TEMPLATE,
          Capabilities: ['CAPABILITY_IAM'],
        }),
      ),
    );
    expect([error.name, error.message]).toEqual(['ValidationError', 'No updates are to be performed.']);
  });

  it('updates the stream in place when the buffer interval changes', async () => {
    await cfn.send(
      new UpdateStackCommand({
        StackName: 'theme-park',
        TemplateBody: TEMPLATE,
        Parameters: [{ ParameterKey: 'BufferIntervalSeconds', ParameterValue: '120' }],
        Capabilities: ['CAPABILITY_IAM'],
      }),
    );
    await waitUntilStackUpdateComplete({ client: cfn, ...WAIT }, { StackName: 'theme-park' });
    expect((await stackNamed('theme-park')).StackStatus).toBe('UPDATE_COMPLETE');

    const { DeliveryStreamDescription: stream } = await firehose.send(
      new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'theme-park-streaming-data' }),
    );
    expect(
      stream?.Destinations?.[0]?.ExtendedS3DestinationDescription?.BufferingHints?.IntervalInSeconds,
    ).toBe(120);
    const updatedResources = (await reasons('theme-park'))
      .filter((line) => / UPDATE_COMPLETE$/.test(line) && !line.startsWith('theme-park '))
      .map((line) => line.split(' ')[0]);
    expect(updatedResources).toEqual(['DeliveryStream']);
  });

  it('replaces the stream when its name changes, deleting the old one once the update succeeded', async () => {
    await cfn.send(
      new UpdateStackCommand({
        StackName: 'theme-park',
        UsePreviousTemplate: true,
        Parameters: [
          { ParameterKey: 'StreamName', ParameterValue: 'theme-park-stream-2' },
          { ParameterKey: 'BucketName', UsePreviousValue: true },
          { ParameterKey: 'BufferIntervalSeconds', UsePreviousValue: true },
        ],
        Capabilities: ['CAPABILITY_IAM'],
      }),
    );
    await waitUntilStackUpdateComplete({ client: cfn, ...WAIT }, { StackName: 'theme-park' });
    expect(outputs(await stackNamed('theme-park')).StreamName).toBe('theme-park-stream-2');

    const lines = await reasons('theme-park');
    expect(lines).toContain(
      'DeliveryStream UPDATE_IN_PROGRESS Requested update requires the creation of a new physical resource; hence creating one.',
    );
    const { StackEvents } = await cfn.send(new DescribeStackEventsCommand({ StackName: 'theme-park' }));
    const cleanup = StackEvents!.find(
      (e) => e.LogicalResourceId === 'DeliveryStream' && e.ResourceStatus === 'DELETE_COMPLETE',
    );
    expect(cleanup?.PhysicalResourceId).toBe('theme-park-streaming-data');

    const old = await errorOf(
      firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'theme-park-streaming-data' })),
    );
    expect(old.name).toBe('ResourceNotFoundException');
    const { DeliveryStreamDescription: stream } = await firehose.send(
      new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'theme-park-stream-2' }),
    );
    expect(
      stream?.Destinations?.[0]?.ExtendedS3DestinationDescription?.BufferingHints?.IntervalInSeconds,
    ).toBe(120);
  });

  it('fails to delete while the bucket holds data, then deletes once it is empty', async () => {
    const Bucket = 'theme-park-data-123456789012-eu-west-1';
    await s3.send(
      new PutObjectCommand({ Bucket, Key: '2026/12/03/16/sample.json', Body: '{"event":"Entry"}\n' }),
    );

    await cfn.send(new DeleteStackCommand({ StackName: 'theme-park' }));
    const failed = await settled('theme-park');
    expect(failed.StackStatus).toBe('DELETE_FAILED');
    expect(failed.StackStatusReason).toBe('The following resource(s) failed to delete: [DataBucket]. ');
    expect(await reasons('theme-park')).toContain(
      'DataBucket DELETE_FAILED The bucket you tried to delete is not empty',
    );
    // Everything else is gone already.
    const stream = await errorOf(
      firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'theme-park-stream-2' })),
    );
    expect(stream.name).toBe('ResourceNotFoundException');

    await s3.send(new DeleteObjectCommand({ Bucket, Key: '2026/12/03/16/sample.json' }));
    await cfn.send(new DeleteStackCommand({ StackName: 'theme-park' }));
    await waitUntilStackDeleteComplete({ client: cfn, ...WAIT }, { StackName: 'theme-park' });
    const gone = await errorOf(stackNamed('theme-park'));
    expect([gone.name, gone.message]).toEqual(['ValidationError', 'Stack with id theme-park does not exist']);
    expect((await errorOf(s3.send(new HeadBucketCommand({ Bucket })))).name).toBe('NotFound');
  });
});

describe('a bucket name another account already has', () => {
  it("fails the bucket with CloudFormation's reason and rolls the stack back", async () => {
    const other = new S3Client({ ...clientConfig(sandbox, OTHER_ACCOUNT), forcePathStyle: true });
    await other.send(
      new CreateBucketCommand({
        Bucket: 'taken-by-someone',
        CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
      }),
    );
    other.destroy();

    await create('taken', [{ ParameterKey: 'BucketName', ParameterValue: 'taken-by-someone' }]);
    const stack = await settled('taken');
    expect(stack.StackStatus).toBe('ROLLBACK_COMPLETE');
    const lines = await reasons('taken');
    expect(lines).toContain('DataBucket CREATE_FAILED taken-by-someone already exists');
    expect(lines).toContain(
      'taken ROLLBACK_IN_PROGRESS The following resource(s) failed to create: [DataBucket]. Rollback requested by user.',
    );
    expect(lines[0]).toBe('taken ROLLBACK_COMPLETE');
    // The stream was never made: it needs the bucket.
    expect(lines.some((line) => line.startsWith('DeliveryStream'))).toBe(false);
  });
});
