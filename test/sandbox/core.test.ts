import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { FirehoseClient, ListDeliveryStreamsCommand } from '@aws-sdk/client-firehose';
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { CloudFormationClient, ListStacksCommand } from '@aws-sdk/client-cloudformation';
import { clientConfig, removeHome, startTestSandbox, TEST_ACCOUNT } from './helpers.js';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { operationTable, SandboxError, jsonResult, type SandboxService } from '../../src/sandbox/service-kit.js';
import { SANDBOX_SERVICES } from '../../src/sandbox/services.js';
import { isReadOnlyOperation } from '../../src/sandbox/request-log.js';

/** A json-protocol service that fails on purpose, to prove the server survives handler crashes. */
const brokenService: SandboxService = {
  name: 'firehose',
  protocol: 'json',
  targetPrefix: 'Firehose_20150804',
  handle: operationTable('firehose', 'json', {
    ListDeliveryStreams: () => {
      throw new TypeError('boom');
    },
    DescribeDeliveryStream: () => {
      throw new SandboxError(400, 'ResourceNotFoundException', 'Firehose ds under account 1 not found.');
    },
    DeleteDeliveryStream: (req) => jsonResult({ echoed: req.json }),
  }),
};

describe('sandbox core', () => {
  let sandbox: RunningSandbox & { home: string };
  const internalErrors: string[] = [];

  beforeAll(async () => {
    // CloudFormation is left out on purpose: a registered-but-absent query service must still answer.
    const others = SANDBOX_SERVICES.filter((s) => s.name !== 'firehose' && s.name !== 'cloudformation');
    const services = [...others, brokenService];
    sandbox = await startTestSandbox({}, { services, onInternalError: (_e, where) => internalErrors.push(where) });
  });
  afterAll(async () => {
    await sandbox.close();
    await removeHome(sandbox.home);
  });

  test('GetCallerIdentity answers the account named by a 12-digit access key id', async () => {
    const sts = new STSClient(clientConfig(sandbox));
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe(TEST_ACCOUNT);
    expect(identity.Arn).toBe(`arn:aws:iam::${TEST_ACCOUNT}:user/sandbox-learner`);
    expect(identity.UserId).toMatch(/^AIDA[0-9A-F]{17}$/);
    expect(identity.$metadata.requestId).toMatch(/[0-9a-f-]{36}/);
  });

  test('any other access key id acts as the default account', async () => {
    const sts = new STSClient(clientConfig(sandbox, 'AKIAEXAMPLE'));
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe('000000000000');
  });

  test('an unknown awsQuery action is InvalidAction', async () => {
    const sts = new STSClient(clientConfig(sandbox));
    const { AssumeRoleCommand } = await import('@aws-sdk/client-sts');
    await expect(sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::1:role/x', RoleSessionName: 's' }))).rejects.toMatchObject({
      name: 'InvalidAction',
      $metadata: { httpStatusCode: 400 },
    });
  });

  test('a query service that is not in the sandbox answers InvalidAction, not a hang', async () => {
    const cfn = new CloudFormationClient(clientConfig(sandbox));
    await expect(cfn.send(new ListStacksCommand({}))).rejects.toMatchObject({ name: 'InvalidAction' });
  });

  test('an unknown X-Amz-Target operation is UnknownOperationException', async () => {
    const firehose = new FirehoseClient(clientConfig(sandbox));
    const { PutRecordCommand } = await import('@aws-sdk/client-firehose');
    await expect(
      firehose.send(new PutRecordCommand({ DeliveryStreamName: 'ds', Record: { Data: Buffer.from('x') } })),
    ).rejects.toMatchObject({ name: 'UnknownOperationException', $metadata: { httpStatusCode: 400 } });
  });

  test('a SandboxError reaches the SDK with its code and message', async () => {
    const firehose = new FirehoseClient(clientConfig(sandbox));
    const { DescribeDeliveryStreamCommand } = await import('@aws-sdk/client-firehose');
    await expect(firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'ds' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Firehose ds under account 1 not found.',
    });
  });

  test('a handler that throws gives 500 InternalFailure and the server keeps answering', async () => {
    const firehose = new FirehoseClient(clientConfig(sandbox));
    await expect(firehose.send(new ListDeliveryStreamsCommand({}))).rejects.toMatchObject({
      name: 'InternalFailure',
      $metadata: { httpStatusCode: 500 },
    });
    expect(internalErrors).toContain('firehose ListDeliveryStreams');
    const sts = new STSClient(clientConfig(sandbox));
    await expect(sts.send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({ Account: TEST_ACCOUNT });
  });

  test('json bodies reach the handler parsed', async () => {
    const response = await fetch(sandbox.endpoint, {
      method: 'POST',
      headers: { 'x-amz-target': 'Firehose_20150804.DeleteDeliveryStream', 'content-type': 'application/x-amz-json-1.1' },
      body: JSON.stringify({ DeliveryStreamName: 'ds' }),
    });
    expect(await response.json()).toEqual({ echoed: { DeliveryStreamName: 'ds' } });
  });

  test('a malformed JSON body is a SerializationException', async () => {
    const response = await fetch(sandbox.endpoint, {
      method: 'POST',
      headers: { 'x-amz-target': 'Firehose_20150804.DeleteDeliveryStream' },
      body: '{not json',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ __type: 'SerializationException' });
  });

  test('the request log names service, operation, account and status', async () => {
    const sts = new STSClient(clientConfig(sandbox, '210987654321'));
    await sts.send(new GetCallerIdentityCommand({}));
    const last = sandbox.requestLog().at(-1)!;
    expect(last).toMatchObject({
      service: 'sts',
      operation: 'GetCallerIdentity',
      account: '210987654321',
      region: 'eu-west-1',
      status: 200,
    });
    const failed = sandbox.requestLog().find((entry) => entry.operation === 'DescribeDeliveryStream');
    expect(failed).toMatchObject({ service: 'firehose', status: 400, error: 'ResourceNotFoundException' });
  });
});

describe('requests without a signature (curl, --no-sign-request)', () => {
  let sandbox: RunningSandbox & { home: string };
  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(async () => {
    await sandbox.close();
    await removeHome(sandbox.home);
  });

  test('a form post is routed by its Version to the query service, as the default account', async () => {
    const response = await fetch(sandbox.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-amzn-requestid')).toMatch(/[0-9a-f-]{36}/);
    const xml = await response.text();
    expect(xml).toContain('<GetCallerIdentityResult>');
    expect(xml).toContain('<Account>000000000000</Account>');
  });

  test('anything else is S3: GET / lists buckets, an unknown bucket is NoSuchBucket in XML', async () => {
    const list = await fetch(`${sandbox.endpoint}/`);
    expect(await list.text()).toContain('<ListAllMyBucketsResult');
    const missing = await fetch(`${sandbox.endpoint}/no-such-bucket?list-type=2`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toMatch(/<Error><Code>NoSuchBucket<\/Code>.*<BucketName>no-such-bucket<\/BucketName>/);
  });
});

test('read-only operations are told apart by their names', () => {
  const reads = ['GetCallerIdentity', 'ListObjectsV2', 'DescribeStacks', 'HeadBucket', 'GetRolePolicy'];
  const writes = ['PutObject', 'CreateStack', 'DeleteBucket', 'PutRecordBatch', 'GET ?acl', 'Getaway'];
  expect(reads.filter(isReadOnlyOperation)).toEqual(reads);
  expect(writes.filter(isReadOnlyOperation)).toEqual([]);
});
