/**
 * Whether QuickSight may read a bucket, decided as on AWS by the policies of
 * its service role in the sandbox's IAM. Signing up creates the role
 * aws-quicksight-service-role-v0 (path /service-role/); unless the sandbox
 * runs with no-s3-access it gets the policy the console writes when every
 * bucket is ticked. A learner (or the runner's fix) grants a bucket by
 * putting an inline policy on the role, and QuickSight sees it at once.
 *
 * Only what such policies hold is understood: Allow statements whose actions
 * and resources match with * and ? wildcards, and the AWS managed S3 policies
 * by ARN. Deny statements and conditions are not modelled.
 */
import { iamApi, type IamRole } from '../iam/api.js';
import type { SandboxRuntime } from '../types.js';

export const SERVICE_ROLE_NAME = 'aws-quicksight-service-role-v0';
export const SERVICE_ROLE_PATH = '/service-role/';
export const CONSOLE_S3_POLICY_NAME = 'AWSQuickSightS3Policy';

const TRUST_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { Service: 'quicksight.amazonaws.com' }, Action: 'sts:AssumeRole' },
  ],
});

const ALL_BUCKETS_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: 'arn:aws:s3:::*' },
    { Effect: 'Allow', Action: ['s3:ListBucket', 's3:GetBucketLocation'], Resource: 'arn:aws:s3:::*' },
    { Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: 'arn:aws:s3:::*/*' },
  ],
});

const S3_READ_MANAGED_POLICIES = new Set([
  'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
  'arn:aws:iam::aws:policy/AmazonS3FullAccess',
]);

/** Creates the service role as sign-up does, if it is not there yet. */
export function ensureServiceRole(sandbox: SandboxRuntime, account: string, grantAllBuckets: boolean): void {
  const iam = iamApi(sandbox);
  if (iam.getRole(account, SERVICE_ROLE_NAME)) return;
  iam.createRole(account, {
    roleName: SERVICE_ROLE_NAME,
    path: SERVICE_ROLE_PATH,
    assumeRolePolicyDocument: TRUST_POLICY,
    description: 'Created by the sandbox when the account signed up for QuickSight',
  });
  if (grantAllBuckets)
    iam.putRolePolicy(account, SERVICE_ROLE_NAME, CONSOLE_S3_POLICY_NAME, ALL_BUCKETS_POLICY);
}

/**
 * True when the role (the service role, or the data source's own RoleArn)
 * may list the bucket and get an object at `key`.
 */
export function canRead(
  sandbox: SandboxRuntime,
  account: string,
  bucket: string,
  key: string,
  roleArn?: string,
): boolean {
  const roleName = roleArn ? roleArn.split('/').at(-1)! : SERVICE_ROLE_NAME;
  const role = iamApi(sandbox).getRole(account, roleName);
  if (!role) return false;
  if (role.AttachedPolicyArns.some((arn) => S3_READ_MANAGED_POLICIES.has(arn))) return true;
  return (
    allows(role, 's3:ListBucket', `arn:aws:s3:::${bucket}`) &&
    allows(role, 's3:GetObject', `arn:aws:s3:::${bucket}/${key}`)
  );
}

function allows(role: IamRole, action: string, resource: string): boolean {
  for (const document of Object.values(role.Policies)) {
    let parsed: { Statement?: unknown };
    try {
      parsed = JSON.parse(document) as { Statement?: unknown };
    } catch {
      continue;
    }
    const statements = Array.isArray(parsed.Statement) ? parsed.Statement : [parsed.Statement];
    for (const statement of statements as Array<Record<string, unknown>>) {
      if (statement?.Effect !== 'Allow') continue;
      if (
        list(statement.Action).some((pattern) => matches(pattern, action, 'i')) &&
        list(statement.Resource).some((pattern) => matches(pattern, resource, ''))
      ) {
        return true;
      }
    }
  }
  return false;
}

function list(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** IAM wildcards; action names ignore case, resource ARNs do not. */
function matches(pattern: string, value: string, flags: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    flags,
  );
  return regex.test(value);
}
