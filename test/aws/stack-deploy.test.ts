/**
 * deployStack through the real CloudFormation client against the sandbox:
 * create, an update that follows only its own events, "no updates", and a
 * failure that names the failing resource's own reason.
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { Stack } from '@aws-sdk/client-cloudformation';
import { deployStack, StackDeployError } from '../../src/aws/stack-deploy.js';
import type { StackActivity } from '../../src/aws/stack-events.js';
import { clientConfig, startTestSandbox } from '../sandbox/helpers.js';

const template = (description: string, extra = '') => `
AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Note:
    Type: String
    Default: one
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      Description: !Sub '${description} \${Note}'
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: firehose.amazonaws.com }
            Action: sts:AssumeRole
${extra}
Outputs:
  RoleName:
    Value: !Ref Role
`;

describe('deployStack', () => {
  let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
  let client: CloudFormationClient;
  beforeAll(async () => {
    sandbox = await startTestSandbox({ timeScale: 500 });
    client = new CloudFormationClient({ ...clientConfig(sandbox), maxAttempts: 3 });
  });
  afterAll(async () => {
    client.destroy();
    await sandbox.close();
  });

  function deploy(name: string, body: string, parameters: Record<string, string> = {}, confirm = async (_: Stack) => true) {
    const seen: string[] = [];
    let last: StackActivity | undefined;
    const result = deployStack({
      client,
      stackName: name,
      templateBody: body,
      parameters,
      capabilities: ['CAPABILITY_IAM'],
      resourceCount: 1,
      pollIntervalMs: 20,
      onActivity: (activity, fresh) => {
        last = activity;
        for (const event of fresh) seen.push(`${event.LogicalResourceId} ${event.ResourceStatus}`);
      },
      confirmRecreate: confirm,
    });
    return { result, seen, activity: () => last };
  }

  it('creates, updates following only the update\'s events, and reports an unchanged template', async () => {
    const created = deploy('demo', template('first'));
    expect(await created.result).toMatchObject({ change: 'created', status: 'CREATE_COMPLETE', outputs: { RoleName: expect.any(String) } });
    expect(created.seen).toEqual(expect.arrayContaining(['Role CREATE_IN_PROGRESS', 'Role CREATE_COMPLETE', 'demo CREATE_COMPLETE']));
    expect(created.activity()?.done()).toBe(1);

    const updated = deploy('demo', template('first'), { Note: 'two' });
    expect(await updated.result).toMatchObject({ change: 'updated', status: 'UPDATE_COMPLETE' });
    expect(updated.seen.some((line) => line.includes('CREATE_'))).toBe(false);
    expect(updated.seen).toContain('demo UPDATE_COMPLETE');

    const unchanged = deploy('demo', template('first'), { Note: 'two' });
    expect(await unchanged.result).toMatchObject({ change: 'unchanged' });
  });

  it('fails with the failing resource\'s own reason, and re-creates after ROLLBACK_COMPLETE when allowed', async () => {
    const broken = template('broken', '  Thing:\n    Type: AWS::Nothing::Here\n    Properties: {}\n');
    const failed = deploy('broken', broken);
    const error = (await failed.result.catch((e) => e)) as StackDeployError;
    expect(error).toBeInstanceOf(StackDeployError);
    expect(error.status).toBe('ROLLBACK_COMPLETE');
    expect(error.failures.map((f) => f.logicalId)).toEqual(['Thing']);
    expect(error.message).toMatch(/Thing \(AWS::Nothing::Here\): .*not supported/);

    // Declined: left as it is, with a message that says why.
    const declined = deploy('broken', template('fixed'), {}, async () => false);
    await expect(declined.result).rejects.toThrow(/is in ROLLBACK_COMPLETE and can only be deleted/);

    const fixed = deploy('broken', template('fixed'));
    expect(await fixed.result).toMatchObject({ change: 'created', status: 'CREATE_COMPLETE' });
  });
});
