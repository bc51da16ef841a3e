/**
 * A sandbox stopped in the middle of provisioning leaves no stack in progress
 * for ever: at the next start an interrupted creation is rolled back (see
 * src/sandbox/cloudformation/operations.ts for every case).
 */
import {
  CloudFormationClient,
  CreateStackCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { cloudFormationService } from '../../src/sandbox/cloudformation/index.js';
import { iamService } from '../../src/sandbox/iam/index.js';
import { stsService } from '../../src/sandbox/sts/index.js';
import { clientConfig, makeTempHome, removeHome, startTestSandbox } from './helpers.js';

const SERVICES = [stsService, iamService, cloudFormationService];

const TEMPLATE = `
Resources:
  First:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Version: '2012-10-17', Statement: [{Effect: Allow, Principal: {Service: firehose.amazonaws.com}, Action: 'sts:AssumeRole'}]}
  Second:
    Type: AWS::IAM::Role
    DependsOn: First
    Properties:
      AssumeRolePolicyDocument: {Version: '2012-10-17', Statement: [{Effect: Allow, Principal: {Service: firehose.amazonaws.com}, Action: 'sts:AssumeRole'}]}
`;

async function settled(cfn: CloudFormationClient, name: string): Promise<Stack> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: name }));
    if (!Stacks![0]!.StackStatus!.endsWith('_IN_PROGRESS')) return Stacks![0]!;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`stack ${name} did not settle`);
}

it('rolls back a creation the sandbox stopped in the middle of, deleting what it had made', async () => {
  const home = await makeTempHome();
  try {
    // Real time: each role waits 2 s before it is made, so stopping as soon as the first
    // is complete lands in the middle of the second.
    const first = await startTestSandbox({ home, timeScale: 1 }, { services: SERVICES });
    const cfn1 = new CloudFormationClient(clientConfig(first));
    await cfn1.send(
      new CreateStackCommand({ StackName: 'cut', TemplateBody: TEMPLATE, Capabilities: ['CAPABILITY_IAM'] }),
    );
    for (let i = 0; i < 200; i++) {
      const { StackEvents } = await cfn1.send(new DescribeStackEventsCommand({ StackName: 'cut' }));
      if (StackEvents?.some((e) => e.LogicalResourceId === 'First' && e.ResourceStatus === 'CREATE_COMPLETE'))
        break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    cfn1.destroy();
    await first.close();

    const second = await startTestSandbox({ home, timeScale: 1000 }, { services: SERVICES });
    const cfn2 = new CloudFormationClient(clientConfig(second));
    const iam = new IAMClient(clientConfig(second));
    try {
      const stack = await settled(cfn2, 'cut');
      expect(stack.StackStatus).toBe('ROLLBACK_COMPLETE');

      const { StackEvents } = await cfn2.send(new DescribeStackEventsCommand({ StackName: 'cut' }));
      const reasons = StackEvents!.map((e) =>
        `${e.LogicalResourceId} ${e.ResourceStatus} ${e.ResourceStatusReason ?? ''}`.trim(),
      );
      expect(reasons).toContain(
        'cut ROLLBACK_IN_PROGRESS The themepark sandbox stopped while this operation was in progress. Rollback requested by the sandbox.',
      );
      expect(reasons).toContain('Second CREATE_FAILED Resource creation cancelled');

      const firstRole = StackEvents!.find(
        (e) => e.LogicalResourceId === 'First' && e.PhysicalResourceId,
      )?.PhysicalResourceId;
      expect(firstRole).toBeDefined();
      const gone = await iam.send(new GetRoleCommand({ RoleName: firstRole })).catch((error: Error) => error);
      expect((gone as Error).name).toMatch(/^NoSuchEntity/);
    } finally {
      cfn2.destroy();
      iam.destroy();
      await second.close();
    }
  } finally {
    await removeHome(home);
  }
});
