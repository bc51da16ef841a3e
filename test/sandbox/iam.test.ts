import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import {
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListRolePoliciesCommand,
  ListRolesCommand,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { iamApi } from '../../src/sandbox/iam/api.js';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { clientConfig, removeHome, startTestSandbox, TEST_ACCOUNT } from './helpers.js';

const trust = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'firehose.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const s3Access = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['s3:PutObject'], Resource: ['arn:aws:s3:::b/*'] }],
});

describe('IAM roles in the sandbox', () => {
  let sandbox: RunningSandbox & { home: string };
  let iam: IAMClient;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    iam = new IAMClient(clientConfig(sandbox));
  });
  afterAll(async () => {
    iam.destroy();
    await sandbox.close();
    await removeHome(sandbox.home);
  });

  test('a role and its inline policy round-trip, with documents URL-encoded as IAM returns them', async () => {
    const created = await iam.send(
      new CreateRoleCommand({ RoleName: 'delivery', Path: '/service-role/', AssumeRolePolicyDocument: trust }),
    );
    expect(created.Role).toMatchObject({
      RoleName: 'delivery',
      Path: '/service-role/',
      Arn: `arn:aws:iam::${TEST_ACCOUNT}:role/service-role/delivery`,
    });
    expect(created.Role?.RoleId).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(created.Role?.CreateDate).toBeInstanceOf(Date);

    await iam.send(new PutRolePolicyCommand({ RoleName: 'delivery', PolicyName: 's3', PolicyDocument: s3Access }));
    const role = await iam.send(new GetRoleCommand({ RoleName: 'delivery' }));
    expect(role.Role?.AssumeRolePolicyDocument).toBe(encodeURIComponent(trust));
    expect(decodeURIComponent(role.Role!.AssumeRolePolicyDocument!)).toBe(trust);

    const policy = await iam.send(new GetRolePolicyCommand({ RoleName: 'delivery', PolicyName: 's3' }));
    expect(policy).toMatchObject({ RoleName: 'delivery', PolicyName: 's3' });
    expect(decodeURIComponent(policy.PolicyDocument!)).toBe(s3Access);
    const names = await iam.send(new ListRolePoliciesCommand({ RoleName: 'delivery' }));
    expect(names.PolicyNames).toEqual(['s3']);

    await expect(iam.send(new DeleteRoleCommand({ RoleName: 'delivery' }))).rejects.toMatchObject({
      name: 'DeleteConflictException',
    });
    await iam.send(new DeleteRolePolicyCommand({ RoleName: 'delivery', PolicyName: 's3' }));
    await iam.send(new DeleteRoleCommand({ RoleName: 'delivery' }));
    await expect(iam.send(new GetRoleCommand({ RoleName: 'delivery' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The role with name delivery cannot be found.',
    });
  });

  test('duplicate names, bad documents and missing policies are IAM errors', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'dup', AssumeRolePolicyDocument: trust }));
    await expect(iam.send(new CreateRoleCommand({ RoleName: 'DUP', AssumeRolePolicyDocument: trust }))).rejects.toMatchObject({
      name: 'EntityAlreadyExistsException',
    });
    await expect(
      iam.send(new PutRolePolicyCommand({ RoleName: 'dup', PolicyName: 'p', PolicyDocument: '{nope' })),
    ).rejects.toMatchObject({ name: 'MalformedPolicyDocumentException' });
    await expect(iam.send(new GetRolePolicyCommand({ RoleName: 'dup', PolicyName: 'none' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
    });
  });

  test('ListRoles pages with Marker and filters by path', async () => {
    const api = iamApi(sandbox.state);
    for (let i = 0; i < 5; i++) api.createRole('555555555555', { roleName: `r${i}`, assumeRolePolicyDocument: trust });
    api.createRole('555555555555', { roleName: 'svc', path: '/service-role/', assumeRolePolicyDocument: trust });
    const other = new IAMClient(clientConfig(sandbox, '555555555555'));
    const first = await other.send(new ListRolesCommand({ MaxItems: 4 }));
    expect(first.Roles?.map((r) => r.RoleName)).toEqual(['r0', 'r1', 'r2', 'r3']);
    expect(first.IsTruncated).toBe(true);
    const rest = await other.send(new ListRolesCommand({ MaxItems: 4, Marker: first.Marker }));
    expect(rest.Roles?.map((r) => r.RoleName)).toEqual(['r4', 'svc']);
    expect(rest.IsTruncated).toBe(false);
    const service = await other.send(new ListRolesCommand({ PathPrefix: '/service-role/' }));
    expect(service.Roles?.map((r) => r.RoleName)).toEqual(['svc']);
    other.destroy();
  });

  test('the internal API puts a policy on a role created elsewhere, such as QuickSight\'s service role', async () => {
    const api = iamApi(sandbox.state);
    api.createRole(TEST_ACCOUNT, {
      roleName: 'aws-quicksight-service-role-v0',
      path: '/service-role/',
      assumeRolePolicyDocument: trust,
    });
    api.putRolePolicy(TEST_ACCOUNT, 'aws-quicksight-service-role-v0', 'AWSQuickSightS3Policy', s3Access);
    const policy = await iam.send(
      new GetRolePolicyCommand({ RoleName: 'aws-quicksight-service-role-v0', PolicyName: 'AWSQuickSightS3Policy' }),
    );
    expect(decodeURIComponent(policy.PolicyDocument!)).toBe(s3Access);
    expect(() => api.putRolePolicy(TEST_ACCOUNT, 'no-such-role', 'p', s3Access)).toThrow(
      'The role with name no-such-role cannot be found.',
    );
  });
});
