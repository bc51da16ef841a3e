/**
 * The sandbox's CloudFormation through the real SDK client: the life of a
 * stack (create, update, fail and roll back, delete), its events, and what
 * the API refuses up front. Templates here use IAM only, so these run
 * without S3; the workshop's own template is exercised in
 * cloudformation-workshop.test.ts.
 */
import {
  CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStackEventsCommand,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  ListStacksCommand,
  UpdateStackCommand,
  ValidateTemplateCommand,
  waitUntilStackCreateComplete,
  waitUntilStackDeleteComplete,
  waitUntilStackUpdateComplete,
  type Stack,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';
import { GetRoleCommand, GetRolePolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import { cloudFormationService } from '../../src/sandbox/cloudformation/index.js';
import { iamService } from '../../src/sandbox/iam/index.js';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { stsService } from '../../src/sandbox/sts/index.js';
import { clientConfig, removeHome, startTestSandbox } from './helpers.js';

const SERVICES = [stsService, iamService, cloudFormationService];
/** Resources take 1-2 simulated seconds each: a millisecond or two here. */
const TIME_SCALE = 1000;
const WAIT = { maxWaitTime: 20, minDelay: 1, maxDelay: 1 };

const ROLE_TEMPLATE = `
Parameters:
  PolicyName: {Type: String, Default: first}
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement: [{Effect: Allow, Principal: {Service: firehose.amazonaws.com}, Action: 'sts:AssumeRole'}]
  Policy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: !Ref PolicyName
      Roles: [!Ref Role]
      PolicyDocument: {Version: '2012-10-17', Statement: [{Effect: Allow, Action: 's3:GetObject', Resource: '*'}]}
Outputs:
  RoleName: {Value: !Ref Role}
  RoleArn: {Value: !GetAtt Role.Arn, Export: {Name: !Sub '\${AWS::StackName}-role'}}
`;

const UNSUPPORTED_TEMPLATE = `
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Version: '2012-10-17', Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: 'sts:AssumeRole'}]}
  Queue:
    Type: AWS::SQS::Queue
    DependsOn: Role
`;

let sandbox: RunningSandbox & { home: string };
let cfn: CloudFormationClient;
let iam: IAMClient;

beforeAll(async () => {
  sandbox = await startTestSandbox({ timeScale: TIME_SCALE }, { services: SERVICES });
  cfn = new CloudFormationClient(clientConfig(sandbox));
  iam = new IAMClient(clientConfig(sandbox));
});

afterAll(async () => {
  cfn.destroy();
  iam.destroy();
  await sandbox.close();
  await removeHome(sandbox.home);
});

async function describe1(name: string): Promise<Stack> {
  const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: name }));
  return Stacks![0]!;
}

async function events(name: string): Promise<StackEvent[]> {
  return (await cfn.send(new DescribeStackEventsCommand({ StackName: name }))).StackEvents ?? [];
}

/** `[logical id, status, reason]` oldest first, for reading a stack's history in an assertion. */
async function history(name: string): Promise<Array<[string, string, string]>> {
  return (await events(name))
    .map((e): [string, string, string] => [
      e.LogicalResourceId!,
      e.ResourceStatus!,
      e.ResourceStatusReason ?? '',
    ])
    .reverse();
}

/** Polls until the stack is no longer *_IN_PROGRESS (no SDK waiter ends at a create's rollback). */
async function settled(name: string): Promise<Stack> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const stack = await describe1(name);
    if (!stack.StackStatus!.endsWith('_IN_PROGRESS')) return stack;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`stack ${name} did not settle`);
}

function outputs(stack: Stack): Record<string, string> {
  return Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey!, o.OutputValue!]));
}

async function errorOf(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { name: string; message: string };
  }
  throw new Error('expected the call to fail');
}

describe('creating a stack', () => {
  it('answers at once, then provisions in the background to CREATE_COMPLETE with outputs', async () => {
    const { StackId } = await cfn.send(
      new CreateStackCommand({
        StackName: 'roles',
        TemplateBody: ROLE_TEMPLATE,
        Capabilities: ['CAPABILITY_IAM'],
      }),
    );
    expect(StackId).toMatch(/^arn:aws:cloudformation:eu-west-1:123456789012:stack\/roles\/[0-9a-f-]{36}$/);

    const result = await waitUntilStackCreateComplete({ client: cfn, ...WAIT }, { StackName: 'roles' });
    expect(result.state).toBe('SUCCESS');

    const stack = await describe1('roles');
    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
    expect(stack.Parameters).toEqual([{ ParameterKey: 'PolicyName', ParameterValue: 'first' }]);
    const { RoleName, RoleArn } = outputs(stack);
    expect(RoleName).toMatch(/^roles-Role-[A-Z0-9]{12}$/);
    expect(RoleArn).toBe(`arn:aws:iam::123456789012:role/${RoleName}`);

    // The role and its policy are real in the sandbox's IAM.
    const role = await iam.send(new GetRoleCommand({ RoleName }));
    expect(role.Role?.Arn).toBe(RoleArn);
    const policy = await iam.send(new GetRolePolicyCommand({ RoleName, PolicyName: 'first' }));
    expect(decodeURIComponent(policy.PolicyDocument!)).toContain('s3:GetObject');
  });

  it('reports each resource, then the stack, newest event first', async () => {
    const all = await events('roles');
    expect(all[0]).toMatchObject({ LogicalResourceId: 'roles', ResourceStatus: 'CREATE_COMPLETE' });
    expect(all.at(-1)).toMatchObject({
      LogicalResourceId: 'roles',
      ResourceType: 'AWS::CloudFormation::Stack',
      ResourceStatus: 'CREATE_IN_PROGRESS',
      ResourceStatusReason: 'User Initiated',
    });
    const roleEvents = (await history('roles')).filter(([id]) => id === 'Role');
    expect(roleEvents).toEqual([
      ['Role', 'CREATE_IN_PROGRESS', ''],
      ['Role', 'CREATE_IN_PROGRESS', 'Resource creation Initiated'],
      ['Role', 'CREATE_COMPLETE', ''],
    ]);
    // The policy names the role, so it starts only once the role is complete.
    const order = (await history('roles')).map(([id, status]) => `${id} ${status}`);
    expect(order.indexOf('Policy CREATE_IN_PROGRESS')).toBeGreaterThan(order.indexOf('Role CREATE_COMPLETE'));

    const { StackResources } = await cfn.send(new DescribeStackResourcesCommand({ StackName: 'roles' }));
    expect(
      StackResources?.map((r) => [r.LogicalResourceId, r.ResourceType, r.ResourceStatus]).sort(),
    ).toEqual([
      ['Policy', 'AWS::IAM::Policy', 'CREATE_COMPLETE'],
      ['Role', 'AWS::IAM::Role', 'CREATE_COMPLETE'],
    ]);
  });

  it('refuses a second stack of the same name', async () => {
    const error = await errorOf(
      cfn.send(
        new CreateStackCommand({
          StackName: 'roles',
          TemplateBody: ROLE_TEMPLATE,
          Capabilities: ['CAPABILITY_IAM'],
        }),
      ),
    );
    expect([error.name, error.message]).toEqual(['AlreadyExistsException', 'Stack [roles] already exists']);
  });

  it('refuses IAM resources without the capability', async () => {
    const error = await errorOf(
      cfn.send(new CreateStackCommand({ StackName: 'no-caps', TemplateBody: ROLE_TEMPLATE })),
    );
    expect([error.name, error.message]).toEqual([
      'InsufficientCapabilitiesException',
      'Requires capabilities : [CAPABILITY_IAM]',
    ]);

    const named = ROLE_TEMPLATE.replace(
      'AssumeRolePolicyDocument:',
      'RoleName: chosen\n      AssumeRolePolicyDocument:',
    );
    const namedError = await errorOf(
      cfn.send(
        new CreateStackCommand({
          StackName: 'no-caps',
          TemplateBody: named,
          Capabilities: ['CAPABILITY_IAM'],
        }),
      ),
    );
    expect(namedError.message).toBe('Requires capabilities : [CAPABILITY_NAMED_IAM]');
  });

  it('refuses a template it cannot parse, and unresolved references, as ValidationError', async () => {
    const broken = await errorOf(
      cfn.send(new CreateStackCommand({ StackName: 'broken', TemplateBody: 'Resources:\n  A: [unclosed' })),
    );
    expect(broken.name).toBe('ValidationError');
    expect(broken.message).toMatch(/^Template format error: YAML not well-formed\./);

    const unresolved = await errorOf(
      cfn.send(
        new ValidateTemplateCommand({
          TemplateBody: 'Resources:\n  A: {Type: AWS::IAM::Role, Properties: {X: !Ref Nope}}',
        }),
      ),
    );
    expect([unresolved.name, unresolved.message]).toEqual([
      'ValidationError',
      'Template format error: Unresolved resource dependencies [Nope] in the Resources block of the template',
    ]);
    // Nothing was created for either.
    expect((await errorOf(describe1('broken'))).message).toBe('Stack with id broken does not exist');
  });

  it('refuses an attribute the resource type does not have before creating anything', async () => {
    const misspelt = ROLE_TEMPLATE.replace('!GetAtt Role.Arn', '!GetAtt Role.ARN');
    const error = await errorOf(
      cfn.send(
        new CreateStackCommand({
          StackName: 'misspelt',
          TemplateBody: misspelt,
          Capabilities: ['CAPABILITY_IAM'],
        }),
      ),
    );
    expect([error.name, error.message]).toEqual([
      'ValidationError',
      'Template error: resource Role does not support attribute type ARN in Fn::GetAtt',
    ]);
  });

  it('validates a template: parameters, description and the capability it needs', async () => {
    const result = await cfn.send(new ValidateTemplateCommand({ TemplateBody: ROLE_TEMPLATE }));
    expect(result.Parameters).toEqual([{ ParameterKey: 'PolicyName', DefaultValue: 'first', NoEcho: false }]);
    expect(result.Capabilities).toEqual(['CAPABILITY_IAM']);
    expect(result.CapabilitiesReason).toBe(
      'The following resource(s) require capabilities: [AWS::IAM::Role, AWS::IAM::Policy]',
    );
  });
});

describe('updating a stack', () => {
  it('says there is nothing to do when template and parameters are unchanged', async () => {
    const error = await errorOf(
      cfn.send(
        new UpdateStackCommand({
          StackName: 'roles',
          TemplateBody: ROLE_TEMPLATE,
          Capabilities: ['CAPABILITY_IAM'],
        }),
      ),
    );
    expect([error.name, error.message]).toEqual(['ValidationError', 'No updates are to be performed.']);

    const previous = await errorOf(
      cfn.send(
        new UpdateStackCommand({
          StackName: 'roles',
          UsePreviousTemplate: true,
          Parameters: [{ ParameterKey: 'PolicyName', UsePreviousValue: true }],
          Capabilities: ['CAPABILITY_IAM'],
        }),
      ),
    );
    expect(previous.message).toBe('No updates are to be performed.');
  });

  it('applies a changed parameter: only the resource that uses it changes', async () => {
    const before = outputs(await describe1('roles'));
    await cfn.send(
      new UpdateStackCommand({
        StackName: 'roles',
        UsePreviousTemplate: true,
        Parameters: [{ ParameterKey: 'PolicyName', ParameterValue: 'second' }],
        Capabilities: ['CAPABILITY_IAM'],
      }),
    );
    await waitUntilStackUpdateComplete({ client: cfn, ...WAIT }, { StackName: 'roles' });

    const stack = await describe1('roles');
    expect(stack.StackStatus).toBe('UPDATE_COMPLETE');
    expect(stack.LastUpdatedTime).toBeInstanceOf(Date);
    expect(outputs(stack)).toEqual(before);

    const statuses = (await history('roles')).map(([id, status]) => `${id} ${status}`);
    const sinceUpdate = statuses.slice(statuses.lastIndexOf('roles UPDATE_IN_PROGRESS'));
    expect(sinceUpdate).toEqual([
      'roles UPDATE_IN_PROGRESS',
      'Policy UPDATE_IN_PROGRESS',
      'Policy UPDATE_COMPLETE',
      'roles UPDATE_COMPLETE_CLEANUP_IN_PROGRESS',
      'roles UPDATE_COMPLETE',
    ]);

    const policy = await iam.send(
      new GetRolePolicyCommand({ RoleName: before.RoleName, PolicyName: 'second' }),
    );
    expect(policy.PolicyName).toBe('second');
    const old = await errorOf(
      iam.send(new GetRolePolicyCommand({ RoleName: before.RoleName, PolicyName: 'first' })),
    );
    expect(old.name).toMatch(/^NoSuchEntity/);
  });

  it('rolls an update back when a new resource fails, keeping the stack as it was', async () => {
    const before = outputs(await describe1('roles'));
    const withQueue = `${ROLE_TEMPLATE.replace('Outputs:', '  Queue:\n    Type: AWS::SQS::Queue\nOutputs:')}`;
    await cfn.send(
      new UpdateStackCommand({
        StackName: 'roles',
        TemplateBody: withQueue,
        Capabilities: ['CAPABILITY_IAM'],
      }),
    );
    const failure = await errorOf(
      waitUntilStackUpdateComplete({ client: cfn, ...WAIT }, { StackName: 'roles' }),
    );
    expect(failure.message).toMatch(/UPDATE_ROLLBACK_COMPLETE/);

    const stack = await describe1('roles');
    expect(stack.StackStatus).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(outputs(stack)).toEqual(before);
    const queue = (await history('roles')).filter(([id]) => id === 'Queue');
    expect(queue).toContainEqual([
      'Queue',
      'CREATE_FAILED',
      'Resource type AWS::SQS::Queue is not supported by the themepark sandbox',
    ]);
    expect(queue.at(-1)?.[1]).toBe('DELETE_COMPLETE');

    // The stack can be updated again after an update rollback.
    const error = await errorOf(
      cfn.send(
        new UpdateStackCommand({
          StackName: 'roles',
          UsePreviousTemplate: true,
          Capabilities: ['CAPABILITY_IAM'],
          Parameters: [{ ParameterKey: 'PolicyName', UsePreviousValue: true }],
        }),
      ),
    );
    expect(error.message).toBe('No updates are to be performed.');
  });
});

describe('a resource that fails', () => {
  it('rolls the creation back, deleting what was made, and says why', async () => {
    await cfn.send(
      new CreateStackCommand({
        StackName: 'unsupported',
        TemplateBody: UNSUPPORTED_TEMPLATE,
        Capabilities: ['CAPABILITY_IAM'],
      }),
    );
    const created = await errorOf(
      waitUntilStackCreateComplete({ client: cfn, ...WAIT }, { StackName: 'unsupported' }),
    );
    expect(created.message).toMatch(/ROLLBACK/);

    const stack = await settled('unsupported');
    expect(stack.StackStatus).toBe('ROLLBACK_COMPLETE');
    const steps = await history('unsupported');
    expect(steps).toContainEqual([
      'Queue',
      'CREATE_FAILED',
      'Resource type AWS::SQS::Queue is not supported by the themepark sandbox',
    ]);
    expect(steps).toContainEqual([
      'unsupported',
      'ROLLBACK_IN_PROGRESS',
      'The following resource(s) failed to create: [Queue]. Rollback requested by user.',
    ]);
    const roleSteps = steps.filter(([id]) => id === 'Role').map(([, status]) => status);
    expect(roleSteps.slice(-2)).toEqual(['DELETE_IN_PROGRESS', 'DELETE_COMPLETE']);
    const roleName = (await events('unsupported')).find(
      (e) => e.LogicalResourceId === 'Role' && e.PhysicalResourceId,
    )!.PhysicalResourceId!;
    expect((await errorOf(iam.send(new GetRoleCommand({ RoleName: roleName })))).name).toMatch(
      /^NoSuchEntity/,
    );
  });

  it('leaves what was made in place with DisableRollback, ending CREATE_FAILED', async () => {
    await cfn.send(
      new CreateStackCommand({
        StackName: 'kept',
        TemplateBody: UNSUPPORTED_TEMPLATE,
        Capabilities: ['CAPABILITY_IAM'],
        DisableRollback: true,
      }),
    );
    const stack = await settled('kept');
    expect(stack.StackStatus).toBe('CREATE_FAILED');
    expect(stack.StackStatusReason).toBe('The following resource(s) failed to create: [Queue]. ');
    const { StackResources } = await cfn.send(new DescribeStackResourcesCommand({ StackName: 'kept' }));
    const role = StackResources!.find((r) => r.LogicalResourceId === 'Role')!;
    expect(role.ResourceStatus).toBe('CREATE_COMPLETE');
    await expect(iam.send(new GetRoleCommand({ RoleName: role.PhysicalResourceId }))).resolves.toBeDefined();

    // Deleting it removes the role too.
    await cfn.send(new DeleteStackCommand({ StackName: 'kept' }));
    await waitUntilStackDeleteComplete({ client: cfn, ...WAIT }, { StackName: 'kept' });
    expect((await errorOf(iam.send(new GetRoleCommand({ RoleName: role.PhysicalResourceId })))).name).toMatch(
      /^NoSuchEntity/,
    );
  });

  it('cannot update a ROLLBACK_COMPLETE stack; it is deleted and created again', async () => {
    const { StackId } = await describe1('unsupported');
    const error = await errorOf(
      cfn.send(
        new UpdateStackCommand({
          StackName: 'unsupported',
          TemplateBody: ROLE_TEMPLATE,
          Capabilities: ['CAPABILITY_IAM'],
        }),
      ),
    );
    expect([error.name, error.message]).toEqual([
      'ValidationError',
      `Stack:${StackId} is in ROLLBACK_COMPLETE state and can not be updated.`,
    ]);

    await cfn.send(new DeleteStackCommand({ StackName: 'unsupported' }));
    await waitUntilStackDeleteComplete({ client: cfn, ...WAIT }, { StackName: 'unsupported' });
    await cfn.send(
      new CreateStackCommand({
        StackName: 'unsupported',
        TemplateBody: ROLE_TEMPLATE,
        Capabilities: ['CAPABILITY_IAM'],
      }),
    );
    await waitUntilStackCreateComplete({ client: cfn, ...WAIT }, { StackName: 'unsupported' });
    const again = await describe1('unsupported');
    expect(again.StackStatus).toBe('CREATE_COMPLETE');
    expect(again.StackId).not.toBe(StackId);

    // The deleted stack is still there by its ARN, and in ListStacks.
    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: StackId }));
    expect(Stacks?.[0]?.StackStatus).toBe('DELETE_COMPLETE');
    const { StackSummaries } = await cfn.send(
      new ListStacksCommand({ StackStatusFilter: ['DELETE_COMPLETE'] }),
    );
    expect(StackSummaries?.map((s) => s.StackId)).toContain(StackId);
  });
});

describe('deleting a stack', () => {
  it('removes the resources, then the stack no longer exists by name', async () => {
    const { RoleName } = outputs(await describe1('roles'));
    await cfn.send(new DeleteStackCommand({ StackName: 'roles' }));
    await waitUntilStackDeleteComplete({ client: cfn, ...WAIT }, { StackName: 'roles' });

    const error = await errorOf(describe1('roles'));
    expect([error.name, error.message]).toEqual(['ValidationError', 'Stack with id roles does not exist']);
    expect((await errorOf(iam.send(new GetRoleCommand({ RoleName })))).name).toMatch(/^NoSuchEntity/);
    const last = (await history(sandboxStackId('roles'))).at(-1);
    expect(last).toEqual(['roles', 'DELETE_COMPLETE', '']);
  });

  it('succeeds for a stack that does not exist', async () => {
    await expect(cfn.send(new DeleteStackCommand({ StackName: 'never-was' }))).resolves.toBeDefined();
  });
});

/** The id of the most recent stack by this name, deleted or not, from ListStacks. */
let knownIds: Record<string, string> = {};
function sandboxStackId(name: string): string {
  return knownIds[name]!;
}
beforeEach(async () => {
  const { StackSummaries } = await cfn.send(new ListStacksCommand({}));
  knownIds = {};
  for (const summary of [...(StackSummaries ?? [])].reverse())
    knownIds[summary.StackName!] = summary.StackId!;
});
