/**
 * templates/firehose.yaml: valid against CloudFormation's resource
 * specification (the CDK's copy of it), readable by the sandbox's own engine,
 * and saying what the workshop needs: the secure bucket, a role that can
 * only write there, the stream with the module's buffering.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  loadTemplate,
  planStack,
  resolutionContext,
  resolveOutputs,
  resolveValue,
  type PseudoParameters,
  type Template,
  type TemplateValue,
} from '../../src/sandbox/cloudformation/template/index.js';
import { loadResourceSpec, specProblems, type SpecDatabase } from './resource-spec.js';

const TEMPLATE_PATH = fileURLToPath(new URL('../../templates/firehose.yaml', import.meta.url));
const body = readFileSync(TEMPLATE_PATH, 'utf8');

const PSEUDO: PseudoParameters = {
  accountId: '123456789012',
  region: 'eu-west-1',
  stackName: 'theme-park',
  stackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/theme-park/0',
};
const LOOKUP = {
  refResource: (name: string) => `ref:${name}`,
  getAtt: (name: string, attribute: string) => `att:${name}.${attribute}`,
  importValue: (name: string) => name,
};

describe('the resource specification check', () => {
  let db: SpecDatabase;
  beforeAll(async () => {
    db = await loadResourceSpec();
  });

  it('finds nothing wrong with templates/firehose.yaml', () => {
    expect(specProblems(db, loadTemplate(body))).toEqual([]);
  });

  it('catches wrong types, names, missing properties, bad values and attributes', () => {
    const broken = loadTemplate(`
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketNam: x
      PublicAccessBlockConfiguration: {BlockPublicAcls: maybe}
      BucketEncryption: {}
  Stream:
    Type: AWS::KinesisFirehose::DeliveryStream
    Properties:
      DeliveryStreamType: Sideways
      ExtendedS3DestinationConfiguration:
        BucketARN: !GetAtt Bucket.Nope
        RoleARN: !If [C, [1], x]
        BufferingHints: {SizeInMBs: ten}
  Thing:
    Type: AWS::Nope::Thing
Conditions:
  C: !Equals [a, b]
`);
    const problems = specProblems(db, broken);
    expect(problems).toHaveLength(8);
    expect(problems).toEqual(
      expect.arrayContaining([
        'Resources/Bucket/Properties/BucketNam: no such property',
        'Resources/Bucket/Properties/PublicAccessBlockConfiguration/BlockPublicAcls: expected a boolean',
        'Resources/Bucket/Properties/BucketEncryption/ServerSideEncryptionConfiguration: required property missing',
        expect.stringMatching(
          /^Resources\/Stream\/Properties\/DeliveryStreamType: Sideways is not one of .*DirectPut/,
        ),
        'Resources/Stream/Properties/ExtendedS3DestinationConfiguration/RoleARN/Fn::If[1]: expected a string',
        'Resources/Stream/Properties/ExtendedS3DestinationConfiguration/BufferingHints/SizeInMBs: expected a number',
        'Resources/Stream/Properties/ExtendedS3DestinationConfiguration/BucketARN: AWS::S3::Bucket has no attribute Nope',
        'Resources/Thing: unknown resource type AWS::Nope::Thing',
      ]),
    );
  });
});

describe('templates/firehose.yaml in the sandbox engine', () => {
  const template = loadTemplate(body);
  const plan = planStack({ template, parameters: [], capabilities: ['CAPABILITY_IAM'], pseudo: PSEUDO });
  const context = resolutionContext(template, plan.parameters, PSEUDO, LOOKUP);
  const properties = (name: string) =>
    resolveValue(template.resources[name]!.Properties, context) as Record<string, any>;

  it('needs only CAPABILITY_IAM: the role is not named', () => {
    expect(plan.capabilities.capabilities).toEqual(['CAPABILITY_IAM']);
    expect(() => planStack({ template, parameters: [], capabilities: [], pseudo: PSEUDO })).toThrow(
      'Requires capabilities : [CAPABILITY_IAM]',
    );
  });

  it('creates the bucket and role before the policy, and the policy before the stream', () => {
    const position = (name: string) => plan.order.indexOf(name);
    expect([...plan.order].sort()).toEqual([
      'DataBucket',
      'DataBucketPolicy',
      'DeliveryPolicy',
      'DeliveryRole',
      'DeliveryStream',
    ]);
    expect(position('DeliveryPolicy')).toBeGreaterThan(position('DeliveryRole'));
    expect(position('DeliveryStream')).toBeGreaterThan(position('DeliveryPolicy'));
    expect(plan.dependencies.get('DeliveryStream')).toEqual(
      expect.arrayContaining(['DeliveryPolicy', 'DataBucket']),
    );
  });

  it('names the bucket after the account and region unless a name is given', () => {
    expect(properties('DataBucket').BucketName).toBe('theme-park-data-123456789012-eu-west-1');

    const named = planStack({
      template,
      parameters: [{ ParameterKey: 'BucketName', ParameterValue: 'my-bucket' }],
      capabilities: ['CAPABILITY_IAM'],
      pseudo: PSEUDO,
    });
    const namedContext = resolutionContext(template, named.parameters, PSEUDO, LOOKUP);
    expect(resolveValue(template.resources.DataBucket!.Properties.BucketName!, namedContext)).toBe(
      'my-bucket',
    );
  });

  it('rejects a bucket name S3 would refuse before anything is created', () => {
    expect(() =>
      planStack({
        template,
        parameters: [{ ParameterKey: 'BucketName', ParameterValue: 'My_Bucket' }],
        capabilities: ['CAPABILITY_IAM'],
        pseudo: PSEUDO,
      }),
    ).toThrow("Parameter 'BucketName' failed to satisfy constraint");
  });

  it('blocks public access, encrypts by default and refuses plain HTTP', () => {
    const bucket = properties('DataBucket');
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([
      { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
    ]);
    const [statement] = properties('DataBucketPolicy').PolicyDocument.Statement;
    expect(statement).toMatchObject({
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: ['att:DataBucket.Arn', 'att:DataBucket.Arn/*'],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
  });

  it('lets only Firehose, for this account, assume a role that can only write to the bucket', () => {
    const role = properties('DeliveryRole');
    expect(role.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 'firehose.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'sts:ExternalId': '123456789012' } },
      },
    ]);
    const policy = properties('DeliveryPolicy');
    expect(policy.Roles).toEqual(['ref:DeliveryRole']);
    const statements = policy.PolicyDocument.Statement as Array<Record<string, TemplateValue>>;
    expect(statements).toHaveLength(1);
    expect(statements[0]!.Action).toEqual([
      's3:AbortMultipartUpload',
      's3:GetBucketLocation',
      's3:GetObject',
      's3:ListBucket',
      's3:ListBucketMultipartUploads',
      's3:PutObject',
    ]);
    expect(statements[0]!.Resource).toEqual(['att:DataBucket.Arn', 'att:DataBucket.Arn/*']);
  });

  it('makes a Direct PUT stream with 10 MiB / 60 s buffering, uncompressed, into the bucket', () => {
    const stream = properties('DeliveryStream');
    expect(stream).toMatchObject({
      DeliveryStreamName: 'theme-park-streaming-data',
      DeliveryStreamType: 'DirectPut',
      ExtendedS3DestinationConfiguration: {
        BucketARN: 'att:DataBucket.Arn',
        RoleARN: 'att:DeliveryRole.Arn',
        BufferingHints: { SizeInMBs: 10, IntervalInSeconds: '60' },
        CompressionFormat: 'UNCOMPRESSED',
      },
    });
    expect(template.resources.DeliveryStream!.DependsOn).toEqual(['DeliveryPolicy']);
  });

  it('outputs the names and ARNs later steps read', () => {
    const outputs = resolveOutputs(plan, context);
    expect(Object.fromEntries(outputs.map((o) => [o.OutputKey, o.OutputValue]))).toEqual({
      BucketName: 'ref:DataBucket',
      BucketArn: 'att:DataBucket.Arn',
      StreamName: 'ref:DeliveryStream',
      StreamArn: 'att:DeliveryStream.Arn',
      RoleArn: 'att:DeliveryRole.Arn',
    });
  });

  it('keeps every parameter a learner may change, with the module defaults', () => {
    const defaults = (t: Template) =>
      Object.fromEntries(Object.entries(t.parameters).map(([k, p]) => [k, p.Default]));
    expect(defaults(template)).toEqual({
      StreamName: 'theme-park-streaming-data',
      BucketName: '',
      BufferIntervalSeconds: '60',
    });
  });
});
